package dev.sluice.connectors.socket;

import static dev.sluice.connectors.socket.SocketSourceFactory.HOSTNAME;
import static dev.sluice.connectors.socket.SocketSourceFactory.MAX_ROWS_PER_TRIGGER;
import static dev.sluice.connectors.socket.SocketSourceFactory.PORT;

import dev.sluice.connectors.format.CsvFormat;
import dev.sluice.connectors.format.MalformedRecords;
import dev.sluice.connectors.format.RecordDecoder;
import dev.sluice.connectors.format.RecordFormat;
import dev.sluice.connectors.format.Utf8LineReader;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.TableContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Reads text lines from a TCP server, as Spark's socket source does: the source connects when the
 * query starts (and refuses to start when nothing listens), a thread of its own receives lines into
 * memory, and each trigger takes the lines received since the last one. Lines are UTF-8, separated
 * by {@code \n}, {@code \r\n} or {@code \r}; a line that is not valid UTF-8 is a malformed record
 * (see {@link MalformedRecords}), and a byte-order mark at the start of a connection is left out.
 * When the server closes the connection or it breaks, the failure is logged and the source connects
 * again, waiting 1 s, then 2 s, doubling up to 30 s between
 * attempts; the query keeps running meanwhile.
 *
 * <p><b>Not replayable.</b> Received lines exist only in this source's memory until their batch is
 * committed, and the server does not send them again. So, even with a checkpoint:
 *
 * <ul>
 *   <li>lines received but not yet committed when the query stops or crashes are lost, including a
 *       batch that was planned but not finished: redoing it after the restart reads nothing;
 *   <li>lines the server sends while no query is connected are lost (unless the server keeps them);
 *   <li>each line is therefore delivered at most once, never twice, but not exactly once; state and
 *       the results already delivered are kept across the restart as for any source.
 * </ul>
 *
 * Use it for demos and experiments, and the filesystem or Kafka source when input must survive a
 * restart. Lines wait in memory until their batch is committed, so a query much slower than its
 * input holds a growing backlog; a batch takes at most {@code 'max-rows-per-trigger'} of them
 * (default {@value #DEFAULT_MAX_ROWS_PER_TRIGGER}).
 */
public final class SocketSource implements Source {
  /**
   * The default of {@code 'max-rows-per-trigger'}: a batch decodes at most this many lines, as
   * Kafka's {@code max.poll.records} bounds a poll, so a backlog is worked off in pieces.
   */
  static final long DEFAULT_MAX_ROWS_PER_TRIGGER = 100_000;

  static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  static final long FIRST_BACKOFF_MILLIS = 1_000;
  static final long MAX_BACKOFF_MILLIS = 30_000;
  private static final System.Logger LOG = System.getLogger(SocketSource.class.getName());

  private final String table;
  private final String hostname;
  private final int port;
  private final long maxRowsPerTrigger;
  private final RecordDecoder decoder;

  /** Whether blank lines are left out, as the CSV and JSON formats leave them out of files. */
  private final boolean skipsBlankLines;
  private final MalformedRecords malformed;
  private final String session = UUID.randomUUID().toString();
  private final Thread receiver;

  /** Guards the buffered lines. */
  private final Object lock = new Object();

  /** Lines received and not yet committed; the first is line {@link #firstBuffered}. */
  private final ArrayList<String> buffered = new ArrayList<>();

  private long firstBuffered;

  /** Which buffered lines, by index from the run's first line, were not valid UTF-8. */
  private final TreeSet<Long> invalidLines = new TreeSet<>();
  private volatile boolean closed;
  private volatile Socket socket;
  private volatile int reconnects;

  public SocketSource(TableContext context) {
    this.table = context.tableName();
    this.hostname = context.options().require(HOSTNAME).trim();
    long portNumber = context.options().getLong(PORT, -1);
    if (portNumber < 1 || portNumber > 65_535) {
      throw new IllegalArgumentException(
          "Option 'port' of table '"
              + table
              + "' must be a TCP port from 1 to 65535, not '"
              + context.options().get(PORT)
              + "'");
    }
    this.port = (int) portNumber;
    this.maxRowsPerTrigger =
        context.options().getLong(MAX_ROWS_PER_TRIGGER, DEFAULT_MAX_ROWS_PER_TRIGGER);
    if (maxRowsPerTrigger < 1) {
      throw new IllegalArgumentException(
          "Option '"
              + MAX_ROWS_PER_TRIGGER
              + "' of table '"
              + table
              + "' must be at least 1, not "
              + maxRowsPerTrigger);
    }
    for (String fileOnly : List.of(CsvFormat.IGNORE_FIRST_LINE, CsvFormat.ALLOW_COMMENTS)) {
      if (context.options().has(fileOnly)) {
        throw new IllegalArgumentException(
            "Option '"
                + fileOnly
                + "' of table '"
                + table
                + "' applies to files; a socket table decodes every line it receives");
      }
    }
    RecordFormat format =
        RecordFormat.of(table, context.schema(), context.options(), RecordFormat.RAW);
    this.decoder = format.decoder();
    this.skipsBlankLines = !format.name().equals(RecordFormat.RAW);
    this.malformed = MalformedRecords.of(context);
    Socket first;
    try {
      first = connect();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Socket table '"
              + table
              + "' cannot connect to "
              + address()
              + ": "
              + e.getMessage()
              + ". Start the server first, for example with: nc -lk "
              + port,
          e);
    }
    receiver = new Thread(() -> receive(first), "sluice-socket-" + table);
    receiver.setDaemon(true);
    receiver.start();
  }

  private Socket connect() throws IOException {
    Socket connection = new Socket();
    try {
      connection.connect(new InetSocketAddress(hostname, port), CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      connection.close();
      throw e;
    }
    socket = connection;
    if (closed) connection.close();
    return connection;
  }

  private String address() {
    return hostname + ":" + port;
  }

  /**
   * The receiving thread: reads lines, and connects again with backoff when the connection ends.
   */
  private void receive(Socket first) {
    Socket current = first;
    long backoff = FIRST_BACKOFF_MILLIS;
    while (!closed) {
      if (current == null) {
        try {
          Thread.sleep(backoff);
          current = connect();
          reconnects++;
          LOG.log(Level.INFO, "Socket table ''{0}'' is connected to {1} again", table, address());
          backoff = FIRST_BACKOFF_MILLIS;
        } catch (InterruptedException e) {
          return;
        } catch (IOException e) {
          backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
          LOG.log(
              Level.WARNING,
              "Socket table ''{0}'' cannot connect to {1} ({2}); next attempt in {3} ms",
              table,
              address(),
              e.getMessage(),
              backoff);
          continue;
        }
      }
      String ending;
      try (Utf8LineReader bytes = new Utf8LineReader(current.getInputStream());
          BufferedReader in = new BufferedReader(bytes)) {
        long number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          boolean valid = bytes.isValid(++number, number);
          synchronized (lock) {
            if (!valid) invalidLines.add(firstBuffered + buffered.size());
            buffered.add(line);
          }
        }
        ending = "the server closed the connection";
      } catch (IOException e) {
        ending = e.getMessage();
      }
      current = null;
      if (!closed) {
        LOG.log(
            Level.WARNING,
            "Socket table ''{0}'' lost its connection to {1} ({2}); connecting again in {3} ms",
            table,
            address(),
            ending,
            backoff);
      }
    }
  }

  @Override
  public String initialOffset() {
    return new SocketOffset(session, 0).text();
  }

  @Override
  public String latestOffset() {
    synchronized (lock) {
      return new SocketOffset(session, firstBuffered + buffered.size()).text();
    }
  }

  /** At most {@code 'max-rows-per-trigger'} lines after {@code start}. */
  @Override
  public String limitOffset(String start, String latest) {
    SocketOffset from = SocketOffset.parse(start, table);
    SocketOffset to = SocketOffset.parse(latest, table);
    if (!to.session().equals(session)) return latest;
    long first = from.session().equals(session) ? from.lines() : 0;
    if (to.lines() - first <= maxRowsPerTrigger) return latest;
    return new SocketOffset(session, first + maxRowsPerTrigger).text();
  }

  @Override
  public void read(String start, String end, RowBatch out) {
    SocketOffset from = SocketOffset.parse(start, table);
    SocketOffset to = SocketOffset.parse(end, table);
    if (!to.session().equals(session)) {
      LOG.log(
          Level.WARNING,
          "Socket table ''{0}'': a batch planned before the restart is redone, but its lines"
              + " were received by the previous run and cannot be read again; they are lost",
          table);
      return;
    }
    long first = 0;
    if (from.session().equals(session)) {
      first = from.lines();
    } else {
      LOG.log(
          Level.INFO,
          "Socket table ''{0}'' resumes on a new connection to {1}; lines the previous run"
              + " received after its last commit were not committed and are lost",
          table,
          address());
    }
    List<String> lines;
    Set<Long> invalid;
    synchronized (lock) {
      if (first < firstBuffered || to.lines() > firstBuffered + buffered.size()) {
        throw new IllegalStateException(
            "Socket table '"
                + table
                + "' holds lines "
                + firstBuffered
                + " to "
                + (firstBuffered + buffered.size())
                + ", not "
                + first
                + " to "
                + to.lines());
      }
      lines =
          new ArrayList<>(
              buffered.subList((int) (first - firstBuffered), (int) (to.lines() - firstBuffered)));
      invalid = new HashSet<>(invalidLines.subSet(first, to.lines()));
    }
    long number = first;
    for (String line : lines) {
      String location = address() + " line " + (number + 1);
      boolean valid = !invalid.contains(number++);
      if (valid && skipsBlankLines && line.isBlank()) continue;
      if (!valid) {
        malformed.handle(line, location, "not valid UTF-8 text");
        continue;
      }
      Object[] row = malformed.decode(decoder, line, location);
      if (row != null) out.insert(row);
    }
  }

  /** Forgets the lines up to {@code end}: they are committed. */
  @Override
  public void commit(String end) {
    SocketOffset committed = SocketOffset.parse(end, table);
    if (!committed.session().equals(session)) return;
    synchronized (lock) {
      long drop = Math.min(committed.lines() - firstBuffered, buffered.size());
      if (drop > 0) {
        buffered.subList(0, (int) drop).clear();
        firstBuffered += drop;
        invalidLines.headSet(firstBuffered).clear();
      }
    }
  }

  @Override
  public boolean isReplayable() {
    return false;
  }

  @Override
  public long malformedRows() {
    return malformed.count();
  }

  /** How often the source connected again after losing its connection. */
  public int reconnects() {
    return reconnects;
  }

  @Override
  public void close() {
    closed = true;
    Socket current = socket;
    try {
      if (current != null) current.close();
    } catch (IOException e) {
      // closing anyway
    }
    receiver.interrupt();
    try {
      receiver.join(CONNECT_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
