package dev.sluice.connectors.datagen;

import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.SourceFactory;
import dev.sluice.runtime.spi.TableContext;
import java.util.Set;

/**
 * The {@code 'connector' = 'datagen'} tables, with Flink's option names. Table options: {@code
 * 'rows-per-second'} (default 10000), {@code 'number-of-rows'} (bounded when set), {@code 'seed'}
 * (default 0). Column options {@code 'fields.<column>.<option>'}:
 *
 * <ul>
 *   <li>{@code kind}: {@code random} (default) or {@code sequence} (numeric columns only).
 *   <li>{@code start}, {@code end}: a sequence's first and last value (default 0 and the type's
 *       largest); without {@code number-of-rows} the table ends with its shortest sequence.
 *   <li>{@code min}, {@code max}: the range of random numbers; whole types default to their full
 *       range as in Flink, FLOAT and DOUBLE to {@code [0, 1)} (Flink's default range lies almost
 *       all beyond 10^300), DECIMAL to its precision.
 *   <li>{@code length}: a random VARCHAR's length, default 100 as in Flink (capped at a declared
 *       {@code VARCHAR(n)}). The text is lower-case hexadecimal digits, so a length of {@code n}
 *       gives {@code 16^n} distinct values: {@code 'fields.word.length' = '1'} makes 16 keys that
 *       repeat, which is what a {@code GROUP BY} demo wants.
 *   <li>{@code max-past}: for TIMESTAMP, TIMESTAMP_LTZ, DATE and TIME columns, which follow the
 *       row's event time, a random delay of up to this many milliseconds, so rows come slightly out
 *       of order; a watermark delay of at least {@code max-past} makes none of them late.
 * </ul>
 *
 * BOOLEAN columns are random. Unknown keys, columns and options that do not apply to a column's
 * type are refused with the valid options listed.
 */
public final class DatagenSourceFactory implements SourceFactory {
  public static final String IDENTIFIER = "datagen";
  public static final String ROWS_PER_SECOND = "rows-per-second";
  public static final String NUMBER_OF_ROWS = "number-of-rows";
  public static final String SEED = "seed";
  public static final String FIELDS_PREFIX = "fields.";

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
    return Set.of(ROWS_PER_SECOND, NUMBER_OF_ROWS, SEED);
  }

  /** Field options are checked against the columns when the source is made. */
  @Override
  public Set<String> optionPrefixes() {
    return Set.of(FIELDS_PREFIX);
  }

  @Override
  public Source createSource(TableContext context) {
    return new DatagenSource(context);
  }
}
