package dev.sluice.engine.jdbc;

import dev.sluice.engine.SluiceEngine;
import java.util.HashMap;
import java.util.Map;

/**
 * The engines of {@code jdbc:sluice:mem:<name>} URLs: one per name in this JVM (class loader),
 * opened by the first connection to the name and closed, with its catalog and queries, when the
 * last connection to it closes. A later connection to the same name gets a fresh, empty engine,
 * as H2's in-memory databases do by default.
 */
final class SharedEngines {
  private static final Map<String, Shared> ENGINES = new HashMap<>();

  private SharedEngines() {}

  private static final class Shared {
    final SluiceEngine engine = SluiceEngine.open();
    int connections;
  }

  /** The engine named {@code name}, opened if no connection holds it; pair each call with {@link #release}. */
  static synchronized SluiceEngine acquire(String name) {
    Shared shared = ENGINES.computeIfAbsent(name, n -> new Shared());
    shared.connections++;
    return shared.engine;
  }

  /** One connection to {@code name} is gone; the last one closes the engine. */
  static void release(String name) {
    SluiceEngine closing = null;
    synchronized (SharedEngines.class) {
      Shared shared = ENGINES.get(name);
      if (shared != null && --shared.connections == 0) {
        ENGINES.remove(name);
        closing = shared.engine;
      }
    }
    // Stopping queries waits for their threads: do it without holding up other connections.
    if (closing != null) closing.close();
  }
}
