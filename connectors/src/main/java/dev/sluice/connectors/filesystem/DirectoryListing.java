package dev.sluice.connectors.filesystem;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The files of a watched directory in reading order: by modification time, then name (newest first
 * with {@code latest-first}). Names starting with {@code .} or {@code _} are left out, as Spark and
 * Hadoop do, so a writer can write {@code .name.tmp} and rename it, and a sink's manifest directory
 * is not read as data; so are subdirectories.
 *
 * <p>A directory that cannot be listed (deleted, unmounted, not readable) is not taken for an empty
 * one: the last successful listing stands, the failure is logged, and listing is tried again after
 * a backoff that doubles from {@value #FIRST_BACKOFF_MILLIS} ms up to {@value #MAX_BACKOFF_MILLIS}
 * ms, so a query keeps running, reads nothing new meanwhile, and resumes when the directory is
 * back.
 */
final class DirectoryListing {
  static final long FIRST_BACKOFF_MILLIS = 1_000;
  static final long MAX_BACKOFF_MILLIS = 60_000;
  private static final System.Logger LOG = System.getLogger(DirectoryListing.class.getName());

  /** A file of the directory as listed: its name, modification time and size in bytes. */
  record ListedFile(String name, long modified, long size) {}

  private final Path directory;
  private final String table;
  private final Comparator<ListedFile> order;
  private final long monitorIntervalMillis;
  private final LongSupplier clock;

  private List<ListedFile> last = List.of();
  private boolean listed;
  private long listedAt;
  private int failures;
  private long nextAttemptAt;
  private String failure;

  /**
   * @param monitorIntervalMillis list at most this often; 0 lists at every call
   * @param clock wall-clock milliseconds, for the interval and the backoff
   */
  DirectoryListing(
      Path directory,
      String table,
      boolean latestFirst,
      long monitorIntervalMillis,
      LongSupplier clock) {
    this.directory = directory;
    this.table = table;
    Comparator<ListedFile> oldestFirst =
        Comparator.comparingLong(ListedFile::modified).thenComparing(ListedFile::name);
    this.order = latestFirst ? oldestFirst.reversed() : oldestFirst;
    this.monitorIntervalMillis = monitorIntervalMillis;
    this.clock = clock;
  }

  /**
   * The visible files now, in reading order, or the last listing while the directory is gone or
   * the monitor interval has not passed (then the very same list).
   */
  List<ListedFile> files() {
    long now = clock.getAsLong();
    if (failures > 0 && now < nextAttemptAt) return last;
    if (listed && failures == 0 && now - listedAt < monitorIntervalMillis) {
      return last;
    }
    try {
      last = list();
      listedAt = now;
      listed = true;
      if (failures > 0) {
        LOG.log(
            Level.INFO,
            "Directory {0} of table ''{1}'' can be listed again after {2} failed attempts",
            directory,
            table,
            failures);
      }
      failures = 0;
      failure = null;
    } catch (IOException | RuntimeException e) {
      failures++;
      long backoff =
          Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(failures - 1, 16));
      nextAttemptAt = now + backoff;
      failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.log(
          Level.WARNING,
          "Directory {0} of table ''{1}'' cannot be listed ({2}); attempt {3} failed, next in {4}"
              + " ms. The query goes on with the {5} files listed before and reads nothing new"
              + " until the directory is back",
          directory,
          table,
          failure,
          failures,
          backoff,
          last.size());
    }
    return last;
  }

  /** Why the directory could not be listed at the last attempt, or null when it could. */
  String failure() {
    return failure;
  }

  /** Listing attempts that failed in a row; 0 when the last one worked. */
  int failures() {
    return failures;
  }

  private List<ListedFile> list() throws IOException {
    List<ListedFile> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path file : stream) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") || name.startsWith("_")) continue;
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
          continue; // moved away or deleted between listing and looking: not there
        }
        if (attributes.isRegularFile()) {
          entries.add(
              new ListedFile(name, attributes.lastModifiedTime().toMillis(), attributes.size()));
        }
      }
    }
    entries.sort(order);
    return entries;
  }
}
