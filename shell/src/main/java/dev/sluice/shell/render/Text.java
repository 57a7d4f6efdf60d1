package dev.sluice.shell.render;

import dev.sluice.connectors.console.TablePrinter;
import java.util.ArrayList;
import java.util.List;

/** Text measured and cut in terminal columns, where an East Asian wide character takes two. */
final class Text {
  private static final String ELLIPSIS = "...";

  private Text() {}

  /** The columns {@code text} takes. */
  static int width(String text) {
    return TablePrinter.displayWidth(text);
  }

  /** The longest start of {@code text} that fits in {@code columns}. */
  static String cut(String text, int columns) {
    int used = 0;
    int i = 0;
    while (i < text.length()) {
      int codePoint = text.codePointAt(i);
      int w = width(new String(Character.toChars(codePoint)));
      if (used + w > columns) break;
      used += w;
      i += Character.charCount(codePoint);
    }
    return text.substring(0, i);
  }

  /** {@code text}, or when it does not fit in {@code columns}, its start followed by "...". */
  static String ellipsize(String text, int columns) {
    if (width(text) <= columns) return text;
    if (columns <= ELLIPSIS.length()) return cut(text, columns);
    return cut(text, columns - ELLIPSIS.length()) + ELLIPSIS;
  }

  /**
   * {@code text} in lines of at most {@code columns}, broken at spaces; a word longer than a line
   * is cut.
   */
  static List<String> wrap(String text, int columns) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && width(line.toString()) + 1 + width(word) > columns) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) line.append(' ');
      line.append(word);
    }
    lines.add(line.toString());
    lines.replaceAll(l -> cut(l, columns));
    return lines;
  }

  /** {@code text} with spaces before it up to {@code columns}. */
  static String padLeft(String text, int columns) {
    int padding = columns - width(text);
    return padding <= 0 ? text : " ".repeat(padding) + text;
  }
}
