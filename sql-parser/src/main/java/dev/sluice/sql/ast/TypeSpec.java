package dev.sluice.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A column or field type as declared, before the planner maps it to a runtime type.
 *
 * <p>The name is canonical, whatever spelling was used: {@code BOOLEAN, TINYINT, SMALLINT, INTEGER,
 * BIGINT, FLOAT, DOUBLE, DECIMAL, CHAR, VARCHAR, BYTES, DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ,
 * ARRAY, MAP, ROW}. {@code INT} is {@code INTEGER}, {@code REAL} is {@code FLOAT}, {@code DOUBLE
 * PRECISION} is {@code DOUBLE}, {@code NUMERIC} and {@code DEC} are {@code DECIMAL}, {@code STRING}
 * is {@code VARCHAR} with no length, and {@code TIMESTAMP WITH LOCAL TIME ZONE} is {@code
 * TIMESTAMP_LTZ}.
 *
 * @param name the canonical type name
 * @param parameters the numbers in parentheses as written: length, precision or precision and
 *     scale; empty when none were given
 * @param typeArguments the element type of an {@code ARRAY}, the key and value types of a {@code
 *     MAP}; otherwise empty
 * @param rowFields the fields of a {@code ROW}; otherwise empty
 * @param nullable false when {@code NOT NULL} was declared
 * @param position where the type starts
 */
public record TypeSpec(
    String name,
    List<Integer> parameters,
    List<TypeSpec> typeArguments,
    List<RowFieldSpec> rowFields,
    boolean nullable,
    SourcePosition position) {

  private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  public TypeSpec {
    Objects.requireNonNull(name, "name");
    parameters = List.copyOf(parameters);
    typeArguments = List.copyOf(typeArguments);
    rowFields = List.copyOf(rowFields);
    Objects.requireNonNull(position, "position");
  }

  /** The type in SQL spelling, for example {@code ROW<id BIGINT, ts TIMESTAMP(3)> NOT NULL}. */
  @Override
  public String toString() {
    StringBuilder sql = new StringBuilder();
    switch (name) {
      case "ARRAY" -> sql.append("ARRAY<").append(typeArguments.get(0)).append('>');
      case "MAP" ->
          sql.append("MAP<")
              .append(typeArguments.get(0))
              .append(", ")
              .append(typeArguments.get(1))
              .append('>');
      case "ROW" ->
          sql.append(
              rowFields.stream()
                  .map(field -> quoteIfNeeded(field.name()) + " " + field.type())
                  .collect(Collectors.joining(", ", "ROW<", ">")));
      case "TIMESTAMP_LTZ" ->
          sql.append("TIMESTAMP").append(parameterList()).append(" WITH LOCAL TIME ZONE");
      default -> sql.append(name).append(parameterList());
    }
    if (!nullable) {
      sql.append(" NOT NULL");
    }
    return sql.toString();
  }

  private String parameterList() {
    if (parameters.isEmpty()) {
      return "";
    }
    return parameters.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
  }

  private static String quoteIfNeeded(String identifier) {
    if (PLAIN_IDENTIFIER.matcher(identifier).matches()) {
      return identifier;
    }
    return '`' + identifier.replace("`", "``") + '`';
  }
}
