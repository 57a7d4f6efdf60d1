/**
 * The abstract syntax of Sluice statements: one immutable record per statement kind, with the parts
 * a statement is made of (column definitions, types, watermarks, query texts). Query bodies and
 * expressions are kept both as the text the user wrote and as Calcite's {@link
 * org.apache.calcite.sql.SqlNode}, so the planner can validate them and still quote the original;
 * every record carries the {@link dev.sluice.sql.ast.SourcePosition} it was read from, so later
 * stages can point at the line and column of a problem.
 */
package dev.sluice.sql.ast;
