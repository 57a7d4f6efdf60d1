package dev.sluice.sql;

import dev.sluice.sql.StatementSplitter.StatementTokens;
import dev.sluice.sql.ast.Statement;
import dev.sluice.sql.grammar.SluiceStatementLexer;
import dev.sluice.sql.grammar.SluiceStatementParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.apache.calcite.sql.SqlNode;

/**
 * Parses Sluice SQL: scripts of statements separated by {@code ;}, single statements, and scalar
 * expressions. Keywords are case-insensitive, line ({@code --}) and block comments are allowed, a
 * trailing {@code ;} is optional and empty statements are ignored.
 *
 * <p>Statements are read by an ANTLR grammar; the SQL inside them (query bodies, computed-column
 * and watermark expressions) by Calcite's parser as configured in {@link SluiceDialect}. Any syntax
 * error, from either, is a {@link SqlSyntaxException} positioned in the text as given. Statements
 * are parsed in order and the first error stops the parse.
 */
public final class StatementParser {

  private StatementParser() {}

  /**
   * Parses every statement of a script.
   *
   * @throws SqlSyntaxException at the first statement that does not parse
   */
  public static List<Statement> parseScript(String script) {
    SourceScript source = SourceScript.of(script);
    List<Statement> statements = new ArrayList<>();
    for (StatementTokens statement : StatementSplitter.split(source)) {
      statements.add(parse(source, statement));
    }
    return List.copyOf(statements);
  }

  /**
   * Parses text holding exactly one statement, optionally followed by {@code ;}.
   *
   * @throws SqlSyntaxException when the statement does not parse, or the text holds no statement or
   *     more than one
   */
  public static Statement parseStatement(String sql) {
    SourceScript source = SourceScript.of(sql);
    List<StatementTokens> statements = StatementSplitter.split(source);
    if (statements.isEmpty()) {
      Token end = source.tokens().get(source.tokens().size() - 1);
      throw SyntaxErrors.at(
          source, SourceScript.positionOf(end), "No statement found", "expected one statement");
    }
    if (statements.size() > 1) {
      throw SyntaxErrors.at(
          source,
          SourceScript.positionOf(statements.get(1).first()),
          "A second statement",
          "expected exactly one statement; use parseScript for several");
    }
    return parse(source, statements.get(0));
  }

  /**
   * Parses a scalar SQL expression with Calcite, as configured in {@link SluiceDialect}. Positions
   * in the result and in errors count from the expression's first character.
   *
   * @throws SqlSyntaxException when the expression does not parse
   */
  public static SqlNode parseExpression(String expression) {
    return EmbeddedSqlParser.parseStandaloneExpression(expression);
  }

  /**
   * Cuts a script into the texts of its statements, without parsing them: each trimmed, without its
   * {@code ;}, leading and trailing comments dropped. A {@code ;} inside a string literal, a quoted
   * identifier, a comment or parentheses does not cut. Never fails, so a shell can run the
   * statements before a broken one.
   */
  public static List<String> splitStatements(String script) {
    SourceScript source = SourceScript.of(script);
    return StatementSplitter.split(source).stream()
        .map(statement -> source.text(statement.first(), statement.last()))
        .toList();
  }

  private static Statement parse(SourceScript source, StatementTokens statement) {
    rejectUnterminated(source, statement);
    // Before ANTLR and Calcite, whose parsers recurse once or more per parenthesis.
    NestingLimit.checkParentheses(source, statement.tokens());
    List<Token> tokens = new ArrayList<>(statement.tokens());
    tokens.add(endOfStatement(statement.end()));
    SluiceStatementParser parser =
        new SluiceStatementParser(new CommonTokenStream(new ListTokenSource(tokens)));
    parser.removeErrorListeners();
    FirstErrorStrategy errorStrategy = new FirstErrorStrategy();
    parser.setErrorHandler(errorStrategy);
    SluiceStatementParser.SingleStatementContext tree;
    try {
      tree = parser.singleStatement();
    } catch (ParseCancellationException e) {
      if (e.getCause() instanceof RecognitionException error) {
        throw AntlrErrorTranslator.translate(error, parser, errorStrategy, source);
      }
      throw e;
    }
    return new AstBuilder(source, parser.getTokenStream()).visit(tree.statement());
  }

  /**
   * The EOF token a statement is parsed up to: the script's own EOF, or a copy of the {@code ;}
   * that ends the statement, so that an error there is shown at the {@code ;}.
   */
  private static Token endOfStatement(Token end) {
    if (end.getType() == Token.EOF) {
      return end;
    }
    CommonToken endOfStatement = new CommonToken(end);
    endOfStatement.setType(Token.EOF);
    return endOfStatement;
  }

  private static void rejectUnterminated(SourceScript source, StatementTokens statement) {
    for (Token token : statement.tokens()) {
      String[] problemAndFix =
          switch (token.getType()) {
            case SluiceStatementLexer.UNTERMINATED_STRING ->
                new String[] {"string literal", "add the closing '"};
            case SluiceStatementLexer.UNTERMINATED_BACKQUOTED_IDENTIFIER ->
                new String[] {"quoted identifier", "add the closing `"};
            case SluiceStatementLexer.UNTERMINATED_DOUBLE_QUOTED_IDENTIFIER ->
                new String[] {"quoted identifier", "add the closing \""};
            case SluiceStatementLexer.UNTERMINATED_BLOCK_COMMENT ->
                new String[] {"comment", "add the closing */"};
            default -> null;
          };
      if (problemAndFix != null) {
        throw SyntaxErrors.at(
            source,
            SourceScript.positionOf(token),
            "Unterminated " + problemAndFix[0],
            problemAndFix[1]);
      }
    }
  }
}
