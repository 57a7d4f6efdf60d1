package dev.sluice.runtime.spi;

/** Makes the {@link Source} of a table declared with this connector. */
public interface SourceFactory extends ConnectorFactory {
  Source createSource(TableContext context);
}
