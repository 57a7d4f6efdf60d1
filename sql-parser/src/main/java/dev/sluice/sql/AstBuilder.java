package dev.sluice.sql;

import dev.sluice.sql.ast.CreateFunction;
import dev.sluice.sql.ast.CreateView;
import dev.sluice.sql.ast.Describe;
import dev.sluice.sql.ast.DropObject;
import dev.sluice.sql.ast.Explain;
import dev.sluice.sql.ast.Insert;
import dev.sluice.sql.ast.ObjectKind;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.ResetOption;
import dev.sluice.sql.ast.SetOption;
import dev.sluice.sql.ast.Show;
import dev.sluice.sql.ast.ShowKind;
import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.ast.Statement;
import dev.sluice.sql.ast.StopQuery;
import dev.sluice.sql.grammar.SluiceStatementBaseVisitor;
import dev.sluice.sql.grammar.SluiceStatementParser.CreateFunctionContext;
import dev.sluice.sql.grammar.SluiceStatementParser.CreateTableContext;
import dev.sluice.sql.grammar.SluiceStatementParser.CreateViewContext;
import dev.sluice.sql.grammar.SluiceStatementParser.DescribeContext;
import dev.sluice.sql.grammar.SluiceStatementParser.DropFunctionContext;
import dev.sluice.sql.grammar.SluiceStatementParser.DropObjectContext;
import dev.sluice.sql.grammar.SluiceStatementParser.ExplainContext;
import dev.sluice.sql.grammar.SluiceStatementParser.InsertIntoContext;
import dev.sluice.sql.grammar.SluiceStatementParser.QueryContext;
import dev.sluice.sql.grammar.SluiceStatementParser.ResetOptionContext;
import dev.sluice.sql.grammar.SluiceStatementParser.SetOptionContext;
import dev.sluice.sql.grammar.SluiceStatementParser.ShowContext;
import dev.sluice.sql.grammar.SluiceStatementParser.StatementContext;
import dev.sluice.sql.grammar.SluiceStatementParser.StopQueryContext;
import java.util.Locale;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.TokenStream;

/**
 * Builds the AST of one statement from its ANTLR parse tree. The tree is known to be free of syntax
 * errors; errors raised here come from Calcite (inside bodies) or from checks the grammar leaves to
 * code (types, repeated clauses, a function's language).
 */
final class AstBuilder extends SluiceStatementBaseVisitor<Statement> {

  /** The languages of Flink's {@code CREATE FUNCTION} whose classes run on a JVM. */
  private static final Set<String> JVM_LANGUAGES = Set.of("JAVA", "SCALA");

  private final SourceScript source;
  private final EmbeddedSqlParser embeddedSql;
  private final TableDefinitionBuilder tables;

  AstBuilder(SourceScript source, TokenStream tokens) {
    this.source = source;
    this.embeddedSql = new EmbeddedSqlParser(source, tokens);
    this.tables = new TableDefinitionBuilder(source, embeddedSql);
  }

  @Override
  public Statement visitStatement(StatementContext statement) {
    return visit(statement.getChild(0));
  }

  @Override
  public Statement visitCreateTable(CreateTableContext table) {
    return tables.build(table, position(table), text(table));
  }

  @Override
  public Statement visitCreateView(CreateViewContext view) {
    return new CreateView(
        Literals.qualifiedName(view.qualifiedName()),
        view.ifNotExists() != null,
        TableDefinitionBuilder.identifiers(view.identifierList()),
        embeddedSql.parseQuery(view.query()),
        position(view),
        text(view));
  }

  @Override
  public Statement visitCreateFunction(CreateFunctionContext function) {
    if (function.language != null) {
      String language = Literals.identifier(function.language);
      if (!JVM_LANGUAGES.contains(language.toUpperCase(Locale.ROOT))) {
        throw SyntaxErrors.at(
            source,
            SourceScript.positionOf(function.language.getStart()),
            "Unsupported function language '" + language + "'",
            "Sluice runs function classes on the JVM; write LANGUAGE JAVA (or SCALA), or leave"
                + " the clause out");
      }
    }
    return new CreateFunction(
        Literals.identifier(function.name),
        Literals.string(function.className),
        function.ifNotExists() != null,
        SourceScript.positionOf(function.className),
        position(function),
        text(function));
  }

  @Override
  public Statement visitDropFunction(DropFunctionContext drop) {
    return new DropObject(
        ObjectKind.FUNCTION,
        Literals.identifier(drop.identifier()),
        drop.ifExists() != null,
        position(drop),
        text(drop));
  }

  @Override
  public Statement visitDropObject(DropObjectContext drop) {
    return new DropObject(
        drop.TABLE() != null ? ObjectKind.TABLE : ObjectKind.VIEW,
        Literals.qualifiedName(drop.qualifiedName()),
        drop.ifExists() != null,
        position(drop),
        text(drop));
  }

  @Override
  public Statement visitInsertInto(InsertIntoContext insert) {
    return new Insert(
        Literals.qualifiedName(insert.qualifiedName()),
        TableDefinitionBuilder.identifiers(insert.identifierList()),
        embeddedSql.parseQuery(insert.query()),
        position(insert),
        text(insert));
  }

  @Override
  public Statement visitQuery(QueryContext query) {
    return new Query(embeddedSql.parseQuery(query), position(query), text(query));
  }

  @Override
  public Statement visitSetOption(SetOptionContext set) {
    return new SetOption(
        set.key == null ? null : Literals.string(set.key),
        set.value == null ? null : Literals.string(set.value),
        position(set),
        text(set));
  }

  @Override
  public Statement visitResetOption(ResetOptionContext reset) {
    return new ResetOption(
        reset.key == null ? null : Literals.string(reset.key), position(reset), text(reset));
  }

  @Override
  public Statement visitShow(ShowContext show) {
    ShowKind kind;
    if (show.TABLES() != null) {
      kind = ShowKind.TABLES;
    } else if (show.VIEWS() != null) {
      kind = ShowKind.VIEWS;
    } else if (show.QUERIES() != null) {
      kind = ShowKind.QUERIES;
    } else if (show.USER() != null) {
      kind = ShowKind.USER_FUNCTIONS;
    } else {
      kind = ShowKind.FUNCTIONS;
    }
    return new Show(kind, position(show), text(show));
  }

  @Override
  public Statement visitDescribe(DescribeContext describe) {
    return new Describe(
        Literals.qualifiedName(describe.qualifiedName()), position(describe), text(describe));
  }

  @Override
  public Statement visitExplain(ExplainContext explain) {
    ParserRuleContext target = explain.query() != null ? explain.query() : explain.insertInto();
    return new Explain(visit(target), position(explain), text(explain));
  }

  @Override
  public Statement visitStopQuery(StopQueryContext stop) {
    String queryId;
    if (stop.identifier() != null) {
      queryId = Literals.identifier(stop.identifier());
    } else if (stop.STRING() != null) {
      queryId = Literals.string(stop.STRING().getSymbol());
    } else {
      queryId = stop.INTEGER_VALUE().getText();
    }
    return new StopQuery(queryId, position(stop), text(stop));
  }

  private static SourcePosition position(ParserRuleContext statement) {
    return SourceScript.positionOf(statement.getStart());
  }

  private String text(ParserRuleContext statement) {
    return source.text(statement.getStart(), statement.getStop());
  }
}
