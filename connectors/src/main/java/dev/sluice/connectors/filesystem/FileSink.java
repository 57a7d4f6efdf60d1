package dev.sluice.connectors.filesystem;

import dev.sluice.connectors.format.RecordEncoder;
import dev.sluice.connectors.format.RecordFormat;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.TableContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Writes each batch of a query as one file {@code part-<batchId>.<format>} in the table's
 * directory, one record per line, and commits it with a {@link SinkManifest}:
 *
 * <ol>
 *   <li>the rows go to {@code .part-<batchId>.<format>.inprogress}, forced to disk (names starting
 *       with {@code .} are never read by a {@link FileSource});
 *   <li>the manifest {@code _sluice_manifest/<batchId>} is written atomically: the commit;
 *   <li>the file is renamed to its final name.
 * </ol>
 *
 * A crash between 2 and 3 is finished when the sink opens again. A batch id that already has a
 * manifest is not written again, so a batch redone after a restart appears once; readers that
 * follow the manifests, or list the directory, see only committed files.
 *
 * <p>Modes: append (and update mode for a query that never updates or deletes a row) adds a file
 * per batch. In complete mode each batch's file holds the whole result table, and once it is
 * committed the files and manifests of earlier batches are deleted, so the directory holds the
 * current result. Files cannot apply deletes: {@link #supportsDeletes()} is false, so an
 * update-mode query that may retract rows is refused when it starts.
 *
 * <p>As in Spark, a query writing to this sink should have a checkpoint location, and the directory
 * takes one query: batch ids identify the output. A query that starts again from batch 0 without
 * its checkpoint, into a directory holding later batches, is stopped at its first batch instead of
 * having its output skipped.
 */
public final class FileSink implements Sink {
  private static final System.Logger LOG = System.getLogger(FileSink.class.getName());

  private final String table;
  private final Path directory;
  private final RecordFormat format;
  private final RecordEncoder encoder;

  private OutputMode mode;
  private String queryId;

  /** The highest batch id with a manifest, -1 for none. */
  private long lastCommitted = -1;

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
    try {
      Files.createDirectories(directory.resolve(SinkManifest.DIRECTORY));
      List<Long> committed = SinkManifest.batchIds(directory);
      Set<String> listed = new HashSet<>();
      for (long batchId : committed) {
        Optional<SinkManifest> manifest = SinkManifest.read(directory, batchId);
        if (manifest.isPresent()) listed.addAll(finish(manifest.get()));
      }
      removeUnlisted(listed);
      if (!committed.isEmpty()) lastCommitted = committed.get(committed.size() - 1);
      if (mode == OutputMode.COMPLETE && lastCommitted >= 0) removeBefore(lastCommitted);
    } catch (IOException e) {
      throw failure("open", e);
    }
  }

  /** Renames the files of a committed batch whose renames a crash interrupted; returns them. */
  private List<String> finish(SinkManifest manifest) throws IOException {
    for (String file : manifest.files()) {
      Path target = directory.resolve(file);
      Path temp = directory.resolve(temporaryName(file));
      if (!Files.exists(target) && Files.exists(temp)) SinkManifest.moveAtomically(temp, target);
    }
    return manifest.files();
  }

  /** Deletes temporary files of batches that never committed. */
  private void removeUnlisted(Set<String> listed) throws IOException {
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, ".part-*.inprogress")) {
      for (Path temp : stream) {
        String name = temp.getFileName().toString();
        String file = name.substring(1, name.length() - ".inprogress".length());
        if (!listed.contains(file)) Files.deleteIfExists(temp);
      }
    }
  }

  @Override
  public void write(long batchId, RowBatch rows) {
    if (mode == null) {
      throw new IllegalStateException(
          "Filesystem sink of table '" + table + "' was written before open");
    }
    try {
      if (!written && batchId < lastCommitted) {
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
      if (SinkManifest.read(directory, batchId).isPresent()) {
        LOG.log(
            Level.INFO,
            "Batch {0} of query {1} is already committed to {2}; not writing it again",
            batchId,
            queryId,
            directory);
        written = true;
        return;
      }
      commit(batchId, rows);
    } catch (IOException e) {
      throw failure("write batch " + batchId + " to", e);
    }
    written = true;
  }

  private void commit(long batchId, RowBatch rows) throws IOException {
    String file = String.format(Locale.ROOT, "part-%08d.%s", batchId, format.fileExtension());
    List<String> files = rows.isEmpty() ? List.of() : List.of(file);
    Path temp = directory.resolve(temporaryName(file));
    if (!rows.isEmpty()) SinkManifest.writeDurably(temp, encode(rows));
    new SinkManifest(batchId, queryId, mode.sqlName(), files, rows.size()).write(directory);
    if (!rows.isEmpty()) SinkManifest.moveAtomically(temp, directory.resolve(file));
    lastCommitted = Math.max(lastCommitted, batchId);
    if (mode == OutputMode.COMPLETE) removeBefore(batchId);
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

  /** In complete mode, the output of batches before {@code batchId}, which it replaces. */
  private void removeBefore(long batchId) throws IOException {
    for (long earlier : SinkManifest.batchIds(directory)) {
      if (earlier >= batchId) break;
      Optional<SinkManifest> manifest = SinkManifest.read(directory, earlier);
      if (manifest.isPresent()) {
        for (String file : manifest.get().files()) Files.deleteIfExists(directory.resolve(file));
      }
      Files.deleteIfExists(SinkManifest.file(directory, earlier));
    }
  }

  private static String temporaryName(String file) {
    return "." + file + ".inprogress";
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
