package dev.sluice.engine.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.memory.MemorySinkTables;
import dev.sluice.engine.SluiceEngine;
import dev.sluice.engine.StreamingQuery;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Lines from a TCP server on loopback, counted by a continuous query, as with {@code nc -lk}. */
class SocketThroughSqlTest {

  @Test
  void linesFromATcpServerAreATableWithOneColumn() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        SluiceEngine engine = SluiceEngine.open()) {
      engine.executeScript(
          """
          CREATE TABLE lines (line VARCHAR) WITH (
            'connector' = 'socket', 'hostname' = '127.0.0.1', 'port' = '%d');
          CREATE TABLE counts (word VARCHAR, n BIGINT) WITH ('connector' = 'memory');
          SET 'output.mode' = 'update';
          """
              .formatted(server.getLocalPort()));
      StreamingQuery query =
          engine.execute("INSERT INTO counts SELECT line, COUNT(*) FROM lines GROUP BY line").query();
      try (Socket client = server.accept()) {
        OutputStream out = client.getOutputStream();
        out.write("cat\ndog\ncat\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        Map<Object, Object> counts = Map.of();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!counts.equals(Map.of("cat", 2L, "dog", 1L)) && System.nanoTime() < deadline) {
          Thread.sleep(20);
          query.processAllAvailable();
          counts = counts(engine);
        }
        assertEquals(Map.of("cat", 2L, "dog", 1L), counts);
        assertTrue(query.isActive());
      }
      query.stop();
    }
  }

  private static Map<Object, Object> counts(SluiceEngine engine) {
    Map<Object, Object> counts = new TreeMap<>();
    List<Object[]> rows =
        new ArrayList<>(engine.connectorServices().get(MemorySinkTables.class, MemorySinkTables::new).contents("counts"));
    for (Object[] row : rows) counts.put(row[0], row[1]);
    return counts;
  }
}
