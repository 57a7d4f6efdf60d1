package dev.sluice.engine.internal;

import dev.sluice.runtime.spi.ConnectorFactory;
import dev.sluice.runtime.spi.SinkFactory;
import dev.sluice.runtime.spi.SourceFactory;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The connectors on the class path, found through {@link ServiceLoader} by their identifier. */
public final class ConnectorRegistry {
  private final Map<String, SourceFactory> sources = new TreeMap<>();
  private final Map<String, SinkFactory> sinks = new TreeMap<>();

  public ConnectorRegistry() {
    ClassLoader loader = ConnectorRegistry.class.getClassLoader();
    for (SourceFactory f : ServiceLoader.load(SourceFactory.class, loader)) sources.put(f.identifier(), f);
    for (SinkFactory f : ServiceLoader.load(SinkFactory.class, loader)) sinks.put(f.identifier(), f);
  }

  public SourceFactory source(String connector, String table) {
    SourceFactory f = sources.get(connector);
    if (f == null) throw unknown(connector, table, "source", sources);
    return f;
  }

  public SinkFactory sink(String connector, String table) {
    SinkFactory f = sinks.get(connector);
    if (f == null) throw unknown(connector, table, "sink", sinks);
    return f;
  }

  public boolean hasSource(String connector) {
    return sources.containsKey(connector);
  }

  public boolean hasSink(String connector) {
    return sinks.containsKey(connector);
  }

  /** Whichever factory knows the connector, for checking a table's options when it is declared. */
  public ConnectorFactory any(String connector, String table) {
    ConnectorFactory f = sources.containsKey(connector) ? sources.get(connector) : sinks.get(connector);
    if (f == null) {
      Map<String, ConnectorFactory> all = new TreeMap<>(sources);
      all.putAll(sinks);
      throw unknown(connector, table, "", all);
    }
    return f;
  }

  private static IllegalArgumentException unknown(String connector, String table, String role, Map<String, ?> known) {
    return new IllegalArgumentException("Table '" + table + "': there is no " + (role.isEmpty() ? "" : role + " ") + "connector '"
        + connector + "'. Available" + (role.isEmpty() ? "" : " " + role) + " connectors: " + String.join(", ", known.keySet()));
  }
}
