package dev.sluice.connectors.format;

import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * The {@code raw} format, as Flink's: a table of one VARCHAR column whose value is the whole
 * record, a line of a file or socket. Every record decodes; an empty line is an empty string. A
 * NULL is written as an empty line.
 */
public final class RawFormat implements RecordFormat {
  private RawFormat() {}

  static RawFormat of(String table, Schema schema) {
    if (schema.size() != 1 || schema.field(0).type().kind() != TypeKind.VARCHAR) {
      throw new IllegalArgumentException(
          "Format 'raw' of table '"
              + table
              + "' needs exactly one VARCHAR column, which holds each record, but the table has "
              + schema
              + ". Declare it as (line VARCHAR), or choose 'csv' or 'json'");
    }
    return new RawFormat();
  }

  @Override
  public String name() {
    return RAW;
  }

  @Override
  public String fileExtension() {
    return "txt";
  }

  @Override
  public RecordDecoder decoder() {
    return record -> new Object[] {record};
  }

  @Override
  public RecordEncoder encoder() {
    return row -> row[0] == null ? "" : row[0].toString();
  }

  @Override
  public void readRecords(BufferedReader text, RecordConsumer consumer) throws IOException {
    long lineNumber = 0;
    for (String line = text.readLine(); line != null; line = text.readLine()) {
      consumer.accept(++lineNumber, line);
    }
  }
}
