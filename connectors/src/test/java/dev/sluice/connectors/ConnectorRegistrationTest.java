package dev.sluice.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.console.ConsoleSink;
import dev.sluice.connectors.datagen.DatagenSource;
import dev.sluice.connectors.filesystem.FileSystemConnectorFactory;
import dev.sluice.connectors.memory.MemorySink;
import dev.sluice.connectors.memory.MemorySource;
import dev.sluice.connectors.socket.SocketSourceFactory;
import dev.sluice.runtime.spi.ConnectorFactory;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.SinkFactory;
import dev.sluice.runtime.spi.SourceFactory;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConnectorRegistrationTest {
  private static final Schema SCHEMA =
      new Schema(List.of(new Field("id", DataType.of(TypeKind.BIGINT))));

  private static <T extends ConnectorFactory> Map<String, T> byIdentifier(Class<T> type) {
    Map<String, T> factories = new TreeMap<>();
    for (T factory : ServiceLoader.load(type)) factories.put(factory.identifier(), factory);
    return factories;
  }

  private static TableContext table(String connector) {
    return new TableContext(
        "t",
        SCHEMA,
        new ConnectorOptions("t", Map.of("connector", connector)),
        new ConnectorServices());
  }

  @Test
  void sourcesAreFoundByTheirConnectorOption() {
    Map<String, SourceFactory> sources = byIdentifier(SourceFactory.class);
    assertTrue(
        sources.keySet().containsAll(List.of("datagen", "filesystem", "memory", "socket")),
        "source connectors: " + sources.keySet());
    assertEquals(FileSystemConnectorFactory.class, sources.get("filesystem").getClass());
    assertEquals(SocketSourceFactory.class, sources.get("socket").getClass());
    assertEquals(
        MemorySource.class, sources.get("memory").createSource(table("memory")).getClass());
    assertEquals(
        DatagenSource.class, sources.get("datagen").createSource(table("datagen")).getClass());
  }

  @Test
  void sinksAreFoundByTheirConnectorOptionAndPrintIsConsole() {
    Map<String, SinkFactory> sinks = byIdentifier(SinkFactory.class);
    assertTrue(
        sinks.keySet().containsAll(List.of("console", "filesystem", "memory", "print")),
        "sink connectors: " + sinks.keySet());
    assertEquals(FileSystemConnectorFactory.class, sinks.get("filesystem").getClass());
    assertEquals(MemorySink.class, sinks.get("memory").createSink(table("memory")).getClass());
    assertEquals(ConsoleSink.class, sinks.get("console").createSink(table("console")).getClass());
    assertEquals(ConsoleSink.class, sinks.get("print").createSink(table("print")).getClass());
  }
}
