package dev.sluice.connectors.format;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Set;

/**
 * The {@code csv} format: one field per column, in column order, parsed and written by Jackson's
 * CSV module. Options, with Flink's names:
 *
 * <ul>
 *   <li>{@code 'csv.field-delimiter'}: one character, default {@code ,}; {@code \t} is a tab.
 *   <li>{@code 'csv.quote-character'}: default {@code "}; a quote inside a quoted field is doubled.
 *       {@code 'csv.disable-quote-character' = 'true'} turns quoting off.
 *   <li>{@code 'csv.escape-character'}: none by default.
 *   <li>{@code 'csv.allow-comments'}: lines starting with {@code #} are skipped (default false).
 *   <li>{@code 'csv.ignore-first-line'}: the first record of each file is a header and skipped
 *       (default false; Flink's legacy CSV format had it as {@code 'format.ignore-first-line'}).
 *   <li>{@code 'csv.null-literal'}: a field equal to it is NULL (none by default).
 *   <li>{@code 'csv.array-element-delimiter'}: separates the elements of an ARRAY field (default
 *       {@code ;}).
 *   <li>{@code 'csv.ignore-parse-errors'}: Flink's switch, the same as {@code 'on-error'} {@code
 *       skip} (true) or {@code fail} (false); see {@link MalformedRecords}.
 * </ul>
 *
 * As in Spark, an empty unquoted field is NULL, and a quoted empty field {@code ""} is the empty
 * string of a VARCHAR column (NULL for other types); the writer quotes empty strings so the two
 * stay apart. A record with more or fewer fields than the table has columns is malformed. Blank
 * lines are skipped. Columns are scalar or ARRAY of a scalar; ROW and MAP columns are refused.
 */
public final class CsvFormat implements RecordFormat {
  public static final String FIELD_DELIMITER = "csv.field-delimiter";
  public static final String QUOTE_CHARACTER = "csv.quote-character";
  public static final String DISABLE_QUOTE_CHARACTER = "csv.disable-quote-character";
  public static final String ESCAPE_CHARACTER = "csv.escape-character";
  public static final String ALLOW_COMMENTS = "csv.allow-comments";
  public static final String IGNORE_FIRST_LINE = "csv.ignore-first-line";
  public static final String NULL_LITERAL = "csv.null-literal";
  public static final String ARRAY_ELEMENT_DELIMITER = "csv.array-element-delimiter";
  public static final String IGNORE_PARSE_ERRORS = "csv.ignore-parse-errors";

  static final Set<String> OPTIONS =
      Set.of(
          FIELD_DELIMITER,
          QUOTE_CHARACTER,
          DISABLE_QUOTE_CHARACTER,
          ESCAPE_CHARACTER,
          ALLOW_COMMENTS,
          IGNORE_FIRST_LINE,
          NULL_LITERAL,
          ARRAY_ELEMENT_DELIMITER,
          IGNORE_PARSE_ERRORS);

  /**
   * The most lines one record may span, a quoted field holding the line breaks between them: an
   * unclosed quote makes one malformed record of at most this many lines, after which reading goes
   * on.
   */
  static final int MAX_RECORD_LINES = 1_000;

  /** A record that spans lines takes no further line once it holds this many characters (1 Mi). */
  static final int MAX_RECORD_CHARS = 1 << 20;

  /** Jackson's "no character" for quote and escape. */
  private static final int NONE = -1;

  private static final CsvMapper READER_MAPPER =
      CsvMapper.builder().enable(CsvParser.Feature.EMPTY_UNQUOTED_STRING_AS_NULL).build();
  private static final CsvMapper WRITER_MAPPER =
      CsvMapper.builder().enable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS).build();

  private final Schema schema;
  private final char delimiter;
  private final int quote;
  private final int escape;
  private final boolean allowComments;
  private final boolean ignoreFirstLine;
  private final String nullLiteral;
  private final String arrayDelimiter;

  private CsvFormat(String table, Schema schema, ConnectorOptions options) {
    this.schema = schema;
    for (Field field : schema.fields()) {
      DataType type = field.type();
      boolean supported =
          TextValues.isScalar(type)
              || type.kind() == TypeKind.ARRAY
                  && type.element() != null
                  && TextValues.isScalar(type.element());
      if (!supported) {
        throw new IllegalArgumentException(
            "Format 'csv' of table '"
                + table
                + "' cannot hold column '"
                + field.name()
                + "' of type "
                + type
                + ": CSV fields are scalars or arrays of scalars; use 'format' = 'json' for nested"
                + " values");
      }
    }
    delimiter = character(table, options, FIELD_DELIMITER, ',');
    quote =
        options.getBoolean(DISABLE_QUOTE_CHARACTER, false)
            ? NONE
            : character(table, options, QUOTE_CHARACTER, '"');
    escape =
        options.has(ESCAPE_CHARACTER) ? character(table, options, ESCAPE_CHARACTER, '\\') : NONE;
    allowComments = options.getBoolean(ALLOW_COMMENTS, false);
    ignoreFirstLine = options.getBoolean(IGNORE_FIRST_LINE, false);
    nullLiteral = options.get(NULL_LITERAL);
    arrayDelimiter = options.get(ARRAY_ELEMENT_DELIMITER, ";");
    if (arrayDelimiter.isEmpty()) {
      throw new IllegalArgumentException(
          "Option '" + ARRAY_ELEMENT_DELIMITER + "' of table '" + table + "' cannot be empty");
    }
    if (quote != NONE && quote == delimiter || escape != NONE && escape == delimiter) {
      throw new IllegalArgumentException(
          "Table '"
              + table
              + "': the CSV field delimiter cannot also be its quote or escape character");
    }
  }

  static CsvFormat of(String table, Schema schema, ConnectorOptions options) {
    return new CsvFormat(table, schema, options);
  }

  /** One character; {@code \t} written as two characters, as Flink allows, is a tab. */
  private static char character(String table, ConnectorOptions options, String key, char fallback) {
    String value = options.get(key);
    if (value == null) return fallback;
    if (value.equals("\\t")) return '\t';
    if (value.length() != 1) {
      throw new IllegalArgumentException(
          "Option '"
              + key
              + "' of table '"
              + table
              + "' must be a single character (or \\t for a tab), not '"
              + value
              + "'");
    }
    return value.charAt(0);
  }

  @Override
  public String name() {
    return CSV;
  }

  @Override
  public String fileExtension() {
    return "csv";
  }

  private CsvSchema jacksonSchema(CsvSchema base) {
    CsvSchema s = base.withColumnSeparator(delimiter).withLineSeparator("");
    s = quote == NONE ? s.withoutQuoteChar() : s.withQuoteChar((char) quote);
    return escape == NONE ? s.withoutEscapeChar() : s.withEscapeChar((char) escape);
  }

  @Override
  public RecordDecoder decoder() {
    ObjectReader reader =
        READER_MAPPER.readerFor(String[].class).with(jacksonSchema(CsvSchema.emptySchema()));
    return new CsvRecordDecoder(
        schema, reader, delimiter, quote, escape, nullLiteral, arrayDelimiter);
  }

  @Override
  public RecordEncoder encoder() {
    CsvSchema.Builder columns = CsvSchema.builder();
    for (int i = 0; i < schema.size(); i++) columns.addColumn(CsvRecordEncoder.column(i));
    CsvSchema base = jacksonSchema(columns.build());
    ObjectWriter writer =
        WRITER_MAPPER.writer(nullLiteral == null ? base : base.withNullValue(nullLiteral));
    return new CsvRecordEncoder(schema, writer, nullLiteral, arrayDelimiter);
  }

  @Override
  public void readRecords(BufferedReader text, RecordConsumer consumer) throws IOException {
    readRecords(text, consumer, ignoreFirstLine);
  }

  @Override
  public void readRecordsAfterStart(BufferedReader text, RecordConsumer consumer)
      throws IOException {
    readRecords(text, consumer, false);
  }

  private void readRecords(BufferedReader text, RecordConsumer consumer, boolean skipHeader)
      throws IOException {
    long lineNumber = 0;
    boolean first = true;
    for (String line = text.readLine(); line != null; line = text.readLine()) {
      long start = ++lineNumber;
      if (line.isBlank() || allowComments && line.startsWith("#")) continue;
      String record = line;
      if (quote != NONE && quoteOpenAfter(line, false, quote, escape)) {
        // Each line is scanned once, carrying whether a quote is open, so joining stays linear.
        StringBuilder joined = new StringBuilder(line);
        boolean open = true;
        for (int lines = 1;
            open && lines < MAX_RECORD_LINES && joined.length() <= MAX_RECORD_CHARS;
            lines++) {
          String next = text.readLine();
          if (next == null) break;
          lineNumber++;
          joined.append('\n').append(next);
          open = quoteOpenAfter(next, open, quote, escape);
        }
        // Still open, the record is malformed, and its decoder says why; reading goes on after it.
        record = joined.toString();
      }
      if (first && skipHeader) {
        first = false;
        continue;
      }
      first = false;
      consumer.accept(start, record);
    }
  }

  /**
   * Whether a quoted field is open after {@code text}, read with a quoted field {@code open} before
   * it. An escape character at the end of a line escapes the line break that joins it to the next,
   * so no escape carries over from one line to the next.
   */
  static boolean quoteOpenAfter(String text, boolean open, int quote, int escape) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (escape != NONE && c == escape) {
        i++;
      } else if (c == quote) {
        open = !open;
      }
    }
    return open;
  }

  /** Why a record whose quoted field never closes is malformed, with the limits of a record. */
  static String unclosedQuote() {
    return "a quoted field is not closed within the record, which ends with the text or after "
        + MAX_RECORD_LINES
        + " lines (or the first line past 1 MiB); close the quote, or double a quote inside a"
        + " field";
  }
}
