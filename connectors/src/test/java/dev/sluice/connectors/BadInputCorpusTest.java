package dev.sluice.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sluice.connectors.filesystem.FileSystemConnectorFactory;
import dev.sluice.connectors.format.MalformedRecordException;
import dev.sluice.connectors.memory.MemoryTables;
import dev.sluice.connectors.socket.LineServer;
import dev.sluice.connectors.socket.SocketSourceFactory;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input, in CSV, JSON and raw files (read whole and in tiny pieces) and from the
 * socket source, as the first, a middle, the last record and the last without a newline, under
 * each {@code 'on-error'} policy. Each bad record is counted and skipped, dead-lettered with its
 * location, or fails the read naming its file (or socket) and line; reading never fails under
 * {@code skip} or {@code dead-letter}, and the rows that come out are exactly those of the good
 * records around the bad one: no wrong value gets through.
 */
class BadInputCorpusTest {
  enum Format {
    CSV,
    JSON,
    RAW
  }

  enum Position {
    FIRST,
    MIDDLE,
    LAST,
    LAST_WITHOUT_NEWLINE
  }

  enum Policy {
    SKIP("skip"),
    FAIL("fail"),
    DEAD_LETTER("dead-letter");

    final String option;

    Policy(String option) {
      this.option = option;
    }
  }

  enum Outcome {
    /** A good record in disguise: it must come out as the row of its clean text. */
    ROW,
    /** One malformed record. */
    MALFORMED,
    /** Neither a row nor malformed: a blank line, a header the table skips. */
    NOTHING,
    /**
     * Malformed, and allowed to take the records after it into itself (an unterminated quote):
     * those are then gone, but counted as part of it; none may come out wrong.
     */
    SWALLOWS
  }

  /**
   * One bad record in one format.
   *
   * @param bytes the record as it is in the input, without its line end
   * @param clean for {@link Outcome#ROW}, the record's text as a plain good record, else null
   * @param lineEnd what ends its line, when it is not {@code \n}
   */
  record Bad(byte[] bytes, Outcome outcome, String clean, String lineEnd, Map<String, String> options) {
    Bad(String text, Outcome outcome) {
      this(text.getBytes(StandardCharsets.UTF_8), outcome, null, "\n", Map.of());
    }
  }

  /** A kind of bad input, with its record in each format it applies to. */
  record Kind(String name, boolean firstOnly, boolean filesOnly, Map<Format, Bad> records) {}

  private static final Schema COLUMNS =
      new Schema(
          List.of(
              new Field("id", DataType.of(TypeKind.INTEGER)),
              new Field("amount", DataType.decimal(10, 2)),
              new Field("day", DataType.of(TypeKind.DATE)),
              new Field("at", DataType.of(TypeKind.TIME)),
              new Field("name", DataType.of(TypeKind.VARCHAR))));

  private static final Schema LINE =
      new Schema(List.of(new Field("line", DataType.of(TypeKind.VARCHAR))));

  /** The good records around the bad one; their line ends differ, as real files' do. */
  private static final Map<Format, List<String>> GOOD =
      Map.of(
          Format.CSV,
          List.of("1,1.50,2024-01-01,10:00:00,ann", "2,2.25,2024-02-29,23:59:59,\"b, c\"", "3,3,2024-03-03,00:00:00,dee"),
          Format.JSON,
          List.of(
              "{\"id\":1,\"amount\":1.50,\"day\":\"2024-01-01\",\"at\":\"10:00:00\",\"name\":\"ann\"}",
              "{\"id\":2,\"amount\":2.25,\"day\":\"2024-02-29\",\"at\":\"23:59:59\",\"name\":\"b, c\"}",
              "{\"id\":3,\"amount\":3,\"day\":\"2024-03-03\",\"at\":\"00:00:00\",\"name\":\"dee\"}"),
          Format.RAW,
          List.of("first line", "second, line", "third \"line\""));

  private static final List<String> GOOD_LINE_ENDS = List.of("\r", "\r\n", "\n");

  private static final byte[] INVALID_UTF8 = {'b', (byte) 0xC3, (byte) 0x28, 'd'};
  private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private static List<Kind> kinds() {
    List<Kind> kinds = new ArrayList<>();
    kinds.add(
        new Kind(
            "invalid UTF-8",
            false,
            false,
            Map.of(
                Format.CSV, new Bad(concat("9,9.00,2024-01-09,09:00:00,", INVALID_UTF8), Outcome.MALFORMED, null, "\n", Map.of()),
                Format.JSON,
                    new Bad(
                        concat("{\"id\":9,\"name\":\"", INVALID_UTF8, "\"}"), Outcome.MALFORMED, null, "\n", Map.of()),
                Format.RAW, new Bad(INVALID_UTF8, Outcome.MALFORMED, null, "\n", Map.of()))));
    Map<Format, Bad> marked = new HashMap<>();
    for (Format format : Format.values()) {
      String clean = withId(format, GOOD.get(format).get(0), 7);
      marked.put(format, new Bad(concat(BYTE_ORDER_MARK, clean), Outcome.ROW, clean, "\n", Map.of()));
    }
    kinds.add(new Kind("a byte-order mark", true, false, marked));
    for (String lineEnd : List.of("\r", "\r\n")) {
      Map<Format, Bad> ended = new HashMap<>();
      for (Format format : Format.values()) {
        String clean = withId(format, GOOD.get(format).get(2), 8);
        ended.put(format, new Bad(clean.getBytes(StandardCharsets.UTF_8), Outcome.ROW, clean, lineEnd, Map.of()));
      }
      kinds.add(new Kind(lineEnd.equals("\r") ? "a bare CR" : "a CRLF", false, false, ended));
    }
    kinds.add(
        new Kind(
            "a huge exponent in a DECIMAL",
            false,
            false,
            Map.of(
                Format.CSV, new Bad("9,1e999999999,2024-01-09,09:00:00,x", Outcome.MALFORMED),
                Format.JSON, new Bad("{\"id\":9,\"amount\":1e999999999}", Outcome.MALFORMED))));
    kinds.add(
        new Kind(
            "a huge exponent in an INT",
            false,
            false,
            Map.of(
                Format.CSV, new Bad("1e999999999,9.00,2024-01-09,09:00:00,x", Outcome.MALFORMED),
                Format.JSON, new Bad("{\"id\":1e999999999}", Outcome.MALFORMED))));
    kinds.add(
        new Kind(
            "an invalid date",
            false,
            false,
            Map.of(
                Format.CSV, new Bad("9,9.00,2024-02-30,09:00:00,x", Outcome.MALFORMED),
                Format.JSON, new Bad("{\"id\":9,\"day\":\"2024-02-30\"}", Outcome.MALFORMED))));
    kinds.add(
        new Kind(
            "an invalid time",
            false,
            false,
            Map.of(
                Format.CSV, new Bad("9,9.00,2024-01-09,24:00:00,x", Outcome.MALFORMED),
                Format.JSON, new Bad("{\"id\":9,\"at\":\"24:00:00\"}", Outcome.MALFORMED))));
    kinds.add(
        new Kind(
            "an unterminated quote",
            false,
            false,
            Map.of(
                Format.CSV, new Bad("9,9.00,2024-01-09,09:00:00,\"open", Outcome.SWALLOWS),
                Format.JSON, new Bad("{\"id\":9,\"name\":\"open}", Outcome.MALFORMED),
                Format.RAW, rawRow("9,\"open"))));
    kinds.add(
        new Kind(
            "too few fields",
            false,
            false,
            Map.of(Format.CSV, new Bad("9,9.00", Outcome.MALFORMED), Format.RAW, rawRow("9,9.00"))));
    kinds.add(
        new Kind(
            "too many fields",
            false,
            false,
            Map.of(Format.CSV, new Bad("9,9.00,2024-01-09,09:00:00,x,extra", Outcome.MALFORMED))));
    kinds.add(
        new Kind(
            "a value that does not fit its column",
            false,
            false,
            Map.of(
                Format.CSV, new Bad("x9,9.00,2024-01-09,09:00:00,x", Outcome.MALFORMED),
                Format.JSON, new Bad("{\"id\":3.5,\"name\":\"x\"}", Outcome.MALFORMED))));
    kinds.add(
        new Kind(
            "text that is not a record",
            false,
            false,
            Map.of(
                Format.CSV, new Bad("\"", Outcome.SWALLOWS),
                Format.JSON, new Bad("not json", Outcome.MALFORMED))));
    kinds.add(
        new Kind(
            "a blank line",
            false,
            false,
            Map.of(
                Format.CSV, new Bad("   ", Outcome.NOTHING),
                Format.JSON, new Bad("", Outcome.NOTHING),
                Format.RAW, rawRow("   "))));
    kinds.add(
        new Kind(
            "a header line",
            false,
            false,
            Map.of(Format.CSV, new Bad("id,amount,day,at,name", Outcome.MALFORMED), Format.RAW, rawRow("id,name"))));
    kinds.add(
        new Kind(
            "a header line the table skips",
            true,
            true,
            Map.of(
                Format.CSV,
                new Bad(
                    "id,amount,day,at,name".getBytes(StandardCharsets.UTF_8),
                    Outcome.NOTHING,
                    null,
                    "\n",
                    Map.of("csv.ignore-first-line", "true")))));
    return kinds;
  }

  /** {@code record} with another id (or, raw, another first word), so it is told apart. */
  private static String withId(Format format, String record, int id) {
    return switch (format) {
      case CSV -> id + record.substring(record.indexOf(','));
      case JSON -> record.replaceFirst("\"id\":\\d+", "\"id\":" + id);
      case RAW -> id + record.substring(record.indexOf(' '));
    };
  }

  private static Bad rawRow(String text) {
    return new Bad(text.getBytes(StandardCharsets.UTF_8), Outcome.ROW, text, "\n", Map.of());
  }

  private static byte[] concat(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      byte[] bytes = part instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) part;
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  /** The input of one case: the good records with the bad one at its position. */
  private record Input(byte[] bytes, int badLine, List<String> before, List<String> after) {}

  private static Input input(Format format, Bad bad, Position position) {
    List<String> good = GOOD.get(format);
    int at =
        switch (position) {
          case FIRST -> 0;
          case MIDDLE -> 1;
          case LAST, LAST_WITHOUT_NEWLINE -> 3;
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int lines = 0;
    for (int i = 0; i <= good.size(); i++) {
      boolean last = i == good.size();
      if (i == at) {
        out.writeBytes(bad.bytes());
        if (!(last && position == Position.LAST_WITHOUT_NEWLINE)) {
          out.writeBytes(bad.lineEnd().getBytes(StandardCharsets.UTF_8));
        }
        lines++;
      }
      if (!last) {
        out.writeBytes(good.get(i).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(GOOD_LINE_ENDS.get(i).getBytes(StandardCharsets.UTF_8));
        lines++;
      }
    }
    return new Input(out.toByteArray(), at + 1, good.subList(0, at), good.subList(at, good.size()));
  }

  @TempDir Path root;

  @TestFactory
  Stream<DynamicTest> everyKindInEveryPositionUnderEveryPolicy() {
    List<DynamicTest> tests = new ArrayList<>();
    int[] count = {0};
    for (Kind kind : kinds()) {
      for (Map.Entry<Format, Bad> entry : kind.records().entrySet()) {
        for (Position position : Position.values()) {
          if (kind.firstOnly() && position != Position.FIRST) continue;
          for (Policy policy : Policy.values()) {
            for (String source : List.of("file", "file in pieces", "socket")) {
              if (kind.filesOnly() && source.equals("socket")) continue;
              Format format = entry.getKey();
              Bad bad = entry.getValue();
              String name = kind.name() + ", " + format + ", " + position + ", " + policy + ", " + source;
              int n = count[0]++;
              tests.add(
                  DynamicTest.dynamicTest(
                      name, () -> check(n, source, format, bad, position, policy)));
            }
          }
        }
      }
    }
    return tests.stream();
  }

  private void check(int n, String sourceKind, Format format, Bad bad, Position position, Policy policy)
      throws Exception {
    Input input = input(format, bad, position);
    List<String> expectedBefore = rowsOf(format, input.before(), n + "-before");
    List<String> expectedAfter = rowsOf(format, input.after(), n + "-after");
    String cleanRow =
        bad.outcome() == Outcome.ROW ? rowsOf(format, List.of(bad.clean()), n + "-clean").get(0) : null;
    ConnectorServices services = new ConnectorServices();
    Map<String, String> options = new HashMap<>(bad.options());
    options.put("on-error", policy.option);
    if (policy == Policy.DEAD_LETTER) options.put("dead-letter.table", "dead");
    options.put("format", format.name().toLowerCase());

    RowBatch rows = new RowBatch();
    LineServer server = null;
    MalformedRecordException failure = null;
    Source source;
    String location;
    if (sourceKind.startsWith("file")) {
      Path directory = Files.createDirectories(root.resolve("case-" + n));
      Path file = directory.resolve("input." + format.name().toLowerCase());
      Files.write(file, input.bytes());
      if (sourceKind.equals("file in pieces")) options.put("max-bytes-per-trigger", "7");
      options.put("connector", "filesystem");
      options.put("path", directory.toString());
      source = fileSource(format, options, services);
      location = file + ":" + input.badLine();
      try {
        String offset = source.initialOffset();
        for (int batches = 0; batches < 1_000; batches++) {
          String latest = source.latestOffset();
          String end = latest.equals(offset) ? offset : source.limitOffset(offset, latest);
          if (end.equals(offset)) break;
          source.read(offset, end, rows);
          offset = end;
        }
      } catch (MalformedRecordException e) {
        failure = e;
      }
    } else {
      server = new LineServer(); // its own, so no reconnect of an earlier case reaches it
      options.put("connector", "socket");
      options.put("hostname", "127.0.0.1");
      options.put("port", Integer.toString(server.port()));
      ConnectorOptions connectorOptions = new ConnectorOptions("t", options);
      new SocketSourceFactory().validate(connectorOptions);
      source =
          new SocketSourceFactory()
              .createSource(new TableContext("t", format == Format.RAW ? LINE : COLUMNS, connectorOptions, services));
      server.awaitClient();
      server.sendBytes(input.bytes());
      if (position == Position.LAST_WITHOUT_NEWLINE) server.dropClient(); // ends the last line
      location = "127.0.0.1:" + server.port() + " line " + input.badLine();
      String latest = awaitLines(source, lines(input.bytes()));
      try {
        source.read(source.initialOffset(), latest, rows);
      } catch (MalformedRecordException e) {
        failure = e;
      }
    }
    try {
      List<String> actual = rowsOf(rows);
      boolean malformed = bad.outcome() == Outcome.MALFORMED || bad.outcome() == Outcome.SWALLOWS;
      if (policy == Policy.FAIL && malformed) {
        assertNotNull(failure, "fails on the bad record; rows: " + actual);
        assertTrue(
            failure.getMessage().contains(" at " + location + ": "),
            "names " + location + ": " + failure.getMessage());
        return;
      }
      if (failure != null) fail("the read failed: " + failure.getMessage());
      List<String> expected = new ArrayList<>(expectedBefore);
      if (cleanRow != null) expected.add(cleanRow);
      if (bad.outcome() == Outcome.SWALLOWS) {
        assertEquals(expected, actual.subList(0, Math.min(actual.size(), expected.size())));
        List<String> rest = actual.subList(expected.size(), actual.size());
        assertEquals(rest, expectedAfter.subList(expectedAfter.size() - rest.size(), expectedAfter.size()),
            "what comes out after the swallowed span are good records, unchanged");
        assertTrue(source.malformedRows() >= 1, "counted");
      } else {
        expected.addAll(expectedAfter);
        assertEquals(expected, actual, "exactly the good records");
        assertEquals(malformed ? 1 : 0, source.malformedRows(), "counted");
      }
      if (policy == Policy.DEAD_LETTER) {
        MemoryTables tables = services.get(MemoryTables.class, MemoryTables::new);
        long dead = malformed ? tables.size("dead") : 0;
        assertEquals(source.malformedRows(), dead, "each counted record is dead-lettered");
        if (malformed) assertEquals(location, tables.rows("dead", 0, 1).get(0)[1], "with its location");
      }
    } finally {
      source.close();
      if (server != null) server.close();
    }
  }

  private Source fileSource(Format format, Map<String, String> options, ConnectorServices services) {
    ConnectorOptions connectorOptions = new ConnectorOptions("t", options);
    new FileSystemConnectorFactory().validate(connectorOptions);
    return new FileSystemConnectorFactory()
        .createSource(new TableContext("t", format == Format.RAW ? LINE : COLUMNS, connectorOptions, services));
  }

  /** The rows a file of just {@code records}, one a line, reads as: what good input means. */
  private List<String> rowsOf(Format format, List<String> records, String name) throws IOException {
    Path directory = Files.createDirectories(root.resolve("clean-" + name));
    Files.writeString(directory.resolve("clean"), String.join("\n", records) + (records.isEmpty() ? "" : "\n"));
    Map<String, String> options = new HashMap<>();
    options.put("connector", "filesystem");
    options.put("path", directory.toString());
    options.put("format", format.name().toLowerCase());
    options.put("on-error", "fail");
    Source source = fileSource(format, options, new ConnectorServices());
    RowBatch rows = new RowBatch();
    String start = source.initialOffset();
    String end = source.limitOffset(start, source.latestOffset());
    if (!end.equals(start)) source.read(start, end, rows);
    List<String> values = rowsOf(rows);
    assertEquals(records.size(), values.size(), "the good records " + records + " are good");
    return values;
  }

  private static List<String> rowsOf(RowBatch batch) {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) rows.add(Arrays.toString(batch.row(i)));
    return rows;
  }

  /** The lines of {@code bytes}, ended by {@code \n}, {@code \r\n}, {@code \r} or the end. */
  private static int lines(byte[] bytes) {
    int lines = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n' || bytes[i] == '\r') {
        lines++;
        if (bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') i++;
      } else if (i == bytes.length - 1) {
        lines++;
      }
    }
    return lines;
  }

  /** The socket source's latest offset once it counts {@code lines} lines. */
  private static String awaitLines(Source source, long lines) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      String latest = source.latestOffset();
      if (latest.endsWith("\"lines\":" + lines + "}")) return latest;
      Thread.sleep(2);
    }
    throw new AssertionError("never received " + lines + " lines: " + source.latestOffset());
  }
}
