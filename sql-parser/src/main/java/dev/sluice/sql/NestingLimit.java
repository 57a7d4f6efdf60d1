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
   * The deepest nesting a statement may have. A chain of 500 {@code UNION ALL} is 500 levels deep,
   * since each nests the ones before it and is a whole query to plan; a chain of {@code OR} or
   * {@code +} counts a tenth of that ({@link #CHAIN_LINKS_PER_LEVEL}). Measured: about 400
   * levels fit Calcite's validation and planning in a 1 MiB thread stack, the JVM's default; the
   * engine plans on a thread with a far larger stack, so every statement within the limit fits.
   */
  public static final int MAX_DEPTH = 500;

  /**
   * The most expressions Calcite's rewrites may add to a statement. Calcite's validator rewrites
   * {@code COALESCE(a, b)} as {@code CASE WHEN a IS NOT NULL THEN a ELSE b END}, and {@code
   * NULLIF}, {@code NVL} and {@code IFNULL} alike, repeating an argument, so each one nested in
   * another doubles what lies inside it. Measured: 20 nested COALESCE took minutes to validate, 11
   * took 3.5 s more than one, 9 (up to this many repeated expressions) under a second more.
   */
  public static final int MAX_REPEATED_NODES = 1_000;

  /** Functions Calcite rewrites by repeating all their arguments but the last. */
  private static final java.util.Set<String> REPEATING_FUNCTIONS = java.util.Set.of("COALESCE", "NULLIF", "NVL", "IFNULL");

  /**
   * How many links of a chain of one operator ({@code x = 1 OR x = 2 OR ...}, {@code a + b + ...})
   * count as one level of nesting. Generated SQL writes such chains thousands long, and they are
   * flat as written; only Calcite's validator and planner recurse on them (not ANTLR's parser nor
   * Calcite's, which the parentheses limit is also for), once per link. The statement thread's 32
   * MiB stack holds about 13,000 levels of that recursion (2.5 KiB each, measured), so a chain of up
   * to {@code MAX_DEPTH * CHAIN_LINKS_PER_LEVEL} = 5,000 links leaves room to spare.
   */
  public static final int CHAIN_LINKS_PER_LEVEL = 10;

  /** Binary operators whose unparenthesized chains are flat as written (see {@link #continuesChain}). */
  private static final java.util.Set<String> CHAIN_OPERATORS = java.util.Set.of("AND", "OR", "+", "*", "||", "-");

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
    if (tooDeep != null) throw tooDeep(positionOf(tooDeep, start), lineOf(tooDeep, sql));
    SqlNode tooLarge = firstTooLargeOnceExpanded(root);
    if (tooLarge != null) {
      SourcePosition at = positionOf(tooLarge, start);
      throw new SqlSyntaxException("Statement too large at " + at + ": Calcite repeats the arguments of COALESCE, NULLIF, NVL and"
          + " IFNULL, so each one nested in another doubles the statement, and this one would grow by more than " + MAX_REPEATED_NODES
          + " expressions. Nest fewer of them, or compute the inner value in a view", at.line(), at.column(), lineOf(tooLarge, sql));
    }
  }

  private static SourcePosition positionOf(SqlNode node, SourcePosition start) {
    SqlParserPos pos = node.getParserPosition();
    return start.translate(pos.getLineNum(), pos.getColumnNum());
  }

  private static String lineOf(SqlNode node, String sql) {
    String[] lines = sql.split("\n", -1);
    int line = node.getParserPosition().getLineNum();
    return lines[line >= 1 && line <= lines.length ? line - 1 : 0];
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
            + " levels of parentheses, calls, operators or subqueries, and a chain of one operator (a OR b OR ...)"
            + " of at most " + MAX_DEPTH * CHAIN_LINKS_PER_LEVEL + " links. Split it into views, or put a long list of values in a table and join it",
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

  /**
   * The first node, in depth-first order, whose calls nest deeper than the limit; null if none.
   * Depths count in tenths of a level, for chains.
   */
  private static SqlNode firstTooDeepNode(SqlNode root) {
    Deque<SqlNode> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(root);
    depths.push(CHAIN_LINKS_PER_LEVEL);
    while (!nodes.isEmpty()) {
      SqlNode node = nodes.pop();
      int depth = depths.pop();
      if (node instanceof SqlNodeList list) {
        // A list (of columns, of WHEN branches) is a level of the tree, not of recursion.
        for (SqlNode item : list) push(nodes, depths, item, depth);
      } else if (node instanceof SqlCall call) {
        if (depth > MAX_DEPTH * CHAIN_LINKS_PER_LEVEL) return node;
        for (SqlNode operand : call.getOperandList()) {
          // Calcite's parser builds `a OR b OR c` as ((a OR b) OR c): flat as written, but Calcite
          // still recurses once per link, so a link costs a tenth of a level.
          push(nodes, depths, operand, depth + (continuesChain(call, operand) ? 1 : CHAIN_LINKS_PER_LEVEL));
        }
      }
    }
    return null;
  }

  /**
   * The first node, innermost first, whose subtree the repeating functions' rewrites would more than
   * double, by more than {@link #MAX_REPEATED_NODES} expressions; null if none.
   */
  private static SqlNode firstTooLargeOnceExpanded(SqlNode root) {
    // Post-order with an explicit stack: a node's size is known once its operands' are.
    // Per node: its expressions, and how many the rewrites add to them.
    java.util.Map<SqlNode, long[]> sizes = new java.util.IdentityHashMap<>();
    Deque<SqlNode> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      SqlNode node = pending.peek();
      List<SqlNode> operands = operandsOf(node);
      boolean ready = true;
      for (SqlNode operand : operands) {
        if (operand != null && !sizes.containsKey(operand)) {
          pending.push(operand);
          ready = false;
        }
      }
      if (!ready) continue;
      pending.pop();
      boolean repeats = node instanceof SqlCall call && REPEATING_FUNCTIONS.contains(call.getOperator().getName().toUpperCase(java.util.Locale.ROOT));
      long size = 1;
      long added = 0;
      for (int i = 0; i < operands.size(); i++) {
        if (operands.get(i) == null) continue;
        long[] operand = sizes.get(operands.get(i));
        size += operand[0];
        added += operand[1];
        if (repeats && i < operands.size() - 1) added += operand[0] + operand[1];
      }
      // Many repeating calls side by side add what they hold once over: only a subtree that the
      // rewrites more than double, and by many, grows exponentially with its nesting.
      if (added > MAX_REPEATED_NODES && added > size) return node;
      sizes.put(node, new long[] {size, added});
    }
    return null;
  }

  /**
   * Whether {@code operand} is another link of {@code call}'s chain of one associative operator
   * ({@code AND}, {@code OR}, {@code +}, {@code *}, {@code ||}) or of a left-deep {@code -}, as the
   * parser builds an unparenthesized chain. Set operators are no chain: each UNION ALL branch is a
   * whole query to plan.
   */
  private static boolean continuesChain(SqlCall call, SqlNode operand) {
    return operand instanceof SqlCall link
        && link.getOperator() == call.getOperator()
        && CHAIN_OPERATORS.contains(call.getOperator().getName())
        && call.getOperator() instanceof org.apache.calcite.sql.SqlBinaryOperator;
  }

  private static List<SqlNode> operandsOf(SqlNode node) {
    if (node instanceof SqlNodeList list) return list.getList();
    if (node instanceof SqlCall call) return call.getOperandList();
    return List.of();
  }

  private static void push(Deque<SqlNode> nodes, Deque<Integer> depths, SqlNode node, int depth) {
    if (node != null) {
      nodes.push(node);
      depths.push(depth);
    }
  }
}
