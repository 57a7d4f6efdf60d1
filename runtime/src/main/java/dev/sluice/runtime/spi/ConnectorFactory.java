package dev.sluice.runtime.spi;

import java.util.Set;

/**
 * A connector, found through {@link java.util.ServiceLoader} by its {@link #identifier()}, the
 * value of a table's {@code 'connector'} option.
 */
public interface ConnectorFactory {
  /** The value of {@code 'connector'} that selects this factory, e.g. {@code datagen}. */
  String identifier();

  Set<String> requiredOptions();

  Set<String> optionalOptions();

  /** Families of keys, such as {@code fields.}, that the connector checks itself. */
  default Set<String> optionPrefixes() {
    return Set.of();
  }

  /** Checks {@code options} against the sets above; called before anything is created. */
  default void validate(ConnectorOptions options) {
    options.validate(identifier(), requiredOptions(), optionalOptions(), optionPrefixes());
  }
}
