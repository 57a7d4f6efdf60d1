/**
 * The SQL front door of Sluice: {@link dev.sluice.sql.StatementParser} turns a script into
 * statements, {@link dev.sluice.sql.SluiceDialect} fixes how Calcite reads the SQL inside them, and
 * {@link dev.sluice.sql.SqlSyntaxException} reports what could not be read, with line, column and a
 * caret. Statements are recognised by an ANTLR grammar ({@code dev.sluice.sql.grammar}, generated
 * at build time); query bodies and expressions are handed whole to Calcite's parser. Everything
 * else in this package is package-private machinery between the two.
 */
package dev.sluice.sql;
