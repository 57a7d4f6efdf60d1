package dev.sluice.connectors.datagen;

import static dev.sluice.connectors.datagen.DatagenSourceFactory.FIELDS_PREFIX;
import static dev.sluice.connectors.datagen.DatagenSourceFactory.NUMBER_OF_ROWS;
import static dev.sluice.connectors.datagen.DatagenSourceFactory.ROWS_PER_SECOND;
import static dev.sluice.connectors.datagen.DatagenSourceFactory.SEED;

import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checked options of one datagen table: rate, bound, seed and a generator per column. All
 * validation happens here, with the table, column and valid choices in each message.
 */
final class DatagenSpec {
  static final String KIND = "kind";
  static final String MIN = "min";
  static final String MAX = "max";
  static final String LENGTH = "length";
  static final String START = "start";
  static final String END = "end";
  static final String MAX_PAST = "max-past";
  static final String RANDOM = "random";
  static final String SEQUENCE = "sequence";

  /** Flink's datagen default. */
  static final long DEFAULT_ROWS_PER_SECOND = 10_000;

  /** Flink's datagen default for random strings. */
  static final int DEFAULT_STRING_LENGTH = 100;

  /** A batch holds at most a second's worth of rows, or this many if that is more. */
  static final long MIN_BATCH_CAP = 100_000;

  /** Precision of a DECIMAL declared without one, as Calcite's default. */
  private static final int DEFAULT_DECIMAL_PRECISION = 19;

  private static final Set<String> NUMERIC_SUFFIXES = Set.of(KIND, MIN, MAX, START, END);
  private static final Set<String> TIME_SUFFIXES = Set.of(KIND, MAX_PAST);
  private static final String SUPPORTED_TYPES =
      "BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL, VARCHAR, DATE, TIME, "
          + "TIMESTAMP and TIMESTAMP_LTZ";

  final long rowsPerSecond;

  /** How many rows the table has in all; {@code Long.MAX_VALUE} when it is unbounded. */
  final long rowCount;

  final long streamSeed;
  final long batchCap;
  final FieldGenerator[] generators;

  private final String table;

  private DatagenSpec(String table, Schema schema, ConnectorOptions options) {
    this.table = table;
    Map<Integer, Map<String, String>> fieldOptions = checkKeys(schema, options);
    rowsPerSecond = options.getLong(ROWS_PER_SECOND, DEFAULT_ROWS_PER_SECOND);
    if (rowsPerSecond < 1) throw invalid(ROWS_PER_SECOND, rowsPerSecond, "must be at least 1");
    long bound = options.getLong(NUMBER_OF_ROWS, Long.MAX_VALUE);
    if (bound < 0) throw invalid(NUMBER_OF_ROWS, bound, "must not be negative");
    streamSeed = RandomBits.streamSeed(options.getLong(SEED, 0));
    batchCap = Math.max(rowsPerSecond, MIN_BATCH_CAP);
    generators = new FieldGenerator[schema.size()];
    for (int i = 0; i < schema.size(); i++) {
      Column column = new Column(schema.field(i), fieldOptions.getOrDefault(i, Map.of()));
      generators[i] = column.generator();
      bound = Math.min(bound, column.sequenceRows);
    }
    rowCount = bound;
  }

  static DatagenSpec of(String table, Schema schema, ConnectorOptions options) {
    return new DatagenSpec(table, schema, options);
  }

  /** Refuses unknown keys and columns datagen cannot fill; returns the field options by column. */
  private Map<Integer, Map<String, String>> checkKeys(Schema schema, ConnectorOptions options) {
    for (Field field : schema.fields()) {
      if (suffixes(field.type()).isEmpty()) {
        throw new IllegalArgumentException(
            "Connector 'datagen' cannot generate column '"
                + field.name()
                + "' of type "
                + field.type()
                + " in table '"
                + table
                + "'; it generates "
                + SUPPORTED_TYPES);
      }
    }
    Set<String> topLevel = Set.of("connector", ROWS_PER_SECOND, NUMBER_OF_ROWS, SEED);
    Map<Integer, Map<String, String>> byColumn = new HashMap<>();
    for (Map.Entry<String, String> option : options.asMap().entrySet()) {
      String key = option.getKey();
      if (topLevel.contains(key)) continue;
      if (!key.startsWith(FIELDS_PREFIX)) throw unknown(schema, key, "");
      String rest = key.substring(FIELDS_PREFIX.length());
      int dot = rest.lastIndexOf('.');
      if (dot <= 0) throw unknown(schema, key, ": field options are 'fields.<column>.<option>'");
      String columnName = rest.substring(0, dot);
      String suffix = rest.substring(dot + 1);
      int column = schema.indexOf(columnName);
      if (column < 0) {
        throw unknown(schema, key, ": the table has no column '" + columnName + "'");
      }
      DataType type = schema.field(column).type();
      if (!suffixes(type).contains(suffix)) {
        throw unknown(schema, key, ": '" + suffix + "' is not an option of a " + type + " column");
      }
      String previous =
          byColumn.computeIfAbsent(column, c -> new HashMap<>()).put(suffix, option.getValue());
      if (previous != null) {
        throw new IllegalArgumentException(
            "Table '"
                + table
                + "' sets '"
                + suffix
                + "' of column '"
                + columnName
                + "' twice, with differently spelled column names");
      }
    }
    return byColumn;
  }

  private static Set<String> suffixes(DataType type) {
    return switch (type.kind()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL -> NUMERIC_SUFFIXES;
      case VARCHAR -> Set.of(KIND, LENGTH);
      case BOOLEAN -> Set.of(KIND);
      case DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ -> TIME_SUFFIXES;
      default -> Set.of();
    };
  }

  private IllegalArgumentException unknown(Schema schema, String key, String reason) {
    Set<String> valid = new TreeSet<>(List.of("connector", ROWS_PER_SECOND, NUMBER_OF_ROWS, SEED));
    for (Field field : schema.fields()) {
      for (String suffix : suffixes(field.type())) {
        valid.add(FIELDS_PREFIX + field.name() + "." + suffix);
      }
    }
    return new IllegalArgumentException(
        "Unknown option '"
            + key
            + "' for connector 'datagen' in table '"
            + table
            + "'"
            + reason
            + ". Valid options: "
            + String.join(", ", valid));
  }

  private IllegalArgumentException invalid(String key, Object value, String rule) {
    return new IllegalArgumentException(
        "Option '" + key + "' of table '" + table + "' " + rule + ", not '" + value + "'");
  }

  /** The options of one column, read into its generator. */
  private final class Column {
    private final Field field;
    private final DataType type;
    private final Map<String, String> options;

    /** The rows a sequence column has; a random column has no end. */
    long sequenceRows = Long.MAX_VALUE;

    Column(Field field, Map<String, String> options) {
      this.field = field;
      this.type = field.type();
      this.options = options;
    }

    FieldGenerator generator() {
      String kind = options.getOrDefault(KIND, RANDOM).trim().toLowerCase(Locale.ROOT);
      if (kind.equals(SEQUENCE)) return sequence();
      if (!kind.equals(RANDOM)) {
        throw invalid(key(KIND), options.get(KIND), "must be 'random' or 'sequence'");
      }
      refuse(START, "'" + key(KIND) + "' is 'random'; a random column takes min and max");
      refuse(END, "'" + key(KIND) + "' is 'random'; a random column takes min and max");
      return switch (type.kind()) {
        case TINYINT, SMALLINT, INTEGER, BIGINT -> {
          long min = whole(MIN, -highestWhole() - 1);
          long max = whole(MAX, highestWhole());
          ordered(MIN, min, MAX, max);
          yield FieldGenerator.randomWhole(type, min, max);
        }
        case FLOAT, DOUBLE -> {
          double min = floating(MIN, 0);
          double max = floating(MAX, 1);
          if (min > max)
            throw invalid(key(MIN), min, "must not be above '" + key(MAX) + "' (" + max + ")");
          yield FieldGenerator.randomFloating(type, min, max);
        }
        case DECIMAL -> randomDecimal();
        case VARCHAR -> FieldGenerator.randomHexString(stringLength());
        case BOOLEAN -> FieldGenerator.randomBoolean();
        case DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ -> {
          long maxPast = whole(MAX_PAST, 0);
          if (maxPast < 0) throw invalid(key(MAX_PAST), maxPast, "must not be negative");
          yield FieldGenerator.eventTime(type, maxPast);
        }
        default -> throw new IllegalStateException("unchecked type " + type);
      };
    }

    private FieldGenerator sequence() {
      if (!type.kind().isNumeric()) {
        throw new IllegalArgumentException(
            "Column '"
                + field.name()
                + "' of table '"
                + table
                + "' is "
                + type
                + ", but '"
                + key(KIND)
                + "' = 'sequence' needs a numeric column (TINYINT, SMALLINT, INT, "
                + "BIGINT, FLOAT, DOUBLE or DECIMAL); leave out the kind for random values");
      }
      refuse(MIN, "'" + key(KIND) + "' is 'sequence'; a sequence takes start and end");
      refuse(MAX, "'" + key(KIND) + "' is 'sequence'; a sequence takes start and end");
      long start = whole(START, 0);
      long end = whole(END, highestWhole());
      ordered(START, start, END, end);
      long span = end - start;
      sequenceRows = span < 0 ? Long.MAX_VALUE : span == Long.MAX_VALUE ? Long.MAX_VALUE : span + 1;
      return FieldGenerator.sequence(type, start);
    }

    private FieldGenerator randomDecimal() {
      int precision = decimalPrecision();
      int scale = Math.max(0, type.scale());
      BigDecimal limit =
          BigDecimal.TEN
              .pow(Math.max(0, precision - scale))
              .subtract(BigDecimal.ONE.movePointLeft(scale));
      BigDecimal min = decimal(MIN, limit.negate()).setScale(scale, RoundingMode.CEILING);
      BigDecimal max = decimal(MAX, limit).setScale(scale, RoundingMode.FLOOR);
      if (min.compareTo(limit.negate()) < 0 || max.compareTo(limit) > 0) {
        throw invalid(
            min.compareTo(limit.negate()) < 0 ? key(MIN) : key(MAX),
            min.compareTo(limit.negate()) < 0 ? min : max,
            "must fit " + type + " (" + limit.negate() + " to " + limit + ")");
      }
      if (min.compareTo(max) > 0)
        throw invalid(key(MIN), min, "must not be above '" + key(MAX) + "' (" + max + ")");
      return FieldGenerator.randomDecimal(min, max);
    }

    private int stringLength() {
      boolean declared = type.precision() > 0 && type.precision() != Integer.MAX_VALUE;
      if (!options.containsKey(LENGTH)) {
        return declared ? Math.min(type.precision(), DEFAULT_STRING_LENGTH) : DEFAULT_STRING_LENGTH;
      }
      long length = whole(LENGTH, DEFAULT_STRING_LENGTH);
      long most = declared ? type.precision() : Integer.MAX_VALUE - 8;
      if (length < 0 || length > most) {
        throw invalid(key(LENGTH), length, "must be between 0 and " + most);
      }
      return (int) length;
    }

    private void refuse(String suffix, String why) {
      if (options.containsKey(suffix)) {
        throw new IllegalArgumentException(
            "Option '" + key(suffix) + "' of table '" + table + "' does not apply: " + why);
      }
    }

    private void ordered(String lowSuffix, long low, String highSuffix, long high) {
      if (low > high)
        throw invalid(
            key(lowSuffix), low, "must not be above '" + key(highSuffix) + "' (" + high + ")");
      long floor = -highestWhole() - (type.kind() == TypeKind.DECIMAL ? 0 : 1);
      long ceiling = highestWhole();
      if (low < floor || high > ceiling) {
        String key = low < floor ? key(lowSuffix) : key(highSuffix);
        throw invalid(
            key,
            low < floor ? low : high,
            "must fit " + type + " (" + floor + " to " + ceiling + ")");
      }
    }

    private long whole(String suffix, long fallback) {
      String value = options.get(suffix);
      if (value == null) return fallback;
      try {
        return new BigDecimal(value.trim()).longValueExact();
      } catch (NumberFormatException | ArithmeticException e) {
        throw invalid(key(suffix), value, "must be a whole number");
      }
    }

    private double floating(String suffix, double fallback) {
      String value = options.get(suffix);
      if (value == null) return fallback;
      try {
        double number = Double.parseDouble(value.trim());
        if (Double.isFinite(number)) return number;
      } catch (NumberFormatException e) {
        // reported below
      }
      throw invalid(key(suffix), value, "must be a finite number");
    }

    private BigDecimal decimal(String suffix, BigDecimal fallback) {
      String value = options.get(suffix);
      if (value == null) return fallback;
      try {
        return new BigDecimal(value.trim());
      } catch (NumberFormatException e) {
        throw invalid(key(suffix), value, "must be a number");
      }
    }

    /**
     * The largest whole number the column holds: the type's maximum, for a DECIMAL its integer
     * digits; the smallest is its negation less one (as two's complement has it), for a DECIMAL its
     * negation.
     */
    private long highestWhole() {
      return switch (type.kind()) {
        case TINYINT -> Byte.MAX_VALUE;
        case SMALLINT -> Short.MAX_VALUE;
        case INTEGER -> Integer.MAX_VALUE;
        case DECIMAL -> {
          int digits = decimalPrecision() - Math.max(0, type.scale());
          yield digits >= 19 ? Long.MAX_VALUE : Math.max(0, (long) Math.pow(10, digits) - 1);
        }
        default -> Long.MAX_VALUE;
      };
    }

    private int decimalPrecision() {
      return type.precision() == DataType.NO_PRECISION
          ? DEFAULT_DECIMAL_PRECISION
          : type.precision();
    }

    private String key(String suffix) {
      return FIELDS_PREFIX + field.name() + "." + suffix;
    }
  }
}
