package dev.sluice.connectors.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.format.MalformedRecordException;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SocketSourceTest {
  private static final Schema LINE =
      new Schema(List.of(new Field("line", DataType.of(TypeKind.VARCHAR))));

  private LineServer server;
  private final List<SocketSource> sources = new ArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = new LineServer();
  }

  @AfterEach
  void stop() throws IOException {
    sources.forEach(SocketSource::close);
    server.close();
  }

  private SocketSource source(Schema schema, int port, String... options) {
    Map<String, String> map = new HashMap<>();
    map.put("connector", "socket");
    map.put("hostname", "127.0.0.1");
    map.put("port", Integer.toString(port));
    for (int i = 0; i < options.length; i += 2) map.put(options[i], options[i + 1]);
    ConnectorOptions connectorOptions = new ConnectorOptions("lines", map);
    new SocketSourceFactory().validate(connectorOptions);
    SocketSource source =
        new SocketSource(
            new TableContext("lines", schema, connectorOptions, new ConnectorServices()));
    sources.add(source);
    return source;
  }

  private SocketSource connected(Schema schema, String... options) throws InterruptedException {
    SocketSource source = source(schema, server.port(), options);
    server.awaitClient();
    return source;
  }

  /** The latest offset once it counts {@code lines} lines, waiting for them to arrive. */
  private static String awaitLines(SocketSource source, long lines) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      String latest = source.latestOffset();
      if (latest.endsWith("\"lines\":" + lines + "}")) return latest;
      Thread.sleep(5);
    }
    throw new AssertionError("never received " + lines + " lines: " + source.latestOffset());
  }

  private static List<Object> read(SocketSource source, String start, String end) {
    RowBatch batch = new RowBatch();
    source.read(start, end, batch);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      values.add(batch.row(i).length == 1 ? batch.row(i)[0] : List.of(batch.row(i)));
    }
    return values;
  }

  @Test
  void eachTriggerTakesTheLinesReceivedSinceTheLast() throws Exception {
    SocketSource source = connected(LINE);
    String start = source.initialOffset();
    server.send("hello world", "", "second");
    String end = awaitLines(source, 3);
    assertEquals(List.of("hello world", "", "second"), read(source, start, end));
    source.commit(end);
    server.send("third");
    String next = awaitLines(source, 4);
    assertEquals(List.of("third"), read(source, end, next));
    assertFalse(source.isReplayable());
  }

  @Test
  void afterARestartTheUncommittedLinesOfThePreviousRunAreGone() throws Exception {
    SocketSource first = connected(LINE);
    String start = first.initialOffset();
    server.send("a", "b");
    String planned = awaitLines(first, 2);
    first.close(); // crashed after planning the batch, before committing it

    SocketSource restarted = connected(LINE);
    assertEquals(
        List.of(), read(restarted, start, planned), "a redone batch of the old run reads nothing");
    server.send("c");
    String latest = awaitLines(restarted, 1);
    assertEquals(
        List.of("c"),
        read(restarted, planned, latest),
        "the new run reads its own lines from its first");
  }

  @Test
  void aLostConnectionIsMadeAgainAndLinesKeepTheirNumbers() throws Exception {
    SocketSource source = connected(LINE);
    server.send("before");
    awaitLines(source, 1);
    server.dropClient();
    server.awaitClient(); // the source connects again after a backoff of about a second
    server.send("after");
    String latest = awaitLines(source, 2);
    assertEquals(List.of("before", "after"), read(source, source.initialOffset(), latest));
    assertEquals(1, source.reconnects());
  }

  @Test
  void aServerThatIsNotThereIsReportedWithTheHint() throws IOException {
    int port;
    try (ServerSocket unused = new ServerSocket(0)) {
      port = unused.getLocalPort();
    }
    int closedPort = port;
    String message =
        assertThrows(UncheckedIOException.class, () -> source(LINE, closedPort)).getMessage();
    assertTrue(
        message.startsWith("Socket table 'lines' cannot connect to 127.0.0.1:" + port), message);
    assertTrue(
        message.endsWith("Start the server first, for example with: nc -lk " + port), message);
  }

  @Test
  void withAFormatEachLineIsDecodedAndMalformedLinesFollowOnError() throws Exception {
    Schema schema =
        new Schema(
            List.of(
                new Field("word", DataType.of(TypeKind.VARCHAR)),
                new Field("n", DataType.of(TypeKind.INTEGER))));
    SocketSource source = connected(schema, "format", "json");
    String start = source.initialOffset();
    server.send("{\"word\":\"cat\",\"n\":1}", "not json", "{\"word\":\"dog\",\"n\":\"x\"}");
    String end = awaitLines(source, 3);
    assertEquals(List.of(List.of("cat", 1)), read(source, start, end));
    assertEquals(2, source.malformedRows());
  }

  @Test
  void theRawFormatNeedsOneVarcharColumnAndThePortMustBeAPort() {
    Schema two =
        new Schema(
            List.of(
                new Field("a", DataType.of(TypeKind.VARCHAR)),
                new Field("b", DataType.of(TypeKind.INTEGER))));
    String message =
        assertThrows(IllegalArgumentException.class, () -> source(two, server.port())).getMessage();
    assertTrue(message.contains("needs exactly one VARCHAR column"), message);
    assertEquals(
        "Option 'port' of table 'lines' must be a TCP port from 1 to 65535, not '70000'",
        assertThrows(IllegalArgumentException.class, () -> source(LINE, 70000)).getMessage());
    assertEquals(
        "Option 'csv.ignore-first-line' of table 'lines' applies to files; a socket table decodes"
            + " every line it receives",
        assertThrows(
                IllegalArgumentException.class,
                () -> source(two, server.port(), "format", "csv", "csv.ignore-first-line", "true"))
            .getMessage());
  }

  @Test
  void aLineThatIsNotUtf8IsAMalformedRecordNotReplacementCharacters() throws Exception {
    SocketSource source = connected(LINE);
    String start = source.initialOffset();
    server.sendBytes(new byte[] {'o', 'k', '\r', 'b', (byte) 0xC3, (byte) 0x28, '\r', '\n', 'e', '\n'});
    String end = awaitLines(source, 3);
    assertEquals(List.of("ok", "e"), read(source, start, end), "a bare CR ends a line as CRLF does");
    assertEquals(1, source.malformedRows());
  }

  @Test
  void underOnErrorFailALineThatIsNotUtf8StopsWithItsLineNumber() throws Exception {
    SocketSource source = connected(LINE, "on-error", "fail");
    String start = source.initialOffset();
    server.sendBytes(new byte[] {'o', 'k', '\n', (byte) 0xFF, '\n'});
    String end = awaitLines(source, 2);
    String message =
        assertThrows(MalformedRecordException.class, () -> read(source, start, end)).getMessage();
    assertTrue(
        message.startsWith(
            "Malformed record in table 'lines' at 127.0.0.1:"
                + server.port()
                + " line 2: not valid UTF-8 text"),
        message);
  }

  @Test
  void aByteOrderMarkAtTheStartOfTheStreamIsStripped() throws Exception {
    SocketSource source = connected(LINE);
    String start = source.initialOffset();
    server.sendBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\n'});
    String end = awaitLines(source, 1);
    assertEquals(List.of("a"), read(source, start, end));
  }

  @Test
  void maxRowsPerTriggerBoundsABatch() throws Exception {
    SocketSource source = connected(LINE, "max-rows-per-trigger", "2");
    String start = source.initialOffset();
    server.send("a", "b", "c");
    String latest = awaitLines(source, 3);
    String first = source.limitOffset(start, latest);
    assertEquals(List.of("a", "b"), read(source, start, first));
    source.commit(first);
    assertEquals(latest, source.limitOffset(first, latest));
    assertEquals(List.of("c"), read(source, first, latest));
  }

  @Test
  void aLineEndedByABareCrIsTakenWithoutWaitingForTheNextByte() throws Exception {
    SocketSource source = connected(LINE);
    String start = source.initialOffset();
    server.sendBytes(new byte[] {'a', '\r'});
    String end = awaitLines(source, 1);
    server.sendBytes(new byte[] {'\n', 'b', '\n'}); // the \n completes a CRLF: no empty line
    String next = awaitLines(source, 2);
    assertEquals(List.of("a", "b"), read(source, start, next));
  }

  @Test
  void blankLinesAreLeftOutOfJsonAsInFiles() throws Exception {
    Schema schema = new Schema(List.of(new Field("n", DataType.of(TypeKind.INTEGER))));
    SocketSource source = connected(schema, "format", "json");
    String start = source.initialOffset();
    server.send("{\"n\":1}", "", "  ", "{\"n\":2}");
    String end = awaitLines(source, 4);
    assertEquals(List.of(1, 2), read(source, start, end));
    assertEquals(0, source.malformedRows());
  }
}
