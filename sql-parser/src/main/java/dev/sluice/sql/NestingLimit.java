package dev.sluice.sql;

import dev.sluice.sql.ast.SourcePosition;
import dev.sluice.sql.grammar.SluiceStatementLexer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * How deeply a statement may nest: at most {@link #MAX_DEPTH} levels of parentheses, and at most
 * as many levels of calls, operators, subqueries and set operations in its tree. Calcite's parser,
 * validator and planner, and ANTLR's parser, recurse once or more per level, so a deeper statement
 * would exhaust the thread's stack; it is refused up front with "Statement too deeply nested" at
 * the first level past the limit. The checks walk with explicit stacks, so they cannot overflow
 * themselves.
 */
public final class NestingLimit {

  /**
   * The deepest nesting a statement may have. A chain of 500 {@code OR}, {@code +} or {@code UNION
   * ALL} is 500 levels deep, since each operator nests the ones before it. Measured: about 400
   * levels fit Calcite's validation and planning in a 1 MiB thread stack, the JVM's default; the
   * engine plans on a thread with a far larger stack, so every statement within the limit fits.
   */
  public static final int MAX_DEPTH = 500;

  private NestingLimit() {}

  /**
   * Refuses {@code sql}, text on its own that starts at {@code start} in its script, when its
   * parentheses nest deeper than {@link #MAX_DEPTH}: the check to run before handing SQL text to
   * Calcite's parser.
   *
   * @throws SqlSyntaxException "Statement too deeply nested", at the first parenthesis too deep
   */
  public static void checkParentheses(String sql, SourcePosition start) {
    SourceScript source = SourceScript.of(sql);
    Token tooDeep = firstTooDeepParenthesis(source.tokens());
    if (tooDeep != null) {
      SourcePosition inText = SourceScript.positionOf(tooDeep);
      throw tooDeep(start.translate(inText.line(), inText.column()), source.line(inText.line()));
    }
  }

  /**
   * Refuses a tree Calcite parsed from text that starts at {@code start} in its script, when it
   * nests deeper than {@link #MAX_DEPTH}: the check to run before validating it.
   *
   * @param sql the text the tree was parsed from, to show the offending line
   * @throws SqlSyntaxException "Statement too deeply nested", at the first node too deep
   */
  public static void checkTree(SqlNode root, String sql, SourcePosition start) {
    SqlNode tooDeep = firstTooDeepNode(root);
    if (tooDeep != null) {
      SqlParserPos pos = tooDeep.getParserPosition();
      SourcePosition at = start.translate(pos.getLineNum(), pos.getColumnNum());
      String[] lines = sql.split("\n", -1);
      int line = pos.getLineNum() >= 1 && pos.getLineNum() <= lines.length ? pos.getLineNum() : 1;
      throw tooDeep(at, lines[line - 1]);
    }
  }

  /** Parentheses check for tokens of a script already lexed, positions already the script's. */
  static void checkParentheses(SourceScript source, List<Token> tokens) {
    Token tooDeep = firstTooDeepParenthesis(tokens);
    if (tooDeep != null) {
      SourcePosition at = SourceScript.positionOf(tooDeep);
      throw tooDeep(at, source.line(at.line()));
    }
  }

  /**
   * The error for a statement nested too deeply, also for one that overflowed the stack anyway.
   *
   * @param sourceLine the text of the line {@code at} is on
   */
  public static SqlSyntaxException tooDeep(SourcePosition at, String sourceLine) {
    return new SqlSyntaxException(
        "Statement too deeply nested at " + at + ": Sluice takes at most " + MAX_DEPTH
            + " levels of parentheses, calls, operators or subqueries. Split it into views, or write a long"
            + " chain of OR as IN (...)",
        at.line(),
        at.column(),
        sourceLine);
  }

  private static Token firstTooDeepParenthesis(List<Token> tokens) {
    int depth = 0;
    for (Token token : tokens) {
      if (token.getType() == SluiceStatementLexer.LEFT_PAREN && ++depth > MAX_DEPTH) {
        return token;
      }
      if (token.getType() == SluiceStatementLexer.RIGHT_PAREN && depth > 0) {
        depth--;
      }
    }
    return null;
  }

  /** The first node, in depth-first order, whose calls nest deeper than the limit; null if none. */
  private static SqlNode firstTooDeepNode(SqlNode root) {
    Deque<SqlNode> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(root);
    depths.push(1);
    while (!nodes.isEmpty()) {
      SqlNode node = nodes.pop();
      int depth = depths.pop();
      if (node instanceof SqlNodeList list) {
        // A list (of columns, of WHEN branches) is a level of the tree, not of recursion.
        for (SqlNode item : list) push(nodes, depths, item, depth);
      } else if (node instanceof SqlCall call) {
        if (depth > MAX_DEPTH) return node;
        for (SqlNode operand : call.getOperandList()) push(nodes, depths, operand, depth + 1);
      }
    }
    return null;
  }

  private static void push(Deque<SqlNode> nodes, Deque<Integer> depths, SqlNode node, int depth) {
    if (node != null) {
      nodes.push(node);
      depths.push(depth);
    }
  }
}
