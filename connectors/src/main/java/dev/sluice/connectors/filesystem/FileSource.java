package dev.sluice.connectors.filesystem;

import static dev.sluice.connectors.filesystem.FileSystemConnectorFactory.LATEST_FIRST;
import static dev.sluice.connectors.filesystem.FileSystemConnectorFactory.MAX_BYTES_PER_TRIGGER;
import static dev.sluice.connectors.filesystem.FileSystemConnectorFactory.MAX_FILES_PER_TRIGGER;
import static dev.sluice.connectors.filesystem.FileSystemConnectorFactory.MONITOR_INTERVAL;

import dev.sluice.connectors.filesystem.DirectoryListing.ListedFile;
import dev.sluice.connectors.filesystem.FileOffset.Reading;
import dev.sluice.connectors.filesystem.FileOffset.TakenFile;
import dev.sluice.connectors.format.MalformedRecords;
import dev.sluice.connectors.format.RecordConsumer;
import dev.sluice.connectors.format.RecordDecoder;
import dev.sluice.connectors.format.RecordFormat;
import dev.sluice.connectors.format.Utf8LineReader;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.TableContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Reads the files of a directory, each new file once, in modification-time order (newest first
 * with {@code 'latest-first'}), at most {@code 'max-files-per-trigger'} files and about {@code
 * 'max-bytes-per-trigger'} bytes per batch: a file larger than what is left of a batch is read in
 * pieces over several batches, so memory stays bounded whatever the file's size. Files are UTF-8
 * text in the table's format.
 *
 * <p><b>Files must appear atomically.</b> A file is read as soon as it is listed, so a writer must
 * not write it in place: write it elsewhere on the same file system, or under a name starting with
 * {@code .} or {@code _} (never listed), and move or rename it into place when it is complete. A
 * file is known by its name: one changed or replaced after it was taken is not read again, and the
 * change is logged and shown in the source's status; of a file read in pieces, only the bytes it
 * had when it was taken are read.
 *
 * <p>Replayable: the offset names the files taken and the byte position in the one read in pieces
 * ({@link FileOffset}), so a batch redone after a restart reads the same records, and with a
 * checkpoint and an idempotent sink each record counts once. A piece holds the records that
 * <em>start</em> before its end position, so a record is never split; a restarted source finds
 * where a piece starts by splitting the file's records from its beginning up to there (without
 * decoding them). Files must stay until their batch is committed; a file that is gone when its
 * batch is read stops the query rather than being skipped.
 *
 * <p>The offset names the newest {@value #KEPT_NAMES} files taken; older ones are compacted into a
 * bound in reading order (see {@link FileOffset}), never past a listed file not yet read. A file
 * that shows up later with a modification time at or before that bound (moved in long after it
 * was written) is not read, with a warning, as Spark's {@code maxFileAge} ignores old files.
 *
 * <p>A malformed record is handled by {@link MalformedRecords}, its location being the file and the
 * line it starts on; a line that is not valid UTF-8 is a malformed record. A directory that
 * disappears is waited for, see {@link DirectoryListing}.
 */
public final class FileSource implements Source {
  /**
   * The default of {@code 'max-bytes-per-trigger'}: 8 MiB of JSON lines decode to about 40 MB of
   * rows, which a 256 MB heap holds with room for a stateless query's output.
   */
  static final long DEFAULT_MAX_BYTES_PER_TRIGGER = 8L << 20;

  /** Files named in an offset beyond those taken by its batch: about 40 bytes each. */
  static final int KEPT_NAMES = 1_000;

  private static final System.Logger LOG = System.getLogger(FileSource.class.getName());

  private final String table;
  private final Path directory;
  private final RecordFormat format;
  private final RecordDecoder decoder;
  private final MalformedRecords malformed;
  private final long maxFilesPerTrigger;
  private final long maxBytesPerTrigger;
  private final DirectoryListing listing;

  /** The last listing, by name, and its text, reused while the directory does not change. */
  private List<ListedFile> listedFiles;

  private Map<String, ListedFile> listedByName = Map.of();
  private String listedText;

  /** The last offset planned or read: what counts as taken when a change is noticed. */
  private FileOffset lastPlanned;

  private Set<String> lastPlannedNames = Set.of();
  private long changedFiles;
  private String changeWarning;

  /** The last offsets parsed, by text: the same few come back every trigger. */
  private final String[] parsedTexts = new String[4];

  private final FileOffset[] parsedOffsets = new FileOffset[4];
  private int nextParsedSlot;

  /**
   * Where the records of a piece start, by file and piece end, found while reading the piece
   * before it, so the next piece need not look for it from the file's start.
   */
  private final Map<String, RecordStart> pieceStarts =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RecordStart> eldest) {
          return size() > 4;
        }
      };

  /** A source of {@code context}'s directory on the system clock. */
  public FileSource(TableContext context) {
    this(context, System::currentTimeMillis);
  }

  /** A source whose listing interval and backoff follow {@code clock} (milliseconds). */
  FileSource(TableContext context, LongSupplier clock) {
    ConnectorOptions options = context.options();
    this.table = context.tableName();
    this.directory = FileSystemConnectorFactory.directory(options);
    this.format = RecordFormat.of(table, context.schema(), options, null);
    this.decoder = format.decoder();
    this.malformed = MalformedRecords.of(context);
    this.maxFilesPerTrigger = options.getLong(MAX_FILES_PER_TRIGGER, Long.MAX_VALUE);
    if (maxFilesPerTrigger < 1) {
      throw new IllegalArgumentException(
          "Option '"
              + MAX_FILES_PER_TRIGGER
              + "' of table '"
              + table
              + "' must be at least 1, not "
              + maxFilesPerTrigger);
    }
    this.maxBytesPerTrigger =
        MemorySizes.bytes(options, MAX_BYTES_PER_TRIGGER, DEFAULT_MAX_BYTES_PER_TRIGGER);
    long interval = Durations.millis(options, MONITOR_INTERVAL, 0);
    this.listing =
        new DirectoryListing(
            directory, table, options.getBoolean(LATEST_FIRST, false), interval, clock);
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException(
          "The 'path' of filesystem table '"
              + table
              + "' is "
              + directory
              + ", which is not a directory"
              + (Files.exists(directory) ? "" : " (it does not exist)")
              + ". Create it, or point 'path' at the directory the files arrive in");
    }
  }

  @Override
  public String initialOffset() {
    return FileOffset.EMPTY.text();
  }

  /** The names of every visible file now, in reading order; see {@link FileOffset}. */
  @Override
  public String latestOffset() {
    List<ListedFile> files = listing.files();
    if (files != listedFiles) {
      Map<String, ListedFile> byName = new HashMap<>(files.size() * 2);
      for (ListedFile file : files) byName.put(file.name(), file);
      if (listedFiles != null && lastPlanned != null) noticeChanges(byName);
      if (!files.equals(listedFiles)) {
        List<String> names = new ArrayList<>(files.size());
        for (ListedFile file : files) names.add(file.name());
        listedText = FileOffset.namesText(names);
      }
      listedFiles = files;
      listedByName = byName;
    }
    return listedText;
  }

  /**
   * Warns of each taken file whose size or modification time changed since the last listing, and
   * of each new file that compaction already counts as taken.
   */
  private void noticeChanges(Map<String, ListedFile> now) {
    for (ListedFile file : now.values()) {
      ListedFile before = listedByName.get(file.name());
      TakenFile key = new TakenFile(file.name(), file.modified());
      boolean taken = lastPlannedNames.contains(file.name());
      if (before != null && !before.equals(file)) {
        taken |= lastPlanned.coveredByCompaction(new TakenFile(before.name(), before.modified()));
        if (!taken) continue;
        changedFiles++;
        changeWarning =
            "file "
                + file.name()
                + " changed after it was taken ("
                + before.size()
                + " bytes modified at "
                + before.modified()
                + " ms, now "
                + file.size()
                + " bytes modified at "
                + file.modified()
                + " ms); the change is not read";
        LOG.log(
            Level.WARNING,
            "File {0} of table ''{1}'' changed after it was taken ({2} bytes modified at {3} ms,"
                + " now {4} bytes modified at {5} ms); the change is not read. Write files"
                + " elsewhere and move them into the directory when they are complete",
            directory.resolve(file.name()),
            table,
            Long.toString(before.size()),
            Long.toString(before.modified()),
            Long.toString(file.size()),
            Long.toString(file.modified()));
      } else if (before == null && !taken && lastPlanned.coveredByCompaction(key)) {
        changedFiles++;
        changeWarning =
            "file "
                + file.name()
                + " is not read: it appeared with a modification time ("
                + file.modified()
                + " ms) older than the "
                + KEPT_NAMES
                + " newest files taken";
        LOG.log(
            Level.WARNING,
            "File {0} of table ''{1}'' is not read: it appeared with a modification time ({2} ms)"
                + " at or before files already taken and forgotten (the offset names the {3}"
                + " newest). Move files in soon after writing them, or touch them",
            directory.resolve(file.name()),
            table,
            Long.toString(file.modified()),
            KEPT_NAMES);
      }
    }
  }

  /**
   * The start's files, then the next new ones of {@code latest} within the per-trigger limits: at
   * most {@code 'max-files-per-trigger'} files (a file read on counts as one) and {@code
   * 'max-bytes-per-trigger'} bytes, the last file taken in part when it does not fit.
   */
  @Override
  public String limitOffset(String start, String latest) {
    FileOffset from = parse(start);
    List<TakenFile> files = new ArrayList<>(from.files().size() + 16);
    Set<String> taken = new HashSet<>();
    for (TakenFile file : from.files()) {
      files.add(withKnownTime(file));
      taken.add(file.name());
    }
    int named = files.size();
    long bytesLeft = maxBytesPerTrigger;
    long filesLeft = maxFilesPerTrigger;
    Reading reading = from.reading();
    boolean moved = false;
    if (reading != null) {
      taken.add(reading.name());
      long rest = reading.length() - reading.position();
      if (rest <= bytesLeft) {
        files.add(reading.file());
        bytesLeft -= rest;
        reading = null;
      } else {
        reading =
            new Reading(
                reading.name(),
                reading.modified(),
                reading.length(),
                reading.position() + bytesLeft);
        bytesLeft = 0;
      }
      filesLeft--;
      moved = true;
    }
    for (TakenFile candidate : parse(latest).files()) {
      if (filesLeft == 0 || bytesLeft == 0) break;
      ListedFile file = listedByName.get(candidate.name());
      if (file == null || taken.contains(file.name())) continue;
      TakenFile key = new TakenFile(file.name(), file.modified());
      if (from.coveredByCompaction(key)) continue; // taken long ago, or warned of as too old
      taken.add(file.name());
      filesLeft--;
      moved = true;
      if (file.size() <= bytesLeft) {
        files.add(key);
        bytesLeft -= file.size();
      } else {
        reading = new Reading(file.name(), file.modified(), file.size(), bytesLeft);
        bytesLeft = 0;
      }
    }
    if (!moved) return start;
    FileOffset planned = compact(files, named, from.through(), reading, taken);
    remember(planned);
    return planned.text();
  }

  /** A first-version file entry with its modification time from the listing, when it is there. */
  private TakenFile withKnownTime(TakenFile file) {
    if (file.modified() >= 0) return file;
    ListedFile listed = listedByName.get(file.name());
    return listed == null ? file : new TakenFile(file.name(), listed.modified());
  }

  /**
   * Moves the oldest of the first {@code named} files (those taken before this batch) into the
   * bound when more than {@link #KEPT_NAMES} are named, never past a listed file not taken yet.
   */
  private FileOffset compact(
      List<TakenFile> files, int named, TakenFile through, Reading reading, Set<String> taken) {
    // without a listing the files not read yet are unknown, and the bound must not pass them
    if (named <= KEPT_NAMES || listedFiles == null) return new FileOffset(files, through, reading);
    List<TakenFile> older = new ArrayList<>(files.subList(0, named));
    older.sort(TakenFile.ORDER);
    TakenFile limit = older.get(named - KEPT_NAMES - 1);
    TakenFile firstWaiting = null;
    for (ListedFile file : listedFiles) {
      TakenFile key = new TakenFile(file.name(), file.modified());
      boolean compacted = through != null && TakenFile.ORDER.compare(key, through) <= 0;
      if (taken.contains(file.name()) || compacted) continue;
      if (firstWaiting == null || TakenFile.ORDER.compare(key, firstWaiting) < 0) {
        firstWaiting = key;
      }
    }
    TakenFile bound = through;
    for (TakenFile file : older) {
      if (TakenFile.ORDER.compare(file, limit) > 0) break;
      if (firstWaiting != null && TakenFile.ORDER.compare(file, firstWaiting) >= 0) break;
      bound = file;
    }
    if (bound == through) return new FileOffset(files, through, reading);
    List<TakenFile> kept = new ArrayList<>(files.size());
    for (int i = 0; i < files.size(); i++) {
      TakenFile file = files.get(i);
      if (i >= named || TakenFile.ORDER.compare(file, bound) > 0) kept.add(file);
    }
    return new FileOffset(kept, bound, reading);
  }

  private void remember(FileOffset planned) {
    lastPlanned = planned;
    Set<String> names = new HashSet<>(planned.files().size() * 2);
    for (TakenFile file : planned.files()) names.add(file.name());
    if (planned.reading() != null) names.add(planned.reading().name());
    lastPlannedNames = names;
  }

  @Override
  public void read(String start, String end, RowBatch out) {
    FileOffset from = parse(start);
    FileOffset to = parse(end);
    if (lastPlanned == null) remember(to);
    Set<String> before = new HashSet<>();
    for (TakenFile file : from.files()) before.add(file.name());
    Reading continued = from.reading();
    if (continued != null) {
      before.add(continued.name());
      boolean goesOn = to.reading() != null && to.reading().name().equals(continued.name());
      long pieceEnd = goesOn ? to.reading().position() : continued.length();
      readPiece(continued.name(), continued.length(), continued.position(), pieceEnd, out);
    }
    for (TakenFile file : to.files()) {
      if (!before.contains(file.name())) {
        readPiece(file.name(), Long.MAX_VALUE, 0, Long.MAX_VALUE, out);
      }
    }
    Reading started = to.reading();
    if (started != null && !before.contains(started.name())) {
      readPiece(started.name(), started.length(), 0, started.position(), out);
    }
  }

  /** Where a record starts: its byte position and line number in its file. */
  private record RecordStart(long position, long line) {
    static final RecordStart FILE_START = new RecordStart(0, 1);
  }

  /**
   * Stops splitting a file at the first record of the next piece. Formats push records to a
   * consumer, and this is how the consumer ends a piece without reading the rest of a large file;
   * no stack trace is made.
   */
  private static final class EndOfPiece extends RuntimeException {
    final RecordStart next;

    EndOfPiece(RecordStart next) {
      super(null, null, false, false);
      this.next = next;
    }
  }

  /**
   * Reads into {@code out} the records of {@code name} that start at or after {@code from} and
   * before {@code to}, within its first {@code length} bytes.
   */
  private void readPiece(String name, long length, long from, long to, RowBatch out) {
    Path file = directory.resolve(name);
    RecordStart first = from == 0 ? RecordStart.FILE_START : pieceStarts.get(name + ":" + from);
    if (first == null) first = findRecordStart(file, length, from);
    if (first.position() >= to) {
      pieceStarts.put(name + ":" + to, first); // a long record spans the whole piece
      return;
    }
    RecordStart begin = first;
    RecordStart next =
        splitRecords(
            file,
            begin,
            length,
            to,
            (lines, line, record) -> {
              String location = file + ":" + (begin.line() + line - 1);
              if (!lines.isValid(line, line + lineBreaks(record))) {
                malformed.handle(record, location, "not valid UTF-8 text");
                return;
              }
              Object[] row = malformed.decode(decoder, record, location);
              if (row != null) out.insert(row);
            });
    if (to < length) pieceStarts.put(name + ":" + to, next);
  }

  /** The first record of {@code file} that starts at or after {@code position}. */
  private RecordStart findRecordStart(Path file, long length, long position) {
    LOG.log(
        Level.DEBUG,
        "Table ''{0}'' looks for the record at byte {1} of {2} from the file''s start",
        table,
        Long.toString(position),
        file);
    return splitRecords(
        file, RecordStart.FILE_START, length, position, (lines, line, record) -> {});
  }

  /** Receives a record with the reader it came from, for the validity of its lines. */
  private interface PieceConsumer {
    void accept(Utf8LineReader lines, long line, String record);
  }

  /**
   * Splits the records of {@code file} from {@code start} on, within {@code length} bytes, handing
   * those that start before {@code end} to {@code consumer}.
   *
   * @return where the first record at or after {@code end} starts, or the end of the file
   */
  private RecordStart splitRecords(
      Path file, RecordStart start, long length, long end, PieceConsumer consumer) {
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      channel.position(start.position());
      Utf8LineReader lines =
          new Utf8LineReader(
              Channels.newInputStream(channel), start.position(), length - start.position());
      BufferedReader text = new BufferedReader(lines);
      RecordConsumer records =
          (line, record) -> {
            long position = lines.lineStart(line);
            if (position >= end) {
              throw new EndOfPiece(new RecordStart(position, start.line() + line - 1));
            }
            consumer.accept(lines, line, record);
          };
      if (start.position() == 0) {
        format.readRecords(text, records);
      } else {
        format.readRecordsAfterStart(text, records);
      }
      return new RecordStart(Math.min(length, channel.size()), -1);
    } catch (EndOfPiece e) {
      return e.next;
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "File "
              + file
              + " of filesystem table '"
              + table
              + "' is in this batch but no longer exists, so the batch cannot be read (again)."
              + " Files must stay in the directory until the query has committed them",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read file " + file + " of filesystem table '" + table + "': " + e.getMessage(),
          e);
    }
  }

  private static long lineBreaks(String record) {
    long count = 0;
    for (int i = record.indexOf('\n'); i >= 0; i = record.indexOf('\n', i + 1)) count++;
    return count;
  }

  @Override
  public boolean isReplayable() {
    return true;
  }

  @Override
  public long malformedRows() {
    return malformed.count();
  }

  /**
   * Why the directory could not be listed at the last attempt, or null when it could: a query whose
   * directory is gone keeps running on the files listed before.
   */
  public String listingFailure() {
    return listing.failure();
  }

  /** Taken files noticed to change since this source started, and files not read as too old. */
  public long changedFiles() {
    return changedFiles;
  }

  /**
   * Why the directory cannot be listed now (the source keeps its last listing and retries), and
   * the last file noticed to change after it was taken; null when neither happened.
   */
  @Override
  public String status() {
    String failure = listingFailure();
    if (changeWarning == null) return failure;
    String changes =
        changedFiles == 1
            ? changeWarning
            : changedFiles + " files changed after they were taken or came too late; the last: "
                + changeWarning;
    return failure == null ? changes : failure + "; " + changes;
  }

  private FileOffset parse(String text) {
    for (int i = 0; i < parsedTexts.length; i++) {
      if (text.equals(parsedTexts[i])) return parsedOffsets[i];
    }
    FileOffset offset = FileOffset.parse(text, table);
    parsedTexts[nextParsedSlot] = text;
    parsedOffsets[nextParsedSlot] = offset;
    nextParsedSlot = (nextParsedSlot + 1) % parsedTexts.length;
    return offset;
  }
}
