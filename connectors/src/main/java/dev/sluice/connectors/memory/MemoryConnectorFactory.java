package dev.sluice.connectors.memory;

import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkFactory;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.SourceFactory;
import dev.sluice.runtime.spi.TableContext;
import java.util.Set;

/**
 * The {@code 'connector' = 'memory'} tables: a {@link MemorySource} reads the table's rows from
 * {@link MemoryTables}, a {@link MemorySink} keeps what a query writes to it. The one option,
 * {@code 'max-rows-per-trigger'}, bounds the batches of a source.
 */
public final class MemoryConnectorFactory implements SourceFactory, SinkFactory {
  public static final String IDENTIFIER = "memory";

  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<String> requiredOptions() {
    return Set.of();
  }

  @Override
  public Set<String> optionalOptions() {
    return Set.of(MemorySource.MAX_ROWS_PER_TRIGGER);
  }

  @Override
  public Source createSource(TableContext context) {
    return new MemorySource(context);
  }

  @Override
  public Sink createSink(TableContext context) {
    return new MemorySink(context);
  }
}
