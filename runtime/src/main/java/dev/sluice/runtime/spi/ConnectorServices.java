package dev.sluice.runtime.spi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Objects one engine shares among its connectors, such as the rows of its memory tables. One
 * instance per engine, so two engines in one JVM never see each other's data.
 */
public final class ConnectorServices {
  private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

  /** The engine's instance of {@code type}, made by {@code create} on first use. */
  public <T> T get(Class<T> type, Supplier<? extends T> create) {
    return type.cast(services.computeIfAbsent(type, t -> create.get()));
  }
}
