package dev.sluice.connectors.console;

import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkFactory;
import dev.sluice.runtime.spi.TableContext;
import java.util.Set;

/**
 * The {@code 'connector' = 'console'} sink (Spark's name): a {@link ConsoleSink} on {@code
 * System.out}. Options {@code 'num-rows'} and {@code 'truncate'}.
 */
public class ConsoleSinkFactory implements SinkFactory {
  public static final String IDENTIFIER = "console";

  private final String identifier;

  public ConsoleSinkFactory() {
    this(IDENTIFIER);
  }

  /** For {@link PrintSinkFactory}, the same sink under another name. */
  protected ConsoleSinkFactory(String identifier) {
    this.identifier = identifier;
  }

  @Override
  public final String identifier() {
    return identifier;
  }

  @Override
  public final Set<String> requiredOptions() {
    return Set.of();
  }

  @Override
  public final Set<String> optionalOptions() {
    return Set.of(ConsoleSink.NUM_ROWS, ConsoleSink.TRUNCATE);
  }

  @Override
  public final Sink createSink(TableContext context) {
    return new ConsoleSink(context.options());
  }
}
