package dev.sluice.shell.interactive;

import dev.sluice.runtime.spi.ConnectorFactory;
import dev.sluice.runtime.spi.SinkFactory;
import dev.sluice.runtime.spi.SourceFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The connectors on the class path and the options each takes, for completing a {@code CREATE
 * TABLE}'s {@code WITH} clause. Found as the engine finds them, through {@link ServiceLoader},
 * and asked what they declare: {@link ConnectorFactory#requiredOptions()}, {@link
 * ConnectorFactory#optionalOptions()} and {@link ConnectorFactory#optionPrefixes()}, so a new
 * connector is completed without the shell knowing it.
 */
final class ConnectorCatalog {
  /** Sluice's own option, read before the connector sees the table (a static table). */
  static final String BOUNDED = "scan.bounded";

  /** An option key a connector takes. */
  record Option(String key, boolean required, boolean prefix) {}

  private final Map<String, Map<String, Option>> options = new TreeMap<>();

  private ConnectorCatalog() {}

  /** The connectors {@code loader} can load. */
  static ConnectorCatalog load(ClassLoader loader) {
    ConnectorCatalog catalog = new ConnectorCatalog();
    for (SourceFactory factory : ServiceLoader.load(SourceFactory.class, loader)) {
      catalog.add(factory);
      catalog.options.get(factory.identifier()).putIfAbsent(BOUNDED, new Option(BOUNDED, false, false));
    }
    for (SinkFactory factory : ServiceLoader.load(SinkFactory.class, loader)) catalog.add(factory);
    return catalog;
  }

  private void add(ConnectorFactory factory) {
    Map<String, Option> keys = options.computeIfAbsent(factory.identifier(), id -> new TreeMap<>());
    for (String key : factory.requiredOptions()) keys.put(key, new Option(key, true, false));
    for (String key : factory.optionalOptions()) keys.putIfAbsent(key, new Option(key, false, false));
    for (String prefix : factory.optionPrefixes()) keys.putIfAbsent(prefix, new Option(prefix, false, true));
  }

  /** The identifiers, the values of {@code 'connector'}. */
  Set<String> connectors() {
    return new TreeSet<>(options.keySet());
  }

  /** The options of {@code connector}, required ones first; empty for a connector not on the class path. */
  List<Option> options(String connector) {
    Map<String, Option> keys = options.getOrDefault(connector, Map.of());
    return keys.values().stream()
        .sorted(Comparator.comparing((Option option) -> !option.required()).thenComparing(Option::key))
        .toList();
  }
}
