package dev.sluice.connectors.blackhole;

import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkFactory;
import dev.sluice.runtime.spi.TableContext;
import java.util.Set;

/**
 * The {@code 'connector' = 'blackhole'} sink tables, without options, as in Flink: any output mode,
 * deletes included, is accepted and discarded.
 */
public final class BlackholeSinkFactory implements SinkFactory {
  public static final String IDENTIFIER = "blackhole";

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
    return Set.of();
  }

  @Override
  public Sink createSink(TableContext context) {
    return new BlackholeSink(
        context.tableName(), context.services().get(BlackholeCounts.class, BlackholeCounts::new));
  }
}
