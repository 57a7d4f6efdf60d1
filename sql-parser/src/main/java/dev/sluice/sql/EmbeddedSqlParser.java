package dev.sluice.sql;

import dev.sluice.sql.ast.QueryText;
import dev.sluice.sql.ast.SourcePosition;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Hands the SQL inside a statement (a query body, a computed-column or watermark expression) to
 * Calcite's parser, configured by {@link SluiceDialect}, and reports its errors at script
 * positions.
 */
final class EmbeddedSqlParser {

  private final SourceScript source;
  private final TokenStream tokens;

  /**
   * @param source the script the statement comes from
   * @param tokens the token stream the statement was parsed from, to find what follows a body
   */
  EmbeddedSqlParser(SourceScript source, TokenStream tokens) {
    this.source = source;
    this.tokens = tokens;
  }

  /** Parses a query body, which the grammar ensures starts like a query. */
  QueryText parseQuery(ParserRuleContext body) {
    String sql = source.text(body.getStart(), body.getStop());
    SourcePosition start = SourceScript.positionOf(body.getStart());
    SqlNode node = parse(sql, start, body, true);
    if (!node.getKind().belongsTo(SqlKind.QUERY)) {
      throw SyntaxErrors.at(source, start, "Expected a query, found " + node.getKind(), null);
    }
    return new QueryText(sql, node, start);
  }

  /** Parses a scalar expression, such as a computed column's or a watermark's. */
  SqlNode parseExpression(ParserRuleContext expression) {
    String sql = source.text(expression.getStart(), expression.getStop());
    return parse(sql, SourceScript.positionOf(expression.getStart()), expression, false);
  }

  /** Parses a scalar expression given on its own, positions counting from its first character. */
  static SqlNode parseStandaloneExpression(String expression) {
    SourcePosition start = new SourcePosition(1, 1);
    NestingLimit.checkParentheses(expression, start);
    try {
      SqlNode node = SqlParser.create(expression, SluiceDialect.parserConfig()).parseExpression();
      NestingLimit.checkTree(node, expression, start);
      return node;
    } catch (SqlParseException e) {
      SourceScript source = SourceScript.of(expression);
      List<Token> tokens = source.tokens();
      Token end = tokens.get(tokens.size() - 1);
      Token last = tokens.size() > 1 ? tokens.get(tokens.size() - 2) : null;
      throw CalciteErrorTranslator.translate(
          e,
          source,
          new SourcePosition(1, 1),
          SyntaxErrors.describeFound(end),
          SyntaxErrors.positionOfFound(end, last));
    }
  }

  private SqlNode parse(String sql, SourcePosition start, ParserRuleContext body, boolean query) {
    SqlParser parser = SqlParser.create(sql, SluiceDialect.parserConfig());
    try {
      SqlNode node = query ? parser.parseQuery() : parser.parseExpression();
      NestingLimit.checkTree(node, sql, start);
      return node;
    } catch (SqlParseException e) {
      Token following = tokens.get(body.getStop().getTokenIndex() + 1);
      throw CalciteErrorTranslator.translate(
          e,
          source,
          start,
          SyntaxErrors.describeFound(following),
          SyntaxErrors.positionOfFound(following, body.getStop()));
    }
  }
}
