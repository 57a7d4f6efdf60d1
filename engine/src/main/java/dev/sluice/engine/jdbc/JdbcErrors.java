package dev.sluice.engine.jdbc;

import dev.sluice.engine.SluiceException;
import dev.sluice.planner.PlanningException;
import dev.sluice.sql.SqlSyntaxException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;

/** The driver's exceptions, each with the SQLState a JDBC tool expects for it. */
final class JdbcErrors {
  /** SQL:2016's "query canceled", which PostgreSQL and DB2 use for a cancelled statement too. */
  static final String QUERY_CANCELED = "57014";
  /** ODBC's "timeout expired", the usual state of {@link SQLTimeoutException}. */
  static final String TIMEOUT = "HYT00";
  /** "Feature not supported". */
  static final String NOT_SUPPORTED = "0A000";
  /** "Syntax error or access rule violation": a statement the parser or the planner refused. */
  static final String REFUSED_STATEMENT = "42000";
  /** ODBC's general error, for a failure that is neither the statement's fault nor the caller's. */
  static final String GENERAL = "HY000";
  /** "Invalid descriptor index": a column or parameter number out of range. */
  static final String BAD_INDEX = "07009";
  /** ODBC's "column not found": a column label no column has. */
  static final String COLUMN_NOT_FOUND = "42S22";
  /** "Wrong number of parameters": a parameter left unset. */
  static final String PARAMETER_UNSET = "07001";
  /** "Invalid character value for cast": a value that does not convert to what the getter returns. */
  static final String BAD_CONVERSION = "22018";
  /** "Numeric value out of range". */
  static final String OUT_OF_RANGE = "22003";
  /** "Connection does not exist": a closed connection. */
  static final String CONNECTION_CLOSED = "08003";
  /** "Function sequence error": a closed statement or result set, or a call out of order. */
  static final String SEQUENCE = "HY010";

  private JdbcErrors() {}

  static SQLFeatureNotSupportedException notSupported(String what) {
    return new SQLFeatureNotSupportedException("Sluice's JDBC driver does not support " + what, NOT_SUPPORTED);
  }

  static SQLException cancelled(String queryId, String how) {
    return new SQLException("Query " + queryId + " was cancelled: " + how, QUERY_CANCELED);
  }

  static SQLTimeoutException timedOut(String queryId, int seconds) {
    return new SQLTimeoutException("No row of query " + queryId + " arrived within the query timeout of " + seconds
        + " s; the query keeps running and next() may be called again", TIMEOUT);
  }

  static SQLException closed(String what) {
    return new SQLException("This " + what + " is closed", what.equals("connection") ? CONNECTION_CLOSED : SEQUENCE);
  }

  static SQLException badIndex(String what, int index, int count) {
    return new SQLException(what + " " + index + " does not exist: there " + (count == 1 ? "is 1" : "are " + count), BAD_INDEX);
  }

  static SQLException conversion(Object value, String target) {
    return new SQLException("Cannot read " + describe(value) + " as " + target, BAD_CONVERSION);
  }

  static SQLException outOfRange(Object value, String target) {
    return new SQLException("The value " + value + " is out of the range of " + target, OUT_OF_RANGE);
  }

  /** An engine refusal as an SQLException: the message with the line, column and caret, as the shell shows it. */
  static SQLException fromEngine(SluiceException e) {
    Throwable cause = e.getCause();
    if (cause instanceof SqlSyntaxException || cause instanceof PlanningException) {
      return new SQLSyntaxErrorException(e.formatted(), REFUSED_STATEMENT, e);
    }
    return new SQLException(e.formatted(), GENERAL, e);
  }

  private static String describe(Object value) {
    if (value == null) return "NULL";
    String text = value instanceof byte[] bytes ? bytes.length + " bytes" : String.valueOf(value);
    if (text.length() > 40) text = text.substring(0, 37) + "...";
    return "'" + text + "' (" + value.getClass().getSimpleName() + ")";
  }
}
