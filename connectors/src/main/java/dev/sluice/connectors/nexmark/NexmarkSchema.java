package dev.sluice.connectors.nexmark;

import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.runtime.type.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns a nexmark table may declare, as in the suite's {@code ddl_gen.sql}: {@code event_type
 * INT} and the ROW columns {@code person}, {@code auction} and {@code bid}. A table declares any of
 * them, in any order, matched by name; a ROW column must have the generator's fields, in its order
 * and with its types (a ROW value is positional), any VARCHAR length and nullability. The computed
 * {@code dateTime} column and the watermark of the suite's DDL are the engine's, not stored.
 */
final class NexmarkSchema {
  static final int EVENT_TYPE = 0;
  static final int PERSON = 1;
  static final int AUCTION = 2;
  static final int BID = 3;

  private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  private static final DataType VARCHAR = DataType.of(TypeKind.VARCHAR);
  private static final DataType TIMESTAMP = DataType.timestamp(3);

  /** The generator's columns, by the positions above. */
  static final List<Field> COLUMNS =
      List.of(
          new Field("event_type", DataType.of(TypeKind.INTEGER)),
          new Field(
              "person",
              DataType.row(
                  List.of(
                      new Field("id", BIGINT),
                      new Field("name", VARCHAR),
                      new Field("emailAddress", VARCHAR),
                      new Field("creditCard", VARCHAR),
                      new Field("city", VARCHAR),
                      new Field("state", VARCHAR),
                      new Field("dateTime", TIMESTAMP),
                      new Field("extra", VARCHAR)))),
          new Field(
              "auction",
              DataType.row(
                  List.of(
                      new Field("id", BIGINT),
                      new Field("itemName", VARCHAR),
                      new Field("description", VARCHAR),
                      new Field("initialBid", BIGINT),
                      new Field("reserve", BIGINT),
                      new Field("dateTime", TIMESTAMP),
                      new Field("expires", TIMESTAMP),
                      new Field("seller", BIGINT),
                      new Field("category", BIGINT),
                      new Field("extra", VARCHAR)))),
          new Field(
              "bid",
              DataType.row(
                  List.of(
                      new Field("auction", BIGINT),
                      new Field("bidder", BIGINT),
                      new Field("price", BIGINT),
                      new Field("channel", VARCHAR),
                      new Field("url", VARCHAR),
                      new Field("dateTime", TIMESTAMP),
                      new Field("extra", VARCHAR)))));

  private NexmarkSchema() {}

  /**
   * The generator column of each column of {@code schema}, by position.
   *
   * @throws IllegalArgumentException naming the table, the column and the mismatch
   */
  static int[] layout(String table, Schema schema) {
    if (schema.size() == 0) {
      throw new IllegalArgumentException(
          "Nexmark table '" + table + "' declares no columns; it may declare " + expected());
    }
    int[] layout = new int[schema.size()];
    boolean[] seen = new boolean[COLUMNS.size()];
    for (int position = 0; position < schema.size(); position++) {
      Field declared = schema.field(position);
      int column = indexOf(COLUMNS, declared.name());
      if (column < 0) {
        throw new IllegalArgumentException(
            "Column '"
                + declared.name()
                + "' of nexmark table '"
                + table
                + "' is not one the generator makes; a nexmark table may declare, by name, "
                + expected());
      }
      if (seen[column]) {
        throw new IllegalArgumentException(
            "Nexmark table '" + table + "' declares column '" + declared.name() + "' twice");
      }
      seen[column] = true;
      String mismatch = mismatch(COLUMNS.get(column).type(), declared.type());
      if (mismatch != null) {
        throw new IllegalArgumentException(
            "Column '"
                + declared.name()
                + "' of nexmark table '"
                + table
                + "' is "
                + declared.type()
                + ", but the generator makes "
                + COLUMNS.get(column).type()
                + ": "
                + mismatch);
      }
      layout[position] = column;
    }
    return layout;
  }

  /** What differs between the generator's type and a declared one, or null when they fit. */
  private static String mismatch(DataType made, DataType declared) {
    if (made.kind() != TypeKind.ROW) {
      if (declared.kind() != made.kind()) {
        return "declare it as " + made.withNullable(true);
      }
      if (made.kind() == TypeKind.TIMESTAMP
          && declared.precision() != DataType.NO_PRECISION
          && declared.precision() < 3) {
        return "its values have milliseconds, so it needs a precision of at least 3";
      }
      return null;
    }
    if (declared.kind() != TypeKind.ROW) return "declare it as the ROW type above";
    List<Field> fields = made.fields();
    List<Field> got = declared.fields();
    for (int i = 0; i < Math.max(fields.size(), got.size()); i++) {
      if (i >= got.size()) {
        return "field "
            + (i + 1)
            + " '"
            + fields.get(i).name()
            + "' is missing (a ROW value is positional, so every field must be declared in order)";
      }
      if (i >= fields.size()) {
        return "it has " + got.size() + " fields where the generator makes " + fields.size();
      }
      Field expected = fields.get(i);
      Field field = got.get(i);
      if (!expected.name().equalsIgnoreCase(field.name())) {
        return "field "
            + (i + 1)
            + " is '"
            + field.name()
            + "' where the generator makes '"
            + expected.name()
            + "' (a ROW value is positional, so every field must be declared in order)";
      }
      String inner = mismatch(expected.type(), field.type());
      if (inner != null) {
        return "field '" + field.name() + "' is " + field.type() + "; " + inner;
      }
    }
    return null;
  }

  private static int indexOf(List<Field> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equalsIgnoreCase(name)) return i;
    }
    return -1;
  }

  private static String expected() {
    List<String> columns = new ArrayList<>();
    for (Field field : COLUMNS) columns.add(field.name() + " " + field.type());
    return String.join(", ", columns);
  }
}
