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
    sink.open(new SinkContext(FileSourceTest.SCHEMA, mode, null, "q1"));
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
        "{\"batchId\":1,\"queryId\":\"q1\",\"mode\":\"append\",\"files\":[\"part-00000001.json\"],\"rows\":1}",
        read("_sluice_manifest/1"));
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
  void completeModeKeepsOnlyTheLatestResultTable() throws IOException {
    FileSink sink = sink("csv", OutputMode.COMPLETE);
    sink.write(0, RowBatch.of(new Object[] {1, "a"}));
    sink.write(1, RowBatch.of(new Object[] {1, "a"}, new Object[] {2, "b"}));
    assertEquals(List.of("_sluice_manifest", "part-00000001.csv"), visibleFiles());
    assertEquals("1,a\n2,b\n", read("part-00000001.csv"));
    try (Stream<Path> manifests = Files.list(directory.resolve("_sluice_manifest"))) {
      assertEquals(List.of("1"), manifests.map(p -> p.getFileName().toString()).toList());
    }
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
