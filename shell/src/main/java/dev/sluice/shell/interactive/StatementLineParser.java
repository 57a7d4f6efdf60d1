package dev.sluice.shell.interactive;

import dev.sluice.shell.session.StatementCompleteness;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * Splits the prompt's input into words for completion and decides when Enter runs it: only once
 * it ends with a {@code ;} (or is a shell command such as {@code quit}); before that Enter starts
 * a new line of the same statement. Quotes are not JLine's business here: a word may start with
 * {@code '}, as a setting key does.
 */
final class StatementLineParser extends DefaultParser {

  StatementLineParser() {
    setQuoteChars(new char[0]);
    setEscapeChars(new char[0]);
  }

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE && !StatementCompleteness.isComplete(line) && !ShellCommand.isCommand(line)) {
      throw new EOFError(-1, -1, "the statement goes on until ';'", ";");
    }
    return super.parse(line, cursor, context);
  }

  @Override
  public boolean isDelimiterChar(CharSequence buffer, int pos) {
    char c = buffer.charAt(pos);
    return Character.isWhitespace(c) || c == ',' || c == '(' || c == ')' || c == ';' || c == '=';
  }
}
