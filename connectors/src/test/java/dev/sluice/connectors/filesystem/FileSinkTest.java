package dev.sluice.connectors.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.data.RowKind;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.OutputMode;
import dev.sluice.runtime.spi.QueryStatus;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.TableContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
  @TempDir Path directory;

  /** The input digest of the batch the next write belongs to, as the query hands it over. */
  private String inputDigest;

  private FileSink sink(String format, OutputMode mode) {
    Map<String, String> options =
        Map.of("connector", "filesystem", "path", directory.toString(), "format", format);
    FileSink sink =
        new FileSink(
            new TableContext(
                "out",
                FileSourceTest.SCHEMA,
                new ConnectorOptions("out", options),
                new ConnectorServices()));
    sink.open(new SinkContext(FileSourceTest.SCHEMA, mode, null, "q1", () -> new QueryStatus(null, 0, inputDigest)));
    return sink;
  }

  private List<String> visibleFiles() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private String read(String file) throws IOException {
    return Files.readString(directory.resolve(file));
  }

  @Test
  void eachBatchIsAFileCommittedByAManifest() throws IOException {
    FileSink sink = sink("json", OutputMode.APPEND);
    sink.write(0, RowBatch.of(new Object[] {1, "a"}, new Object[] {2, null}));
    sink.write(1, RowBatch.of(new Object[] {3, "c"}));
    assertEquals(
        List.of("_sluice_manifest", "part-00000000.json", "part-00000001.json"), visibleFiles());
    assertEquals(
        "{\"id\":1,\"word\":\"a\"}\n{\"id\":2,\"word\":null}\n", read("part-00000000.json"));
    assertEquals(
        "{\"batchId\":1,\"queryId\":\"q1\",\"mode\":\"append\",\"inputDigest\":null,"
            + "\"files\":[{\"name\":\"part-00000001.json\",\"bytes\":20,\"crc32\":\"dde3d6c8\"}],\"rows\":1}",
        read("_sluice_manifest/1"));
  }

  @Test
  void aPartFileTheManifestListsButThatIsMissingOrChangedIsReportedWhenTheSinkOpens() throws IOException {
    FileSink sink = sink("csv", OutputMode.APPEND);
    sink.write(0, RowBatch.of(new Object[] {1, "a"}));
    sink.write(1, RowBatch.of(new Object[] {2, "b"}));
    Files.delete(directory.resolve("part-00000000.csv"));
    String missing = assertThrows(RuntimeException.class, () -> sink("csv", OutputMode.APPEND)).getMessage();
    assertTrue(missing.contains(directory.resolve("part-00000000.csv").toString()) && missing.contains("is missing")
        && missing.contains(directory.resolve("_sluice_manifest").resolve("0").toString()), missing);
    Files.writeString(directory.resolve("part-00000000.csv"), "1,a\n");
    Files.writeString(directory.resolve("part-00000001.csv"), "2,c\n");
    String changed = assertThrows(RuntimeException.class, () -> sink("csv", OutputMode.APPEND)).getMessage();
    assertTrue(changed.contains(directory.resolve("part-00000001.csv").toString()) && changed.contains("checksum"), changed);
  }

  @Test
  void anOlderPartFileOfAnotherSizeIsReportedByNameWithWhatToDo() throws IOException {
    FileSink sink = sink("csv", OutputMode.APPEND);
    sink.write(0, RowBatch.of(new Object[] {1, "a"}));
    sink.write(1, RowBatch.of(new Object[] {2, "b"}));
    Files.writeString(directory.resolve("part-00000000.csv"), "1,a\n9,z\n");
    String changed = assertThrows(RuntimeException.class, () -> sink("csv", OutputMode.APPEND)).getMessage();
    assertTrue(changed.contains(directory.resolve("part-00000000.csv").toString()) && changed.contains("holds 8 bytes")
        && changed.contains("Restore it from a backup, or write the query's output to a new directory"), changed);
  }

  @Test
  void aTruncatedManifestIsReportedByName() throws IOException {
    sink("csv", OutputMode.APPEND).write(0, RowBatch.of(new Object[] {1, "a"}));
    Path manifest = directory.resolve("_sluice_manifest").resolve("0");
    String text = Files.readString(manifest);
    Files.writeString(manifest, text.substring(0, text.length() / 2));
    String message = assertThrows(RuntimeException.class, () -> sink("csv", OutputMode.APPEND)).getMessage();
    assertTrue(message.contains(manifest.toString()) && message.contains("truncated or damaged"), message);
  }

  @Test
  void aBatchRepeatedOverOtherInputIsRefusedAndOverTheSameInputSkipped() throws IOException {
    inputDigest = "digest-of-batch-0";
    sink("csv", OutputMode.APPEND).write(0, RowBatch.of(new Object[] {1, "a"}));
    FileSink restarted = sink("csv", OutputMode.APPEND);
    restarted.write(0, RowBatch.of(new Object[] {1, "a"}));
    assertEquals("1,a\n", read("part-00000000.csv"));
    inputDigest = "another-range";
    String message = assertThrows(IllegalStateException.class, () -> restarted.write(0, RowBatch.of(new Object[] {1, "a"}, new Object[] {2, "b"})))
        .getMessage();
    assertTrue(message.contains("batch 0") && message.contains("other input") && message.contains("digest-of-batch-0")
        && message.contains("another-range"), message);
  }

  @Test
  void manifestsAreCompactedSoAMonthOfBatchesKeepsBoundedBookkeeping() throws IOException {
    FileSink sink = sink("csv", OutputMode.APPEND);
    // Each batch forces two files to disk; 300 batches keep the test short and are thirty compactions.
    for (long batch = 0; batch < 300; batch++) {
      inputDigest = "input-" + batch;
      sink.write(batch, batch % 100 == 0 ? RowBatch.of(new Object[] {(int) batch, "x"}) : new RowBatch());
    }
    Path manifests = directory.resolve("_sluice_manifest");
    long files;
    long bytes = 0;
    try (Stream<Path> listed = Files.list(manifests)) {
      List<Path> all = listed.toList();
      files = all.size();
      for (Path f : all) bytes += Files.size(f);
    }
    assertTrue(files <= SinkManifestLog.COMPACT_INTERVAL + 1, files + " manifest files after 300 batches");
    assertTrue(bytes < 20_000, bytes + " bytes of manifests after 300 batches");
    FileSink restarted = sink("csv", OutputMode.APPEND);
    inputDigest = "input-299";
    restarted.write(299, RowBatch.of(new Object[] {7, "not again"}));
    inputDigest = "input-300";
    restarted.write(300, RowBatch.of(new Object[] {8, "y"}));
    assertEquals("8,y\n", read("part-00000300.csv"));
    assertFalse(Files.exists(directory.resolve("part-00000299.csv")), "batch 299 was committed empty and is skipped");
    assertEquals("200,x\n", read("part-00000200.csv"), "the output of batches the log no longer lists stays");
  }

  @Test
  void aManifestOfTheFormatBeforeChecksumsIsStillRead() throws IOException {
    Files.createDirectories(directory.resolve("_sluice_manifest"));
    Files.writeString(directory.resolve("part-00000000.csv"), "1,a\n");
    Files.writeString(directory.resolve("_sluice_manifest/0"),
        "{\"batchId\":0,\"queryId\":\"q1\",\"mode\":\"append\",\"files\":[\"part-00000000.csv\"],\"rows\":1}");
    FileSink sink = sink("csv", OutputMode.APPEND);
    sink.write(0, RowBatch.of(new Object[] {1, "a"}));
    sink.write(1, RowBatch.of(new Object[] {2, "b"}));
    assertEquals(List.of("_sluice_manifest", "part-00000000.csv", "part-00000001.csv"), visibleFiles());
  }

  @Test
  void aBatchWrittenAgainAfterARestartIsNotWrittenTwice() throws IOException {
    sink("csv", OutputMode.APPEND).write(0, RowBatch.of(new Object[] {1, "a"}));
    FileSink restarted = sink("csv", OutputMode.APPEND);
    restarted.write(0, RowBatch.of(new Object[] {1, "a"}, new Object[] {99, "not again"}));
    restarted.write(1, RowBatch.of(new Object[] {2, "b"}));
    assertEquals("1,a\n", read("part-00000000.csv"));
    assertEquals("2,b\n", read("part-00000001.csv"));
  }

  @Test
  void aCommitInterruptedBeforeTheRenameIsFinishedWhenTheSinkOpens() throws IOException {
    sink("csv", OutputMode.APPEND).write(0, RowBatch.of(new Object[] {1, "a"}));
    // as if the process died after writing the manifest, before renaming the file
    Files.move(
        directory.resolve("part-00000000.csv"), directory.resolve(".part-00000000.csv.inprogress"));
    // and died while writing batch 1, before its manifest
    Files.writeString(directory.resolve(".part-00000001.csv.inprogress"), "2,half");
    sink("csv", OutputMode.APPEND);
    assertEquals(List.of("_sluice_manifest", "part-00000000.csv"), visibleFiles());
    assertFalse(
        Files.exists(directory.resolve(".part-00000001.csv.inprogress")),
        "an uncommitted batch leaves nothing");
    assertEquals("1,a\n", read("part-00000000.csv"));
  }

  @Test
  void completeModeKeepsOneResultFileReplacedAtomically() throws IOException {
    FileSink sink = sink("csv", OutputMode.COMPLETE);
    sink.write(0, RowBatch.of(new Object[] {1, "a"}));
    assertEquals(List.of("_sluice_manifest", "result.csv"), visibleFiles());
    sink.write(1, RowBatch.of(new Object[] {1, "a"}, new Object[] {2, "b"}));
    assertEquals(List.of("_sluice_manifest", "result.csv"), visibleFiles());
    assertEquals("1,a\n2,b\n", read("result.csv"));
    sink.write(2, new RowBatch());
    assertEquals("", read("result.csv"), "an empty result is an empty file, not the one before");
  }

  @Test
  void aCompleteModeCommitInterruptedBeforeItsRenameIsFinishedWhenTheSinkOpens() throws IOException {
    FileSink sink = sink("csv", OutputMode.COMPLETE);
    sink.write(0, RowBatch.of(new Object[] {1, "a"}));
    sink.write(1, RowBatch.of(new Object[] {1, "a"}, new Object[] {2, "b"}));
    // as if the process died after committing batch 1's manifest, before its result replaced batch 0's
    Files.writeString(directory.resolve(".result-00000001.csv.inprogress"), read("result.csv"));
    Files.writeString(directory.resolve("result.csv"), "1,a\n");
    sink("csv", OutputMode.COMPLETE);
    assertEquals(List.of("_sluice_manifest", "result.csv"), visibleFiles());
    assertEquals("1,a\n2,b\n", read("result.csv"));
  }

  @Test
  void aQueryStartingOverWithoutItsCheckpointIsStopped() {
    FileSink first = sink("csv", OutputMode.APPEND);
    first.write(0, RowBatch.of(new Object[] {1, "a"}));
    first.write(1, RowBatch.of(new Object[] {2, "b"}));
    FileSink again = sink("csv", OutputMode.APPEND);
    String message =
        assertThrows(
                IllegalStateException.class,
                () -> again.write(0, RowBatch.of(new Object[] {1, "a"})))
            .getMessage();
    assertTrue(message.contains("holds batches up to 1"), message);
    assertTrue(message.contains("runs without the checkpoint that wrote them"), message);
  }

  @Test
  void filesCannotApplyDeletes() {
    FileSink sink = sink("csv", OutputMode.UPDATE);
    assertFalse(sink.supportsDeletes());
    RowBatch delete = new RowBatch();
    delete.add(RowKind.DELETE, new Object[] {1, "a"});
    String message =
        assertThrows(IllegalStateException.class, () -> sink.write(0, delete)).getMessage();
    assertTrue(message.contains("received a -D row, which files cannot apply"), message);
  }

  @Test
  void whatTheSinkWritesTheSourceReads() throws IOException {
    FileSink sink = sink("csv", OutputMode.APPEND);
    sink.write(
        0, RowBatch.of(new Object[] {1, "a,b"}, new Object[] {2, ""}, new Object[] {3, null}));
    Map<String, String> options = Map.of("path", directory.toString(), "format", "csv");
    FileSource source =
        new FileSource(
            new TableContext(
                "in",
                FileSourceTest.SCHEMA,
                new ConnectorOptions("in", options),
                new ConnectorServices()));
    RowBatch rows = new RowBatch();
    String start = source.initialOffset();
    source.read(start, source.limitOffset(start, source.latestOffset()), rows);
    List<List<Object>> read = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) read.add(java.util.Arrays.asList(rows.row(i)));
    assertEquals(
        List.of(List.of(1, "a,b"), List.of(2, ""), java.util.Arrays.asList(3, null)), read);
  }
}
