package dev.sluice.shell.session;

import dev.sluice.sql.StatementParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Text holding statements, as read from a file, an {@code -e} argument, a pipe or the prompt,
 * and where it begins in its source, so an error points at the line the user sees.
 *
 * @param name what the text came from, for messages ({@code "clicks.sql"}, {@code "-e"})
 * @param text the statements
 * @param firstLine the line of the source the text's first line is (1 for a whole file)
 */
public record Script(String name, String text, int firstLine) {

  /** A whole source. */
  public static Script of(String name, String text) {
    return new Script(name, text, 1);
  }

  /**
   * The statements, in order, each with the line and column where it starts. The engine's
   * splitter cuts the text, so a {@code ;} inside a quote, a comment or parentheses does not;
   * each piece is found again in the text to know where it starts.
   */
  public List<ScriptStatement> statements() {
    List<ScriptStatement> statements = new ArrayList<>();
    int from = 0;
    for (String statement : StatementParser.splitStatements(text)) {
      int at = text.indexOf(statement, from);
      if (at < 0) at = from; // cannot happen: the splitter returns pieces of the text
      statements.add(new ScriptStatement(statement, this, lineAt(at), columnAt(at)));
      from = at + statement.length();
    }
    return statements;
  }

  /** The text of a line of the source, without its line break; null when outside this text. */
  public String sourceLine(int line) {
    String[] lines = text.split("\n", -1);
    int index = line - firstLine;
    return index >= 0 && index < lines.length ? lines[index].replace("\r", "") : null;
  }

  private int lineAt(int offset) {
    int line = firstLine;
    for (int i = 0; i < offset; i++) if (text.charAt(i) == '\n') line++;
    return line;
  }

  private int columnAt(int offset) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return offset - lineStart + 1;
  }
}
