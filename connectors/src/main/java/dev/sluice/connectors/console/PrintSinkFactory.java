package dev.sluice.connectors.console;

/**
 * {@code 'connector' = 'print'}, Flink's name for a sink that prints: the same {@link ConsoleSink},
 * printing Spark's console table rather than Flink's {@code +I[...]} lines.
 */
public final class PrintSinkFactory extends ConsoleSinkFactory {
  public static final String IDENTIFIER = "print";

  public PrintSinkFactory() {
    super(IDENTIFIER);
  }
}
