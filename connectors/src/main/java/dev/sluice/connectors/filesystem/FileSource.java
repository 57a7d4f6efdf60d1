package dev.sluice.connectors.filesystem;

import static dev.sluice.connectors.filesystem.FileSystemConnectorFactory.LATEST_FIRST;
import static dev.sluice.connectors.filesystem.FileSystemConnectorFactory.MAX_FILES_PER_TRIGGER;
import static dev.sluice.connectors.filesystem.FileSystemConnectorFactory.MONITOR_INTERVAL;

import dev.sluice.connectors.format.MalformedRecords;
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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Reads the files of a directory, each new file once and whole, in modification-time order (newest
 * first with {@code 'latest-first'}), at most {@code 'max-files-per-trigger'} files per batch.
 * Files are UTF-8 text in the table's format.
 *
 * <p><b>Files must appear atomically.</b> A file is read as soon as it is listed, so a writer must
 * not write it in place: write it elsewhere on the same file system, or under a name starting with
 * {@code .} or {@code _} (never listed), and move or rename it into place when it is complete. A
 * file is known by its name: one changed or replaced after it was read is not read again.
 *
 * <p>Replayable: the offset lists the files taken ({@link FileOffset}), so a batch redone after a
 * restart reads the same files, and with a checkpoint and an idempotent sink each record counts
 * once. Files must therefore stay until their batch is committed; a file that is gone when its
 * batch is read stops the query rather than being skipped.
 *
 * <p>A malformed record is handled by {@link MalformedRecords}, its location being the file and the
 * line it starts on. A directory that disappears is waited for, see {@link DirectoryListing}.
 */
public final class FileSource implements Source {
  private final String table;
  private final Path directory;
  private final RecordFormat format;
  private final RecordDecoder decoder;
  private final MalformedRecords malformed;
  private final long maxFilesPerTrigger;
  private final DirectoryListing listing;

  /** The text of the last listing, reused while the directory does not change. */
  private List<String> listedFiles;

  private String listedText;

  /** The last offsets parsed, by text: the same few come back every trigger. */
  private final String[] parsedTexts = new String[4];

  private final FileOffset[] parsedOffsets = new FileOffset[4];
  private int nextParsedSlot;

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

  /** Every visible file now, in reading order; see {@link FileOffset}. */
  @Override
  public String latestOffset() {
    List<String> files = listing.files();
    if (!files.equals(listedFiles)) {
      listedFiles = files;
      listedText = new FileOffset(files).text();
    }
    return listedText;
  }

  /** The start's files and the next new ones of {@code latest}, at most the per-trigger limit. */
  @Override
  public String limitOffset(String start, String latest) {
    FileOffset from = parse(start);
    Set<String> taken = new HashSet<>(from.files());
    List<String> files = new ArrayList<>(from.files());
    long added = 0;
    for (String file : parse(latest).files()) {
      if (added == maxFilesPerTrigger) break;
      if (taken.add(file)) {
        files.add(file);
        added++;
      }
    }
    return added == 0 ? start : new FileOffset(files).text();
  }

  @Override
  public void read(String start, String end, RowBatch out) {
    Set<String> before = new HashSet<>(parse(start).files());
    for (String file : parse(end).files()) {
      if (!before.contains(file)) readFile(directory.resolve(file), out);
    }
  }

  private void readFile(Path file, RowBatch out) {
    try (Utf8LineReader lines = new Utf8LineReader(Files.newInputStream(file));
        BufferedReader text = new BufferedReader(lines)) {
      format.readRecords(
          text,
          (line, record) -> {
            String location = file + ":" + line;
            if (!lines.isValid(line, line + lineBreaks(record))) {
              malformed.handle(record, location, "not valid UTF-8 text");
              return;
            }
            Object[] row = malformed.decode(decoder, record, location);
            if (row != null) out.insert(row);
          });
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

  /** Why the directory cannot be listed now (the source keeps its last listing and retries), or null. */
  @Override
  public String status() {
    return listingFailure();
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
