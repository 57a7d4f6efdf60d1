package dev.sluice.connectors.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decodes the records of one {@link CsvFormat} table: Jackson's CSV parser splits a record into
 * fields, and each field becomes a value of its column.
 *
 * <p>A Jackson parser reads a stream and cannot be pointed at new text, and making one per record
 * costs more than splitting the record. So one parser lives as long as the decoder and reads a
 * {@link RecordFeed} that hands it one record at a time. After the line break that ends a record
 * the parser reads ahead to learn whether another record follows; the feed answers with the field
 * delimiter, which opens the next record with an empty field that the decoder drops. A record the
 * parser does not take exactly to its end this way (it holds an unquoted line break, ends in the
 * escape character or inside quotes, or is not CSV at all) is split again by a parser of its own,
 * as a whole text, which is what defines the fields of a record and the message of one that is not
 * valid CSV; the shared parser is then replaced.
 */
final class CsvRecordDecoder implements RecordDecoder {
  /**
   * Jackson counts the lines a parser has read in an int; a fresh parser every 2^20 records keeps
   * that far from overflowing, at no cost that shows.
   */
  private static final int RECORDS_PER_PARSER = 1 << 20;

  /** What {@link #splitInStream} answers for a record it leaves to {@link #splitAlone}. */
  private static final int NOT_SPLIT = -1;

  private final ObjectReader reader;
  private final int quote;
  private final int escape;
  private final String[] names;
  private final DataType[] types;
  private final String nullLiteral;
  private final Pattern arrayDelimiter;
  private final RecordFeed feed;
  private final String[] fields;
  private JsonParser parser;
  private int recordsParsed;

  /**
   * @param reader reads one record as a {@code String[]} with the table's Jackson CSV schema
   * @param quote the schema's quote character, or -1
   * @param escape the schema's escape character, or -1
   */
  CsvRecordDecoder(
      Schema schema,
      ObjectReader reader,
      char delimiter,
      int quote,
      int escape,
      String nullLiteral,
      String arrayDelimiter) {
    this.reader = reader;
    this.quote = quote;
    this.escape = escape;
    names = new String[schema.size()];
    types = new DataType[schema.size()];
    for (int i = 0; i < names.length; i++) {
      Field field = schema.field(i);
      names[i] = field.name();
      types[i] = field.type();
    }
    this.nullLiteral = nullLiteral;
    this.arrayDelimiter = Pattern.compile(Pattern.quote(arrayDelimiter));
    feed = new RecordFeed(delimiter);
    fields = new String[names.length];
  }

  @Override
  public Object[] decode(String record) {
    int found = splitInStream(record);
    if (found == NOT_SPLIT) found = splitAlone(record);
    if (found != names.length) {
      throw new MalformedRecordException(
          "expected "
              + names.length
              + (names.length == 1 ? " field" : " fields")
              + " but found "
              + found);
    }
    Object[] row = new Object[names.length];
    for (int i = 0; i < row.length; i++) {
      row[i] = value(fields[i], types[i], names[i]);
      if (row[i] == null && !types[i].nullable()) {
        throw new MalformedRecordException(
            "column '" + names[i] + "' is NOT NULL but the field is empty");
      }
    }
    return row;
  }

  /**
   * Splits {@code record} with the shared parser into {@link #fields}.
   *
   * @return how many fields the record has, or {@link #NOT_SPLIT}
   */
  private int splitInStream(String record) {
    // Alone, an empty record is no row at all; followed by a line break it would be one field.
    if (record.isEmpty()) return NOT_SPLIT;
    try {
      if (parser == null || recordsParsed == RECORDS_PER_PARSER) {
        replaceParser();
        feed.restart();
        parser = reader.createParser(feed);
      }
      recordsParsed++;
      feed.offer(record);
      // The row's array, then the empty field the delimiter read ahead opens the record with.
      if (parser.nextToken() != JsonToken.START_ARRAY
          || parser.nextToken() != JsonToken.VALUE_NULL) {
        return giveUpParser();
      }
      int found = 0;
      for (JsonToken token = parser.nextToken();
          token != JsonToken.END_ARRAY;
          token = parser.nextToken()) {
        if (token == null) return giveUpParser();
        if (found < fields.length) fields[found] = fieldText(parser, token);
        found++;
      }
      return feed.tookExactlyTheRecord() ? found : giveUpParser();
    } catch (IOException e) {
      return giveUpParser();
    }
  }

  /**
   * Splits {@code record} by a parser of its own into {@link #fields}, refusing what is not CSV.
   */
  private int splitAlone(String record) {
    String[] split;
    try {
      split = reader.readValue(record);
    } catch (IOException e) {
      boolean unclosed = quote >= 0 && CsvFormat.quoteOpenAfter(record, false, quote, escape);
      throw new MalformedRecordException(
          "not valid CSV: " + (unclosed ? CsvFormat.unclosedQuote() : firstLine(e)));
    }
    if (split == null) return 0;
    System.arraycopy(split, 0, fields, 0, Math.min(split.length, fields.length));
    return split.length;
  }

  /** The text of a field, null for an empty unquoted one, as Jackson reads into a String[]. */
  private static String fieldText(JsonParser parser, JsonToken token) throws IOException {
    return token == JsonToken.VALUE_NULL ? null : parser.getText();
  }

  private int giveUpParser() {
    replaceParser();
    return NOT_SPLIT;
  }

  private void replaceParser() {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException e) {
        // nothing to release: the feed holds no resources
      }
    }
    parser = null;
    recordsParsed = 0;
  }

  private Object value(String text, DataType type, String column) {
    if (text == null || text.equals(nullLiteral)) return null;
    if (type.kind() == TypeKind.VARCHAR) return text;
    if (text.isBlank()) return null;
    if (type.kind() != TypeKind.ARRAY) return TextValues.parse(text, type, column);
    List<Object> elements = new ArrayList<>();
    for (String element : arrayDelimiter.split(text, -1)) {
      elements.add(value(element, type.element(), column));
    }
    return elements;
  }

  private static String firstLine(IOException e) {
    String message =
        e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (message == null) return e.getClass().getSimpleName();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * The text a shared parser reads: the delimiter when the parser is new, then each record offered
   * followed by a line break, and after it, when the parser reads ahead, the delimiter once more
   * (which opens the next record); asked for more than that, it ends the input.
   */
  private static final class RecordFeed extends Reader {
    private final char delimiter;
    private boolean delimiterFirst;
    private String record = "";
    private int position;
    private boolean lineBreakOwed;
    private boolean readAhead;
    private boolean overrun;

    RecordFeed(char delimiter) {
      this.delimiter = delimiter;
    }

    /** Starts over for a new parser, which reads the delimiter before the first record. */
    void restart() {
      delimiterFirst = true;
      record = "";
      position = 0;
      lineBreakOwed = false;
      readAhead = false;
      overrun = false;
    }

    /** The next record, for a parser that has taken all of the one before. */
    void offer(String next) {
      record = next;
      position = 0;
      lineBreakOwed = true;
      readAhead = false;
      overrun = false;
    }

    /**
     * Whether the parser took the record and its line break and then only looked at the delimiter
     * after them: it asks for more text only once it has used up all it was given.
     */
    boolean tookExactlyTheRecord() {
      return readAhead && !overrun;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      if (length == 0) return 0;
      int count = 0;
      if (delimiterFirst) {
        buffer[offset + count++] = delimiter;
        delimiterFirst = false;
      }
      int copied = Math.min(record.length() - position, length - count);
      record.getChars(position, position + copied, buffer, offset + count);
      position += copied;
      count += copied;
      if (lineBreakOwed && position == record.length() && count < length) {
        buffer[offset + count++] = '\n';
        lineBreakOwed = false;
      }
      if (count > 0) return count;
      if (readAhead) {
        overrun = true;
        return -1;
      }
      readAhead = true;
      buffer[offset] = delimiter;
      return 1;
    }

    @Override
    public void close() {
      // the records are the decoder's; there is nothing to close
    }
  }
}
