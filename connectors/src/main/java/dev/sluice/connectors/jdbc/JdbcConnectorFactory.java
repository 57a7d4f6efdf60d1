package dev.sluice.connectors.jdbc;

import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkFactory;
import dev.sluice.runtime.spi.TableContext;
import java.util.Set;

/**
 * The {@code 'connector' = 'jdbc'} sink tables, with Flink's option names: {@code 'url'}, {@code
 * 'table-name'}, {@code 'username'}, {@code 'password'}, {@code 'driver'}. See {@link JdbcSink}.
 */
public final class JdbcConnectorFactory implements SinkFactory {
  public static final String IDENTIFIER = "jdbc";
  static final String URL = "url";
  static final String TABLE_NAME = "table-name";
  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String DRIVER = "driver";

  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<String> requiredOptions() {
    return Set.of(URL, TABLE_NAME);
  }

  @Override
  public Set<String> optionalOptions() {
    return Set.of(USERNAME, PASSWORD, DRIVER);
  }

  @Override
  public Sink createSink(TableContext context) {
    return new JdbcSink(context);
  }
}
