package dev.sluice.connectors.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.format.MalformedRecordException;
import dev.sluice.connectors.memory.MemoryTables;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {
  static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("id", DataType.of(TypeKind.INTEGER)),
              new Field("word", DataType.of(TypeKind.VARCHAR))));

  @TempDir Path directory;
  private final ConnectorServices services = new ConnectorServices();
  private final AtomicLong clock = new AtomicLong(1_000_000);

  private FileSource source(String... options) {
    Map<String, String> map = new HashMap<>();
    map.put("connector", "filesystem");
    map.put("path", directory.toString());
    map.put("format", "csv");
    for (int i = 0; i < options.length; i += 2) map.put(options[i], options[i + 1]);
    ConnectorOptions connectorOptions = new ConnectorOptions("words", map);
    new FileSystemConnectorFactory().validate(connectorOptions);
    return new FileSource(
        new TableContext("words", SCHEMA, connectorOptions, services), clock::get);
  }

  /** Writes {@code name} as if moved in at second {@code second} of the test. */
  private Path file(String name, int second, String... lines) throws IOException {
    Path file = directory.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + second * 1000L));
    return file;
  }

  private static List<String> rows(FileSource source, String start, String end) {
    RowBatch batch = new RowBatch();
    source.read(start, end, batch);
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) rows.add(batch.row(i)[0] + ":" + batch.row(i)[1]);
    return rows;
  }

  /** Runs the next batch as the executor would; returns its end offset and adds its rows. */
  private static String batch(FileSource source, String start, List<String> rows) {
    String latest = source.latestOffset();
    String end = latest.equals(start) ? start : source.limitOffset(start, latest);
    if (!end.equals(start)) rows.addAll(rows(source, start, end));
    return end;
  }

  @Test
  void eachFileIsReadOnceInModificationTimeOrder() throws IOException {
    file("b.csv", 1, "1,b");
    file("a.csv", 2, "2,a", "3,a");
    FileSource source = source();
    List<String> rows = new ArrayList<>();
    String offset = batch(source, source.initialOffset(), rows);
    assertEquals(List.of("1:b", "2:a", "3:a"), rows);
    assertEquals(
        "{\"files\":[[\"b.csv\",1700000001000],[\"a.csv\",1700000002000]]}",
        offset,
        "the files taken, with their modification times");
    assertEquals(offset, batch(source, offset, rows), "nothing new");
    file("c.csv", 3, "4,c");
    batch(source, offset, rows);
    assertEquals(List.of("1:b", "2:a", "3:a", "4:c"), rows);
  }

  @Test
  void latestFirstReadsTheNewestFilesFirst() throws IOException {
    file("old.csv", 1, "1,old");
    file("new.csv", 2, "2,new");
    FileSource source = source("latest-first", "true", "max-files-per-trigger", "1");
    List<String> rows = new ArrayList<>();
    String offset = batch(source, source.initialOffset(), rows);
    assertEquals(List.of("2:new"), rows);
    batch(source, offset, rows);
    assertEquals(List.of("2:new", "1:old"), rows);
  }

  @Test
  void maxFilesPerTriggerBoundsABatch() throws IOException {
    for (int i = 0; i < 5; i++) file("f" + i + ".csv", i, i + ",x");
    FileSource source = source("max-files-per-trigger", "2");
    List<String> rows = new ArrayList<>();
    String offset = batch(source, source.initialOffset(), rows);
    assertEquals(List.of("0:x", "1:x"), rows);
    offset = batch(source, offset, rows);
    offset = batch(source, offset, rows);
    assertEquals(List.of("0:x", "1:x", "2:x", "3:x", "4:x"), rows);
    assertEquals(offset, batch(source, offset, rows));
  }

  @Test
  void aBatchReadAgainAfterARestartHasTheSameRowsThoughNewFilesCame() throws IOException {
    file("a.csv", 1, "1,a");
    FileSource first = source();
    String start = first.initialOffset();
    String end = first.limitOffset(start, first.latestOffset());
    List<String> before = rows(first, start, end);
    file("b.csv", 2, "2,b");
    FileSource restarted = source();
    assertEquals(before, rows(restarted, start, end));
    List<String> rows = new ArrayList<>();
    batch(restarted, end, rows);
    assertEquals(List.of("2:b"), rows, "the restarted source knows a.csv was taken");
  }

  @Test
  void aFileMovedInWithAnOlderModificationTimeIsStillRead() throws IOException {
    file("b.csv", 5, "5,b");
    FileSource source = source();
    List<String> rows = new ArrayList<>();
    String offset = batch(source, source.initialOffset(), rows);
    file("a.csv", 1, "1,a"); // written earlier, moved in later: mv keeps the modification time
    batch(source, offset, rows);
    assertEquals(List.of("5:b", "1:a"), rows);
  }

  @Test
  void hiddenFilesAndSubdirectoriesAreNotRead() throws IOException {
    file(".a.csv.tmp", 1, "1,hidden");
    file("_SUCCESS", 1, "");
    Files.createDirectory(directory.resolve("sub"));
    file("sub/x.csv", 1, "1,nested");
    file("visible.csv", 2, "2,visible");
    FileSource source = source();
    List<String> rows = new ArrayList<>();
    batch(source, source.initialOffset(), rows);
    assertEquals(List.of("2:visible"), rows);
  }

  @Test
  void aDirectoryThatDoesNotExistIsRefusedAtStart() {
    Path missing = directory.resolve("nope");
    Map<String, String> options = Map.of("path", missing.toString(), "format", "csv");
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new FileSource(
                        new TableContext(
                            "words", SCHEMA, new ConnectorOptions("words", options), services)))
            .getMessage();
    assertTrue(
        message.contains(missing + ", which is not a directory (it does not exist)"), message);
  }

  @Test
  void aDeletedDirectoryKeepsTheLastOffsetIsReportedAndIsRetriedWithBackoff() throws IOException {
    file("a.csv", 1, "1,a");
    FileSource source = source();
    List<String> rows = new ArrayList<>();
    String offset = batch(source, source.initialOffset(), rows);
    String latest = source.latestOffset();
    Files.delete(directory.resolve("a.csv"));
    Files.delete(directory);

    assertEquals(latest, source.latestOffset(), "the files listed before still stand");
    assertNotNull(source.listingFailure());
    assertEquals(source.listingFailure(), source.status(), "the progress report shows the listing failure");
    assertTrue(source.listingFailure().contains("NoSuchFileException"), source.listingFailure());
    assertEquals(offset, batch(source, offset, rows), "nothing new, nothing lost");

    Files.createDirectory(directory);
    file("b.csv", 2, "2,b");
    assertEquals(latest, source.latestOffset(), "not listed again before the backoff ends");
    clock.addAndGet(DirectoryListing.FIRST_BACKOFF_MILLIS);
    batch(source, offset, rows);
    assertEquals(List.of("1:a", "2:b"), rows);
    assertNull(source.listingFailure());
  }

  @Test
  void theMonitorIntervalThrottlesListing() throws IOException {
    FileSource source = source("source.monitor-interval", "10 s");
    String empty = source.latestOffset();
    file("a.csv", 1, "1,a");
    assertEquals(empty, source.latestOffset());
    clock.addAndGet(10_000);
    assertEquals("{\"files\":[\"a.csv\"]}", source.latestOffset());
  }

  @Test
  void aFileGoneBeforeItsBatchIsReadStopsTheQuery() throws IOException {
    file("a.csv", 1, "1,a");
    FileSource source = source();
    String start = source.initialOffset();
    String end = source.limitOffset(start, source.latestOffset());
    Files.delete(directory.resolve("a.csv"));
    String message =
        assertThrows(IllegalStateException.class, () -> rows(source, start, end)).getMessage();
    assertTrue(
        message.contains("a.csv of filesystem table 'words' is in this batch but no longer exists"),
        message);
  }

  @Test
  void malformedRecordsAreSkippedAndCountedByDefault() throws IOException {
    file("a.csv", 1, "1,a", "2", "x,b", "3,c,extra", "4,d");
    FileSource source = source();
    List<String> rows = new ArrayList<>();
    batch(source, source.initialOffset(), rows);
    assertEquals(List.of("1:a", "4:d"), rows);
    assertEquals(3, source.malformedRows());
  }

  @Test
  void onErrorFailStopsWithTheFileAndLine() throws IOException {
    Path file = file("a.csv", 1, "1,a", "2,b", "x,c");
    FileSource source = source("on-error", "fail");
    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class,
            () -> batch(source, source.initialOffset(), new ArrayList<>()));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Malformed record in table 'words' at "
                    + file
                    + ":3: column 'id': 'x' is not a valid INT"),
        e.getMessage());
  }

  @Test
  void onErrorDeadLetterRoutesTheRawRecordToTheTable() throws IOException {
    Path file = file("a.csv", 1, "1,a", "{\"id\": 2}", "3,c");
    FileSource source = source("on-error", "dead-letter", "dead-letter.table", "bad_words");
    List<String> rows = new ArrayList<>();
    batch(source, source.initialOffset(), rows);
    assertEquals(List.of("1:a", "3:c"), rows);
    assertEquals(1, source.malformedRows());
    MemoryTables tables = services.get(MemoryTables.class, MemoryTables::new);
    Object[] dead = tables.rows("bad_words", 0, 1).get(0);
    assertEquals("words", dead[0]);
    assertEquals(file + ":2", dead[1]);
    assertEquals("expected 2 fields but found 1", dead[2]);
    assertEquals("{\"id\": 2}", dead[3]);
  }

  @Test
  void aLineThatIsNotUtf8IsAMalformedRecord() throws IOException {
    Path file = directory.resolve("a.csv");
    byte[] bad = {
      '1', ',', 'a', '\n', '2', ',', (byte) 0xC3, (byte) 0x28, '\n', '3', ',', 'c', '\n'
    };
    Files.write(file, bad);
    FileSource source = source();
    List<String> rows = new ArrayList<>();
    batch(source, source.initialOffset(), rows);
    assertEquals(List.of("1:a", "3:c"), rows, "only the line with bad bytes is malformed");
    assertEquals(1, source.malformedRows());
  }

  @Test
  void jsonFilesHaveOneObjectPerLine() throws IOException {
    Map<String, String> options = Map.of("path", directory.toString(), "format", "json");
    file("a.json", 1, "{\"id\":1,\"word\":\"a\"}", "", "{\"word\":\"b\",\"id\":2}", "{bad");
    FileSource source =
        new FileSource(
            new TableContext("words", SCHEMA, new ConnectorOptions("words", options), services));
    List<String> rows = new ArrayList<>();
    batch(source, source.initialOffset(), rows);
    assertEquals(List.of("1:a", "2:b"), rows);
    assertEquals(1, source.malformedRows());
  }

  @Test
  void aLineThatIsNotUtf8AfterBareCarriageReturnsIsMalformedAtItsLine() throws IOException {
    Path file = directory.resolve("a.csv");
    byte[] bytes = {
      '1', ',', 'a', '\r', '2', ',', 'b', '\r', '\n', '3', ',', (byte) 0xC3, (byte) 0x28, '\r', '4',
      ',', 'd'
    };
    Files.write(file, bytes);
    FileSource source = source();
    List<String> rows = new ArrayList<>();
    batch(source, source.initialOffset(), rows);
    assertEquals(List.of("1:a", "2:b", "4:d"), rows);
    assertEquals(1, source.malformedRows());

    FileSource failing = source("on-error", "fail");
    String message =
        assertThrows(
                MalformedRecordException.class,
                () -> batch(failing, failing.initialOffset(), new ArrayList<>()))
            .getMessage();
    assertTrue(
        message.startsWith(
            "Malformed record in table 'words' at " + file + ":3: not valid UTF-8 text"),
        message);
  }

  @Test
  void aByteOrderMarkAtTheStartOfAFileIsStripped() throws IOException {
    Path file = directory.resolve("a.csv");
    Files.write(file, "\uFEFF1,a\n2,b\n".getBytes(StandardCharsets.UTF_8));
    FileSource source = source();
    List<String> rows = new ArrayList<>();
    batch(source, source.initialOffset(), rows);
    assertEquals(List.of("1:a", "2:b"), rows);
    assertEquals(0, source.malformedRows());
  }

  /** Runs batches until nothing is new; returns the offsets between them, first to last. */
  private static List<String> allBatches(FileSource source, List<String> rows) {
    return allBatches(source, source.initialOffset(), rows);
  }

  private static List<String> allBatches(FileSource source, String first, List<String> rows) {
    List<String> offsets = new ArrayList<>(List.of(first));
    while (true) {
      String start = offsets.get(offsets.size() - 1);
      String end = batch(source, start, rows);
      if (end.equals(start)) return offsets;
      offsets.add(end);
    }
  }

  @Test
  void aFileLargerThanMaxBytesPerTriggerIsReadInPiecesEachRecordOnce() throws IOException {
    List<String> lines = new ArrayList<>(List.of("id,word"));
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      String word = "w".repeat(i % 7) + "\"\"" + i; // quoted fields of every length
      lines.add(i + ",\"" + word + "\"");
      expected.add(i + ":" + word.replace("\"\"", "\""));
    }
    lines.add(41 + ",\"two\nlines\"");
    expected.add("41:two\nlines");
    file("big.csv", 1, lines.toArray(String[]::new));
    FileSource source =
        source("max-bytes-per-trigger", "16", "csv.ignore-first-line", "true");
    List<String> rows = new ArrayList<>();
    List<String> offsets = allBatches(source, rows);
    assertEquals(expected, rows, "every record once, in order, the header left out");
    assertTrue(offsets.size() > 20, "a batch reads about 16 bytes: " + offsets.size());
    assertTrue(offsets.get(1).contains("\"reading\":{\"file\":\"big.csv\""), offsets.get(1));

    FileSource restarted =
        source("max-bytes-per-trigger", "16", "csv.ignore-first-line", "true");
    List<String> again = new ArrayList<>();
    for (int i = offsets.size() - 1; i > 0; i--) { // backwards: no piece follows one just read
      again.addAll(0, rows(restarted, offsets.get(i - 1), offsets.get(i)));
    }
    assertEquals(expected, again, "each piece redone by a restarted source reads the same records");
  }

  @Test
  void aMalformedRecordInALaterPieceNamesItsLineInTheFile() throws IOException {
    Path file = file("a.csv", 1, "1,a", "2,b", "3,c", "x,d", "5,e");
    FileSource source = source("max-bytes-per-trigger", "4", "on-error", "fail");
    String start = source.initialOffset();
    String end = source.limitOffset(start, source.latestOffset());
    assertEquals(List.of("1:a"), rows(source, start, end));
    MalformedRecordException e = null;
    for (int batch = 0; batch < 5 && e == null; batch++) {
      String from = end;
      String to = source.limitOffset(from, source.latestOffset());
      FileSource restarted = source("max-bytes-per-trigger", "4", "on-error", "fail");
      try {
        rows(restarted, from, to);
      } catch (MalformedRecordException thrown) {
        e = thrown;
      }
      end = to;
    }
    assertNotNull(e, "the bad record was read");
    assertTrue(e.getMessage().contains(" at " + file + ":4: column 'id'"), e.getMessage());
  }

  @Test
  void smallFilesShareABatchUpToMaxBytesPerTrigger() throws IOException {
    for (int i = 0; i < 6; i++) file("f" + i + ".csv", i, i + ",x"); // 4 bytes each
    FileSource source = source("max-bytes-per-trigger", "8");
    List<String> rows = new ArrayList<>();
    String offset = batch(source, source.initialOffset(), rows);
    assertEquals(List.of("0:x", "1:x"), rows);
    offset = batch(source, offset, rows);
    assertEquals(List.of("0:x", "1:x", "2:x", "3:x"), rows);
    assertTrue(!offset.contains("reading"), "no file is split when whole files fit: " + offset);
  }

  @Test
  void theOffsetStaysBoundedHoweverManyFilesWereTaken() throws IOException {
    int files = FileSource.KEPT_NAMES * 3;
    for (int i = 0; i < files; i++) file(String.format("f%05d.csv", i), i, i + ",x");
    FileSource source = source("max-files-per-trigger", "100");
    List<String> rows = new ArrayList<>();
    List<String> offsets = allBatches(source, rows);
    assertEquals(files, rows.size());
    assertEquals(files, new java.util.HashSet<>(rows).size(), "each file once");
    int longest = offsets.stream().mapToInt(String::length).max().orElseThrow();
    int last = offsets.get(offsets.size() - 1).length();
    // a name with its time is 30 bytes; all 3,000 named would be 90,000
    assertTrue(longest < (FileSource.KEPT_NAMES + 100) * 30 + 200, "longest offset: " + longest);
    assertTrue(
        offsets.get(offsets.size() - 1).contains("\"through\":[\"f01899.csv\""),
        "the newest 1,000 files before the last batch's 100 are named");
    assertTrue(last < (FileSource.KEPT_NAMES + 100) * 30 + 200, "last offset: " + last);

    FileSource restarted = source("max-files-per-trigger", "100");
    String end = offsets.get(offsets.size() - 1);
    restarted.latestOffset();
    assertEquals(end, batch(restarted, end, rows), "a restarted source knows every file was taken");
  }

  @Test
  void aTakenFileThatChangesIsWarnedOfByNameAndNotReadAgain() throws IOException {
    file("a.csv", 1, "1,a");
    FileSource source = source();
    List<String> rows = new ArrayList<>();
    String offset = batch(source, source.initialOffset(), rows);
    assertNull(source.status());
    file("a.csv", 5, "1,a", "2,b"); // written in place, against the rule
    assertEquals(offset, batch(source, offset, rows));
    assertEquals(List.of("1:a"), rows);
    assertEquals(1, source.changedFiles());
    assertTrue(
        source.status().startsWith("file a.csv changed after it was taken (4 bytes modified at"),
        source.status());
    assertTrue(source.status().contains("now 8 bytes"), source.status());
  }

  @Test
  void aFileThatGrowsWhileReadInPiecesIsReadUpToItsSizeWhenTaken() throws IOException {
    Path file = file("a.csv", 1, "1,a", "2,b", "3,c");
    FileSource source = source("max-bytes-per-trigger", "5");
    List<String> rows = new ArrayList<>();
    String offset = batch(source, source.initialOffset(), rows);
    Files.writeString(file, "4,d\n", java.nio.file.StandardOpenOption.APPEND);
    allBatches(source, offset, rows);
    assertEquals(List.of("1:a", "2:b", "3:c"), rows);
    assertTrue(source.status().startsWith("file a.csv changed after it was taken"), source.status());
  }

  @Test
  void aFileArrivingOlderThanTheCompactedBoundIsNotReadAndWarnedOf() throws IOException {
    int files = FileSource.KEPT_NAMES + 10;
    for (int i = 0; i < files; i++) file(String.format("f%05d.csv", i), 10 + i, i + ",x");
    FileSource source = source();
    List<String> rows = new ArrayList<>();
    String offset = batch(source, source.initialOffset(), rows);
    file("next.csv", 10 + files, "0,next");
    offset = batch(source, offset, rows);
    assertTrue(offset.contains("\"through\""), "compacted");
    file("late.csv", 0, "-1,late");
    batch(source, offset, rows);
    assertEquals(files + 1, rows.size(), "the late file is not read");
    assertTrue(source.status().startsWith("file late.csv is not read"), source.status());
  }

  @Test
  void anOffsetOfTheFirstVersionStillSaysWhichFilesWereTaken() throws IOException {
    file("a.csv", 1, "1,a");
    file("b.csv", 2, "2,b");
    FileSource source = source();
    List<String> rows = new ArrayList<>();
    String offset = batch(source, "{\"files\":[\"a.csv\"]}", rows);
    assertEquals(List.of("2:b"), rows);
    assertEquals(
        "{\"files\":[[\"a.csv\",1700000001000],[\"b.csv\",1700000002000]]}",
        offset,
        "the names get their modification times from the listing");
  }

  @Test
  void maxBytesPerTriggerIsASizeOfAtLeastOneByte() throws IOException {
    for (String value : List.of("0", "ten", "-5 mb", "99999999999 gb")) {
      String message =
          assertThrows(IllegalArgumentException.class, () -> source("max-bytes-per-trigger", value))
              .getMessage();
      assertEquals(
          "Option 'max-bytes-per-trigger' of table 'words' must be a size of at least 1 byte such as"
              + " '512 kb', '64 mb' or '1 gb', not '"
              + value
              + "'",
          message);
    }
    file("a.csv", 1, "1,a", "2,b", "3,c", "4,d");
    FileSource source = source("max-bytes-per-trigger", "1 kb");
    List<String> rows = new ArrayList<>();
    batch(source, source.initialOffset(), rows);
    assertEquals(4, rows.size(), "16 bytes fit in 1 KiB");
  }
}
