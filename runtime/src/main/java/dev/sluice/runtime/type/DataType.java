package dev.sluice.runtime.type;

import java.util.List;
import java.util.Objects;

/**
 * A SQL type: its kind, precision and scale where they apply, nullability, the element type of
 * an ARRAY and the fields of a ROW.
 */
public record DataType(
    TypeKind kind, int precision, int scale, boolean nullable, DataType element, List<Field> fields) {

  public static final int NO_PRECISION = -1;

  public DataType {
    Objects.requireNonNull(kind, "kind");
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  public static DataType of(TypeKind kind) {
    return new DataType(kind, NO_PRECISION, 0, true, null, List.of());
  }

  public static DataType decimal(int precision, int scale) {
    return new DataType(TypeKind.DECIMAL, precision, scale, true, null, List.of());
  }

  public static DataType varchar(int length) {
    return new DataType(TypeKind.VARCHAR, length, 0, true, null, List.of());
  }

  public static DataType timestamp(int precision) {
    return new DataType(TypeKind.TIMESTAMP, precision, 0, true, null, List.of());
  }

  public static DataType array(DataType element) {
    return new DataType(TypeKind.ARRAY, NO_PRECISION, 0, true, element, List.of());
  }

  public static DataType row(List<Field> fields) {
    return new DataType(TypeKind.ROW, NO_PRECISION, 0, true, null, fields);
  }

  public DataType withNullable(boolean nullable) {
    return new DataType(kind, precision, scale, nullable, element, fields);
  }

  /** SQL spelling, as DESCRIBE and error messages show it. */
  @Override
  public String toString() {
    String base =
        switch (kind) {
          case DECIMAL -> precision == NO_PRECISION ? "DECIMAL" : "DECIMAL(" + precision + ", " + scale + ")";
          case VARCHAR -> precision == NO_PRECISION || precision == Integer.MAX_VALUE ? "VARCHAR" : "VARCHAR(" + precision + ")";
          case TIMESTAMP, TIMESTAMP_LTZ -> kind + (precision == NO_PRECISION ? "" : "(" + precision + ")");
          case INTEGER -> "INT";
          case ARRAY -> "ARRAY<" + element + ">";
          case ROW -> {
            StringBuilder sb = new StringBuilder("ROW<");
            for (int i = 0; i < fields.size(); i++) {
              if (i > 0) sb.append(", ");
              sb.append(fields.get(i).name()).append(' ').append(fields.get(i).type());
            }
            yield sb.append('>').toString();
          }
          default -> kind.name();
        };
    return nullable ? base : base + " NOT NULL";
  }
}
