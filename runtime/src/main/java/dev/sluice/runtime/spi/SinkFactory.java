package dev.sluice.runtime.spi;

/** Makes the {@link Sink} of a table declared with this connector, for {@code INSERT INTO}. */
public interface SinkFactory extends ConnectorFactory {
  Sink createSink(TableContext context);
}
