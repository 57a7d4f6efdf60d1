package dev.sluice.sql.ast;

/** The kind of catalog object a {@link DropObject} statement removes. */
public enum ObjectKind {
  TABLE,
  VIEW,
  FUNCTION
}
