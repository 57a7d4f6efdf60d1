package dev.sluice.sql.ast;

/** What a {@link Show} statement lists. */
public enum ShowKind {
  TABLES,
  VIEWS,
  QUERIES,
  FUNCTIONS
}
