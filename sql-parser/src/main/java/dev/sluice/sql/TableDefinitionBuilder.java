package dev.sluice.sql;

import dev.sluice.sql.ast.ColumnDefinition;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.WatermarkDefinition;
import dev.sluice.sql.grammar.SluiceStatementParser.ColumnDefinitionContext;
import dev.sluice.sql.grammar.SluiceStatementParser.ComputedColumnContext;
import dev.sluice.sql.grammar.SluiceStatementParser.CreateTableContext;
import dev.sluice.sql.grammar.SluiceStatementParser.IdentifierContext;
import dev.sluice.sql.grammar.SluiceStatementParser.IdentifierListContext;
import dev.sluice.sql.grammar.SluiceStatementParser.MetadataClauseContext;
import dev.sluice.sql.grammar.SluiceStatementParser.TableElementContext;
import dev.sluice.sql.grammar.SluiceStatementParser.TableOptionContext;
import dev.sluice.sql.grammar.SluiceStatementParser.TypedColumnContext;
import dev.sluice.sql.grammar.SluiceStatementParser.WatermarkDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;

/**
 * Reads the parts of a {@code CREATE TABLE}: columns, the watermark, the primary key and the
 * options. Checks here are only those the AST cannot represent otherwise (a second watermark, a
 * repeated option key); whether the columns make sense together is the planner's business.
 */
final class TableDefinitionBuilder {

  private final SourceScript source;
  private final EmbeddedSqlParser embeddedSql;
  private final TypeSpecBuilder types;

  TableDefinitionBuilder(SourceScript source, EmbeddedSqlParser embeddedSql) {
    this.source = source;
    this.embeddedSql = embeddedSql;
    this.types = new TypeSpecBuilder(source);
  }

  CreateTable build(CreateTableContext table, SourcePosition position, String text) {
    List<ColumnDefinition> columns = new ArrayList<>();
    WatermarkDefinition watermark = null;
    List<String> primaryKey = List.of();
    for (TableElementContext element : table.tableElement()) {
      if (element.columnDefinition() != null) {
        columns.add(column(element.columnDefinition()));
      } else if (element.watermarkDefinition() != null) {
        rejectSecond(watermark != null, element, "WATERMARK");
        watermark = watermark(element.watermarkDefinition());
      } else {
        rejectSecond(!primaryKey.isEmpty(), element, "PRIMARY KEY");
        primaryKey = identifiers(element.primaryKey().identifierList());
      }
    }
    return new CreateTable(
        Literals.qualifiedName(table.qualifiedName()),
        table.ifNotExists() != null,
        columns,
        watermark,
        primaryKey,
        options(table),
        table.comment == null ? null : Literals.string(table.comment),
        position,
        text);
  }

  /** The names of an identifier list, unquoted; empty when there is no list. */
  static List<String> identifiers(IdentifierListContext list) {
    if (list == null) {
      return List.of();
    }
    return list.identifier().stream().map(Literals::identifier).toList();
  }

  private ColumnDefinition column(ColumnDefinitionContext column) {
    SourcePosition position = SourceScript.positionOf(column.getStart());
    if (column instanceof ComputedColumnContext computed) {
      return new ColumnDefinition(
          name(computed.identifier()),
          null,
          embeddedSql.parseExpression(computed.expression()),
          null,
          false,
          null,
          position);
    }
    TypedColumnContext typed = (TypedColumnContext) column;
    String name = name(typed.identifier());
    MetadataClauseContext metadata = typed.metadataClause();
    String metadataKey = null;
    if (metadata != null) {
      metadataKey = metadata.key == null ? name : Literals.string(metadata.key);
    }
    return new ColumnDefinition(
        name,
        types.build(typed.dataType()),
        null,
        metadataKey,
        metadata != null && metadata.VIRTUAL() != null,
        typed.comment == null ? null : Literals.string(typed.comment),
        position);
  }

  private WatermarkDefinition watermark(WatermarkDefinitionContext watermark) {
    ParserRuleContext expression = watermark.expression();
    return new WatermarkDefinition(
        name(watermark.identifier()),
        embeddedSql.parseExpression(expression),
        source.text(expression.getStart(), expression.getStop()),
        SourceScript.positionOf(watermark.getStart()));
  }

  private Map<String, String> options(CreateTableContext table) {
    Map<String, String> options = new LinkedHashMap<>();
    if (table.tableOptions() == null) {
      return options;
    }
    for (TableOptionContext option : table.tableOptions().tableOption()) {
      String key = Literals.string(option.key);
      if (options.putIfAbsent(key, Literals.string(option.value)) != null) {
        throw SyntaxErrors.at(
            source,
            SourceScript.positionOf(option.key),
            "Duplicate option " + SyntaxErrors.quote(key),
            "each option may be given once");
      }
    }
    return options;
  }

  private void rejectSecond(boolean alreadySeen, TableElementContext element, String clause) {
    if (alreadySeen) {
      throw SyntaxErrors.at(
          source,
          SourceScript.positionOf(element.getStart()),
          "Second " + clause + " clause",
          "a table has at most one");
    }
  }

  private static String name(IdentifierContext identifier) {
    return Literals.identifier(identifier);
  }
}
