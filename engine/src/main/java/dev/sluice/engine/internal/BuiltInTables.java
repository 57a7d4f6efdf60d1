package dev.sluice.engine.internal;

import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.Field;
import dev.sluice.runtime.type.Schema;
import dev.sluice.sql.ast.ColumnDefinition;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The memory tables the engine declares itself when a setting or option names one that does not
 * exist yet: the late-rows table ({@code 'late-rows.table'}) and dead-letter tables ({@code
 * 'dead-letter.table'}). The name must be an identifier, and the declaration is built from the
 * table's columns as a statement tree, never as SQL text around the name: a name that closed a
 * quoted identifier once ran statements of its own (a DROP TABLE).
 */
public final class BuiltInTables {
  /** A regular SQL identifier: what such a name can be without quotes in every query that reads it. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final SourcePosition NOWHERE = new SourcePosition(1, 1);

  private BuiltInTables() {}

  /**
   * Returns {@code name}, the value of {@code option}, when it is an identifier.
   *
   * @throws IllegalArgumentException naming the option and the value, otherwise
   */
  public static String requireIdentifier(String option, String name) {
    if (name == null || !IDENTIFIER.matcher(name.trim()).matches()) {
      throw new IllegalArgumentException("'" + option + "' names a table, which must be an identifier: letters, digits and "
          + "underscores, not starting with a digit, such as 'late_rows'; '" + name + "' is not one");
    }
    return name.trim();
  }

  /**
   * {@code CREATE TABLE IF NOT EXISTS name (columns) WITH ('connector' = 'memory')} as a statement
   * tree, for {@code name} already checked by {@link #requireIdentifier}.
   */
  public static CreateTable memoryTable(String name, Schema columns) {
    List<ColumnDefinition> definitions = new ArrayList<>();
    List<String> text = new ArrayList<>();
    for (Field field : columns.fields()) {
      definitions.add(new ColumnDefinition(field.name(), typeSpec(field.type()), null, null, false, null, NOWHERE));
      text.add(field.name() + " " + field.type());
    }
    String display = "CREATE TABLE IF NOT EXISTS " + name + " (" + String.join(", ", text) + ") WITH ('connector' = 'memory')";
    return new CreateTable(name, true, definitions, null, List.of(), Map.of("connector", "memory"), null, NOWHERE, display);
  }

  /** The declared type of a column of these tables, which are text and timestamps. */
  private static TypeSpec typeSpec(DataType type) {
    List<Integer> parameters = switch (type.kind()) {
      case VARCHAR, TIMESTAMP -> type.precision() == DataType.NO_PRECISION ? List.of() : List.of(type.precision());
      default -> throw new IllegalArgumentException("A built-in table has no " + type + " column");
    };
    return new TypeSpec(type.kind().name(), parameters, List.of(), List.of(), type.nullable(), NOWHERE);
  }
}
