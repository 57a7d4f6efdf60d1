package dev.sluice.connectors.filesystem;

import dev.sluice.connectors.filesystem.SinkManifest.PartFile;
import dev.sluice.connectors.format.RecordEncoder;
import dev.sluice.connectors.format.RecordFormat;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.QueryStatus;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.TableContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes each batch of a query into the table's directory, one record per line, and commits it
 * with a {@link SinkManifest} in the {@link SinkManifestLog}:
 *
 * <ol>
 *   <li>the rows go to a hidden temporary file, forced to disk (names starting with {@code .} are
 *       never read by a {@link FileSource});
 *   <li>the manifest, with each file's size and CRC-32 and the digest of the batch's input, is
 *       written atomically: the commit;
 *   <li>the file is renamed to its final name.
 * </ol>
 *
 * A crash between 2 and 3 is finished when the sink opens again, which also checks that every file
 * the log lists is there (and that the last batch's files have their checksums). A batch id that
 * is already committed is not written again, so a batch redone after a restart appears once; a
 * repeat over other input than it was committed with is refused (see {@link #write}). Readers that
 * list the directory see only committed files.
 *
 * <p>Modes: append (and update mode for a query that never updates or deletes a row) adds a file
 * {@code part-<batchId>.<format>} per batch. Complete mode keeps one file, {@code
 * result.<format>}, holding the whole result table: each batch's result is renamed over it, so a
 * reader that opens it reads one whole result, never two and never none, even across a crash.
 * Files cannot apply deletes: {@link #supportsDeletes()} is false, so an update-mode query that may
 * retract rows is refused when it starts.
 *
 * <p>As in Spark, a query writing to this sink should have a checkpoint location, and the directory
 * takes one query: batch ids identify the output. A query that starts again from batch 0 without
 * its checkpoint, into a directory holding later batches, is stopped at the first batch whose input
 * differs from what the directory holds under its id, instead of having its output skipped.
 */
public final class FileSink implements Sink {
  private static final System.Logger LOG = System.getLogger(FileSink.class.getName());
  private static final String INPROGRESS = ".inprogress";

  /** What to do about a committed part file that no longer is what its manifest says. */
  private static final String RESTORE_OR_MOVE_ON = "Restore it from a backup, or write the query's output to a new directory";

  private final String table;
  private final Path directory;
  private final RecordFormat format;
  private final RecordEncoder encoder;

  private OutputMode mode;
  private String queryId;
  private Supplier<QueryStatus> status;
  private SinkManifestLog log;

  private boolean written;

  public FileSink(TableContext context) {
    this.table = context.tableName();
    this.directory = FileSystemConnectorFactory.directory(context.options());
    this.format = RecordFormat.of(table, context.schema(), context.options(), null);
    this.encoder = format.encoder();
  }

  @Override
  public void open(SinkContext context) {
    this.mode = context.mode();
    this.queryId = context.queryId();
    this.status = context.status();
    try {
      log = SinkManifestLog.open(directory);
      Set<String> committedTemporaries = new HashSet<>();
      SinkManifest last = null;
      for (SinkManifest manifest : log.manifests()) {
        committedTemporaries.add(temporaryName(manifest.batchId()));
        last = manifest;
      }
      for (SinkManifest manifest : log.manifests()) {
        // In complete mode each result replaced the one before: only the last one's file is there.
        if (mode != OutputMode.COMPLETE || manifest == last) finish(manifest, manifest == last);
      }
      removeUncommitted(committedTemporaries);
    } catch (IOException e) {
      throw failure("open", e);
    }
  }

  /**
   * Renames the files of a committed batch whose rename a crash interrupted, and checks that they
   * are there as the manifest lists them; their checksums too when {@code verifyContent}.
   */
  private void finish(SinkManifest manifest, boolean verifyContent) throws IOException {
    for (PartFile file : manifest.files()) {
      Path target = directory.resolve(file.name());
      Path temp = directory.resolve(temporaryName(manifest.batchId()));
      if (Files.exists(temp)) SinkManifest.moveAtomically(temp, target);
      byte[] content = null;
      long size;
      try {
        size = Files.size(target);
        if (verifyContent && file.crc32() != null) content = Files.readAllBytes(target);
      } catch (NoSuchFileException e) {
        throw new IOException("Part file " + target + ", committed by batch " + manifest.batchId() + " in manifest "
            + log.fileOf(manifest.batchId()) + ", is missing. Put it back, or write the query's output to a new directory", e);
      }
      if (file.bytes() >= 0 && size != file.bytes()) {
        throw new IOException("Part file " + target + " holds " + size + " bytes, but batch " + manifest.batchId() + " committed "
            + file.bytes() + " (manifest " + log.fileOf(manifest.batchId()) + "): it was changed after the commit. " + RESTORE_OR_MOVE_ON);
      }
      if (content != null && !SinkManifest.checksum(content).equals(file.crc32())) {
        throw new IOException("Part file " + target + " does not match the checksum batch " + manifest.batchId() + " committed in manifest "
            + log.fileOf(manifest.batchId()) + ": it was changed or damaged after the commit. " + RESTORE_OR_MOVE_ON);
      }
    }
  }

  /** Deletes temporary files of batches that never committed. */
  private void removeUncommitted(Set<String> committed) throws IOException {
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, ".{part,result}-*" + INPROGRESS)) {
      for (Path temp : stream) {
        if (!committed.contains(temp.getFileName().toString())) Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Writes and commits a batch, or skips a batch id already committed. The batch's input digest
   * ({@link QueryStatus#inputDigest()}) tells a redo, which is skipped, from a repeat of the id over
   * other input, which is refused: the query then runs on another or an older checkpoint than the
   * one that wrote the directory, and skipping would lose its rows.
   */
  @Override
  public void write(long batchId, RowBatch rows) {
    if (mode == null) {
      throw new IllegalStateException(
          "Filesystem sink of table '" + table + "' was written before open");
    }
    String inputDigest = status.get().inputDigest();
    long lastCommitted = log.lastCommitted();
    if (inputDigest != null && batchId <= lastCommitted) {
      checkRepeatedInput(batchId, inputDigest, lastCommitted);
    } else if (inputDigest == null && !written && batchId < lastCommitted) {
      throw new IllegalStateException(
          "Filesystem sink of table '"
              + table
              + "' holds batches up to "
              + lastCommitted
              + " in "
              + directory
              + ", but query "
              + queryId
              + " starts at batch "
              + batchId
              + ": it runs without the checkpoint that wrote them. Start it with that"
              + " 'checkpoint.location', or write to a new directory");
    }
    written = true;
    if (log.manifest(batchId).isPresent() || batchId <= lastCommitted) {
      LOG.log(
          Level.INFO,
          "Batch {0} of query {1} is already committed to {2}; not writing it again",
          batchId,
          queryId,
          directory);
      return;
    }
    try {
      commit(batchId, inputDigest, rows);
    } catch (IOException e) {
      throw failure("write batch " + batchId + " to", e);
    }
  }

  private void checkRepeatedInput(long batchId, String inputDigest, long lastCommitted) {
    SinkManifest committed = log.manifest(batchId).orElse(null);
    if (committed == null) {
      throw new IllegalStateException(
          "Filesystem sink of table '" + table + "' holds batches up to " + lastCommitted + " in " + directory
              + " and keeps the record of the last " + SinkManifestLog.RETAINED_BATCHES + " only, but query " + queryId
              + " runs batch " + batchId + " again: its checkpoint is older than this output (a restored backup?), and whether"
              + " the batch had the same input cannot be told. Restart it with the checkpoint that wrote " + directory
              + ", or write to a new directory");
    }
    if (committed.inputDigest() != null && !committed.inputDigest().equals(inputDigest)) {
      throw new IllegalStateException(
          "Filesystem sink of table '" + table + "' committed batch " + batchId + " to " + directory + " over other input (digest "
              + committed.inputDigest() + ", in " + log.fileOf(batchId) + ") than query " + queryId + " runs it over now (digest "
              + inputDigest + "): the query's checkpoint is not the one that wrote this output, or an older copy of it, and"
              + " skipping the batch would lose its rows. Restart it with the checkpoint that wrote " + directory
              + ", or write to a new directory");
    }
  }

  private void commit(long batchId, String inputDigest, RowBatch rows) throws IOException {
    boolean complete = mode == OutputMode.COMPLETE;
    String file = complete ? resultName() : String.format(Locale.ROOT, "part-%08d.%s", batchId, format.fileExtension());
    // An empty complete result is an empty file: the result before it is no longer true.
    boolean hasFile = complete || !rows.isEmpty();
    byte[] content = hasFile ? encode(rows) : null;
    Path temp = directory.resolve(temporaryName(batchId));
    if (hasFile) SinkManifest.writeDurably(temp, content);
    List<PartFile> files = hasFile ? List.of(PartFile.of(file, content)) : List.of();
    log.commit(new SinkManifest(batchId, queryId, mode.sqlName(), inputDigest, files, rows.size()));
    if (hasFile) SinkManifest.moveAtomically(temp, directory.resolve(file));
    if (complete) removeReplaced(batchId);
  }

  /**
   * In complete mode, files of earlier batches other than the result file: the per-batch files an
   * earlier version of this sink wrote, which the result file replaces.
   */
  private void removeReplaced(long batchId) throws IOException {
    for (SinkManifest earlier : log.manifests()) {
      if (earlier.batchId() >= batchId) break;
      for (PartFile file : earlier.files()) {
        if (!file.name().equals(resultName())) Files.deleteIfExists(directory.resolve(file.name()));
      }
    }
  }

  private byte[] encode(RowBatch rows) {
    StringBuilder text = new StringBuilder(rows.size() * 32);
    for (int i = 0; i < rows.size(); i++) {
      if (!rows.kind(i).isAccumulate()) {
        throw new IllegalStateException(
            "Filesystem sink of table '"
                + table
                + "' received a "
                + rows.kind(i).shortString()
                + " row, which files cannot apply; use append or complete mode");
      }
      text.append(encoder.encode(rows.row(i))).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The one file of a complete-mode sink. */
  private String resultName() {
    return "result." + format.fileExtension();
  }

  /** Where batch N's file is written before its commit; per batch, so a crash leaves no doubt whose it is. */
  private String temporaryName(long batchId) {
    String stem = mode == OutputMode.COMPLETE ? "result" : "part";
    return String.format(Locale.ROOT, ".%s-%08d.%s%s", stem, batchId, format.fileExtension(), INPROGRESS);
  }

  private UncheckedIOException failure(String action, IOException e) {
    return new UncheckedIOException(
        "Filesystem sink of table '"
            + table
            + "' cannot "
            + action
            + " "
            + directory
            + ": "
            + e.getMessage(),
        e);
  }

  @Override
  public boolean supportsDeletes() {
    return false;
  }
}
