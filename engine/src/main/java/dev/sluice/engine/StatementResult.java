package dev.sluice.engine;

import java.util.List;

/**
 * What running one statement produced.
 *
 * @param kind what the statement was
 * @param message a line for a person (e.g. "Table 't' created"), or EXPLAIN's text
 * @param columns column names of {@code rows}, for SHOW, DESCRIBE and SET
 * @param rows rows as display strings, for SHOW, DESCRIBE and SET
 * @param query the query the statement started, for a SELECT or INSERT
 */
public record StatementResult(Kind kind, String message, List<String> columns, List<List<String>> rows, StreamingQuery query) {

  /** The kinds of statement result. */
  public enum Kind {
    /** DDL, SET, RESET, STOP: done, with a message. */
    OK,
    /** SHOW, DESCRIBE, SET without arguments: a small table. */
    ROWS,
    /** EXPLAIN: the plan text in {@code message}. */
    EXPLAIN,
    /** SELECT: a continuous query whose results the caller reads from {@link StreamingQuery#results()}. */
    QUERY,
    /** INSERT INTO: a continuous query writing to a table's sink, running in the background. */
    INSERT
  }

  static StatementResult ok(String message) {
    return new StatementResult(Kind.OK, message, List.of(), List.of(), null);
  }

  static StatementResult rows(List<String> columns, List<List<String>> rows) {
    return new StatementResult(Kind.ROWS, "", columns, rows, null);
  }
}
