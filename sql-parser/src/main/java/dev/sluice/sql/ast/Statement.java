package dev.sluice.sql.ast;

/**
 * One statement of a script, as the parser read it. The set of statement kinds is closed, so a
 * {@code switch} over a statement is checked for exhaustiveness by the compiler.
 */
public sealed interface Statement
    permits CreateTable,
        CreateView,
        CreateFunction,
        DropObject,
        Insert,
        Query,
        SetOption,
        ResetOption,
        Show,
        Describe,
        Explain,
        StopQuery {

  /** Where the statement's first token is in the script. */
  SourcePosition position();

  /** The statement's own source text, trimmed, without the terminating {@code ;}. */
  String text();
}
