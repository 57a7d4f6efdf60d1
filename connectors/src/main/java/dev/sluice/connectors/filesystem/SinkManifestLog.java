package dev.sluice.connectors.filesystem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The commit log of a {@link FileSink}, in {@code _sluice_manifest/} of its directory: the file
 * {@code N} holds batch N's {@link SinkManifest}, written atomically (the commit). Every {@value
 * #COMPACT_INTERVAL} batches the manifests since the last compaction and the one before are folded
 * into {@code N.compact}, which keeps the manifests of the last {@value #RETAINED_BATCHES} batches
 * only, and the folded files are deleted, as Spark's {@code CompactibleFileStreamLog} does. So the
 * log holds at most {@value #COMPACT_INTERVAL} plus one files and about {@value
 * #RETAINED_BATCHES} manifests however many batches ran: a month of one-second batches keeps the
 * same few kilobytes as an hour.
 *
 * <p>A crash at any point leaves either the folded files or the compaction that replaces them;
 * opening the log finishes the deletions. The log remembers batches only as far back as it keeps
 * them: the output files of older batches stay in the directory, but the log does not list them.
 */
final class SinkManifestLog {
  static final String DIRECTORY = "_sluice_manifest";
  /** As Spark's {@code spark.sql.streaming.fileSink.log.compactInterval}. */
  static final int COMPACT_INTERVAL = 10;
  /**
   * How many of the latest batches the log keeps: a query restarted from a checkpoint up to this
   * many batches older than the sink's output can still have its repeated batches checked.
   */
  static final int RETAINED_BATCHES = 100;

  private static final String COMPACT_SUFFIX = ".compact";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A compaction: the manifests of the retained batches up to {@code batchId}. */
  record Compaction(long batchId, List<SinkManifest> manifests) {}

  private final Path directory;
  private final TreeMap<Long, SinkManifest> manifests = new TreeMap<>();
  private long lastCompaction = -1;

  private SinkManifestLog(Path directory) {
    this.directory = directory;
  }

  /**
   * Reads the log of the sink in {@code sinkDirectory}, making it when missing, and finishes a
   * compaction a crash interrupted.
   *
   * @throws IOException naming the file, when a manifest or compaction is truncated or damaged
   */
  static SinkManifestLog open(Path sinkDirectory) throws IOException {
    SinkManifestLog log = new SinkManifestLog(sinkDirectory.resolve(DIRECTORY));
    Files.createDirectories(log.directory);
    log.load();
    return log;
  }

  private void load() throws IOException {
    List<Long> batches = new ArrayList<>();
    List<Long> compactions = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path file : stream) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".tmp")) {
          Files.deleteIfExists(file); // a write that a crash interrupted, before its rename
        } else if (isBatchId(name)) {
          batches.add(Long.parseLong(name));
        } else if (name.endsWith(COMPACT_SUFFIX) && isBatchId(name.substring(0, name.length() - COMPACT_SUFFIX.length()))) {
          compactions.add(Long.parseLong(name.substring(0, name.length() - COMPACT_SUFFIX.length())));
        }
      }
    }
    if (!compactions.isEmpty()) {
      lastCompaction = compactions.stream().mapToLong(Long::longValue).max().getAsLong();
      for (SinkManifest manifest : read(compactionFile(lastCompaction), Compaction.class).manifests()) {
        manifests.put(manifest.batchId(), manifest);
      }
    }
    batches.sort(null);
    for (long batchId : batches) {
      if (batchId <= lastCompaction) continue;
      SinkManifest manifest = read(manifestFile(batchId), SinkManifest.class);
      if (manifest.batchId() != batchId) {
        throw new IOException("Sink manifest " + manifestFile(batchId) + " holds batch " + manifest.batchId()
            + ", not the batch its name says; it was copied in from elsewhere. Put back the manifest of batch " + batchId);
      }
      manifests.put(batchId, manifest);
    }
    removeFolded();
  }

  /** The highest committed batch id, -1 for none. */
  long lastCommitted() {
    return manifests.isEmpty() ? lastCompaction : manifests.lastKey();
  }

  /** The manifest of a committed batch, if the log still keeps it. */
  Optional<SinkManifest> manifest(long batchId) {
    return Optional.ofNullable(manifests.get(batchId));
  }

  /** The manifests the log keeps, by batch id. */
  Collection<SinkManifest> manifests() {
    return manifests.values();
  }

  /** Where a batch's manifest is kept now, for messages: its own file or the compaction holding it. */
  Path fileOf(long batchId) {
    return batchId <= lastCompaction ? compactionFile(lastCompaction) : manifestFile(batchId);
  }

  /** Commits a batch: writes its manifest atomically, and compacts when one is due. */
  void commit(SinkManifest manifest) throws IOException {
    long batchId = manifest.batchId();
    SinkManifest.replaceDurably(manifestFile(batchId), JSON.writeValueAsBytes(manifest));
    manifests.put(batchId, manifest);
    if ((batchId + 1) % COMPACT_INTERVAL == 0) compact(batchId);
  }

  private void compact(long batchId) throws IOException {
    manifests.headMap(batchId - RETAINED_BATCHES, true).clear();
    List<SinkManifest> kept = new ArrayList<>(manifests.headMap(batchId, true).values());
    SinkManifest.replaceDurably(compactionFile(batchId), JSON.writeValueAsBytes(new Compaction(batchId, kept)));
    lastCompaction = batchId;
    removeFolded();
  }

  /** Deletes the manifests and compactions that the latest compaction replaced. */
  private void removeFolded() throws IOException {
    if (lastCompaction < 0) return;
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path file : stream) {
        String name = file.getFileName().toString();
        String id = name.endsWith(COMPACT_SUFFIX) ? name.substring(0, name.length() - COMPACT_SUFFIX.length()) : name;
        if (!isBatchId(id)) continue;
        long batchId = Long.parseLong(id);
        if (batchId < lastCompaction || (batchId == lastCompaction && !name.endsWith(COMPACT_SUFFIX))) Files.deleteIfExists(file);
      }
    }
  }

  private <T> T read(Path file, Class<T> type) throws IOException {
    byte[] content = Files.readAllBytes(file);
    try {
      return JSON.readValue(content, type);
    } catch (JsonProcessingException e) {
      throw new IOException("Sink manifest " + file + " is truncated or damaged (" + content.length + " bytes: " + e.getOriginalMessage()
          + "), so which files its batches committed is unknown. Restore it from a backup, or write the query's output to a new"
          + " directory", e);
    }
  }

  private Path manifestFile(long batchId) {
    return directory.resolve(Long.toString(batchId));
  }

  private Path compactionFile(long batchId) {
    return directory.resolve(batchId + COMPACT_SUFFIX);
  }

  private static boolean isBatchId(String name) {
    return !name.isEmpty() && name.length() <= 18 && name.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
