package dev.sluice.sql.ast;

/** What a {@link Show} statement lists. */
public enum ShowKind {
  TABLES,
  VIEWS,
  QUERIES,
  /** Every function: the user-defined ones, then the built-in ones. */
  FUNCTIONS,
  /** The functions declared with {@code CREATE FUNCTION}. */
  USER_FUNCTIONS
}
