/**
 * The lexer, parser and visitor that ANTLR generates at build time from {@code SluiceStatement.g4}
 * (under {@code src/main/antlr4}); this file is the only source kept here. The grammar covers the
 * statement layer alone and captures query bodies and expressions as token ranges for Calcite, so
 * nothing outside {@code dev.sluice.sql} should need these types.
 */
package dev.sluice.sql.grammar;
