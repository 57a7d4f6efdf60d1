package dev.sluice.connectors.socket;

import dev.sluice.connectors.format.MalformedRecords;
import dev.sluice.connectors.format.RecordFormat;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.SourceFactory;
import dev.sluice.runtime.spi.TableContext;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code 'connector' = 'socket'} tables, with the option names of Flink's socket example:
 * {@code 'hostname'} and {@code 'port'} (required), {@code 'format'} ({@code raw} by default: the
 * table has one VARCHAR column, such as {@code line}, holding each line; {@code csv} or {@code
 * json} decode each line into the table's columns, blank lines left out) with its format options,
 * {@code 'max-rows-per-trigger'} (the most lines a batch takes, default 100,000), and {@code
 * 'on-error'} / {@code 'dead-letter.table'} for lines that do not decode.
 */
public final class SocketSourceFactory implements SourceFactory {
  public static final String IDENTIFIER = "socket";
  public static final String HOSTNAME = "hostname";
  public static final String PORT = "port";
  public static final String MAX_ROWS_PER_TRIGGER = "max-rows-per-trigger";

  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<String> requiredOptions() {
    return Set.of(HOSTNAME, PORT);
  }

  @Override
  public Set<String> optionalOptions() {
    Set<String> options = new TreeSet<>(RecordFormat.optionKeys());
    options.add(RecordFormat.FORMAT);
    options.add(MAX_ROWS_PER_TRIGGER);
    options.addAll(MalformedRecords.OPTIONS);
    return options;
  }

  @Override
  public Source createSource(TableContext context) {
    return new SocketSource(context);
  }
}
