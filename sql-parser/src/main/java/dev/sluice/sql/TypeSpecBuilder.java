package dev.sluice.sql;

import dev.sluice.sql.ast.RowFieldSpec;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.TypeSpec;
import dev.sluice.sql.grammar.SluiceStatementParser.ArrayTypeContext;
import dev.sluice.sql.grammar.SluiceStatementParser.DataTypeContext;
import dev.sluice.sql.grammar.SluiceStatementParser.MapTypeContext;
import dev.sluice.sql.grammar.SluiceStatementParser.NamedTypeContext;
import dev.sluice.sql.grammar.SluiceStatementParser.NotNullContext;
import dev.sluice.sql.grammar.SluiceStatementParser.NullabilityContext;
import dev.sluice.sql.grammar.SluiceStatementParser.RowFieldContext;
import dev.sluice.sql.grammar.SluiceStatementParser.RowTypeContext;
import dev.sluice.sql.grammar.SluiceStatementParser.WithLocalTimeZoneContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Reads a declared type into a {@link TypeSpec}: maps each spelling to its canonical name and
 * checks the parameters each type takes. The grammar accepts any identifier as a type name, so that
 * an unknown type is reported here, by name, with the list of known ones.
 */
final class TypeSpecBuilder {

  /** Every accepted spelling, in the order the error message lists them, to its canonical name. */
  private static final Map<String, String> CANONICAL_NAMES = canonicalNames();

  /** Flink's and Calcite's limit for fractional seconds: nanoseconds. */
  private static final int MAX_TIME_PRECISION = 9;

  private final SourceScript source;

  TypeSpecBuilder(SourceScript source) {
    this.source = source;
  }

  TypeSpec build(DataTypeContext type) {
    SourcePosition position = SourceScript.positionOf(type.getStart());
    if (type instanceof ArrayTypeContext array) {
      return new TypeSpec(
          "ARRAY",
          List.of(),
          List.of(build(array.dataType())),
          List.of(),
          isNullable(array.nullability()),
          position);
    }
    if (type instanceof MapTypeContext map) {
      return new TypeSpec(
          "MAP",
          List.of(),
          List.of(build(map.dataType(0)), build(map.dataType(1))),
          List.of(),
          isNullable(map.nullability()),
          position);
    }
    if (type instanceof RowTypeContext row) {
      List<RowFieldSpec> fields = new ArrayList<>();
      for (RowFieldContext field : row.rowField()) {
        fields.add(
            new RowFieldSpec(Literals.identifier(field.identifier()), build(field.dataType())));
      }
      return new TypeSpec(
          "ROW", List.of(), List.of(), fields, isNullable(row.nullability()), position);
    }
    return named((NamedTypeContext) type, position);
  }

  private TypeSpec named(NamedTypeContext type, SourcePosition position) {
    String spelling = Literals.identifier(type.identifier()).toUpperCase(Locale.ROOT);
    String name = CANONICAL_NAMES.get(spelling);
    if (name == null) {
      throw unknownType(spelling, position);
    }
    if (type.PRECISION() != null && !name.equals("DOUBLE")) {
      throw SyntaxErrors.at(
          source,
          SourceScript.positionOf(type.PRECISION().getSymbol()),
          "Unexpected 'PRECISION' after " + spelling,
          "only DOUBLE PRECISION is a type");
    }
    if (type.timeZone() != null) {
      name = withTimeZone(name, type);
    }
    List<Integer> parameters = new ArrayList<>();
    if (type.typeParameters() != null) {
      for (TerminalNode parameter : type.typeParameters().INTEGER_VALUE()) {
        parameters.add(parameter(parameter));
      }
    }
    checkParameters(name, spelling, parameters, position);
    return new TypeSpec(
        name, parameters, List.of(), List.of(), isNullable(type.nullability()), position);
  }

  private String withTimeZone(String name, NamedTypeContext type) {
    SourcePosition position = SourceScript.positionOf(type.timeZone().getStart());
    if (type.timeZone() instanceof WithLocalTimeZoneContext) {
      if (!name.equals("TIMESTAMP")) {
        throw SyntaxErrors.at(
            source,
            position,
            "WITH LOCAL TIME ZONE cannot follow " + name,
            "only TIMESTAMP WITH LOCAL TIME ZONE is a type");
      }
      return "TIMESTAMP_LTZ";
    }
    if (!name.equals("TIMESTAMP") && !name.equals("TIME")) {
      throw SyntaxErrors.at(
          source,
          position,
          "WITHOUT TIME ZONE cannot follow " + name,
          "only TIME and TIMESTAMP take it");
    }
    return name;
  }

  private void checkParameters(
      String name, String spelling, List<Integer> parameters, SourcePosition position) {
    switch (name) {
      case "DECIMAL" -> {
        requireAtMost(2, parameters, spelling, "DECIMAL(precision, scale)", position);
        if (!parameters.isEmpty()) {
          requireBetween(parameters.get(0), 1, Integer.MAX_VALUE, "DECIMAL precision", position);
        }
        if (parameters.size() == 2) {
          requireBetween(parameters.get(1), 0, parameters.get(0), "DECIMAL scale", position);
        }
      }
      case "CHAR", "VARCHAR" -> {
        if (spelling.equals("STRING")) {
          requireAtMost(
              0, parameters, spelling, "STRING, or VARCHAR(length) to bound it", position);
        }
        requireAtMost(1, parameters, spelling, name + "(length)", position);
        if (!parameters.isEmpty()) {
          requireBetween(parameters.get(0), 1, Integer.MAX_VALUE, name + " length", position);
        }
      }
      case "TIME", "TIMESTAMP", "TIMESTAMP_LTZ" -> {
        requireAtMost(1, parameters, spelling, spelling + "(precision)", position);
        if (!parameters.isEmpty()) {
          requireBetween(parameters.get(0), 0, MAX_TIME_PRECISION, name + " precision", position);
        }
      }
      default -> requireAtMost(0, parameters, spelling, spelling, position);
    }
  }

  private void requireAtMost(
      int most, List<Integer> parameters, String spelling, String usage, SourcePosition position) {
    if (parameters.size() > most) {
      String problem =
          most == 0
              ? spelling + " takes no parameters"
              : spelling + " takes at most " + most + (most == 1 ? " parameter" : " parameters");
      throw SyntaxErrors.at(source, position, problem, "write " + usage);
    }
  }

  private void requireBetween(
      int value, int least, int most, String what, SourcePosition position) {
    if (value < least || value > most) {
      String range =
          most == Integer.MAX_VALUE ? "at least " + least : "between " + least + " and " + most;
      throw SyntaxErrors.at(
          source, position, what + " " + value + " is out of range", "it must be " + range);
    }
  }

  private int parameter(TerminalNode number) {
    try {
      return Integer.parseInt(number.getText());
    } catch (NumberFormatException e) {
      throw SyntaxErrors.at(
          source,
          SourceScript.positionOf(number.getSymbol()),
          "Type parameter " + number.getText() + " is too large",
          "it must be at most " + Integer.MAX_VALUE);
    }
  }

  private SqlSyntaxException unknownType(String spelling, SourcePosition position) {
    if (spelling.equals("MAP")) {
      return SyntaxErrors.at(
          source, position, "MAP needs its key and value types", "write MAP<key type, value type>");
    }
    List<String> known = new ArrayList<>(CANONICAL_NAMES.keySet());
    known.addAll(List.of("ARRAY<type>", "MAP<type, type>", "ROW<name type, ...>"));
    return SyntaxErrors.at(
        source,
        position,
        "Unknown type " + SyntaxErrors.quote(spelling),
        SyntaxErrors.expected(known, known.size()));
  }

  private static boolean isNullable(NullabilityContext nullability) {
    return !(nullability instanceof NotNullContext);
  }

  private static Map<String, String> canonicalNames() {
    Map<String, String> names = new LinkedHashMap<>();
    for (String name :
        List.of(
            "BOOLEAN",
            "TINYINT",
            "SMALLINT",
            "INT",
            "INTEGER",
            "BIGINT",
            "FLOAT",
            "REAL",
            "DOUBLE",
            "DECIMAL",
            "NUMERIC",
            "DEC",
            "CHAR",
            "VARCHAR",
            "STRING",
            "BYTES",
            "DATE",
            "TIME",
            "TIMESTAMP",
            "TIMESTAMP_LTZ")) {
      names.put(name, name);
    }
    names.put("INT", "INTEGER");
    names.put("REAL", "FLOAT");
    names.put("NUMERIC", "DECIMAL");
    names.put("DEC", "DECIMAL");
    names.put("STRING", "VARCHAR");
    return Collections.unmodifiableMap(names);
  }
}
