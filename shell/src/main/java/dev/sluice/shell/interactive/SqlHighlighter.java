package dev.sluice.shell.interactive;

import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours what is typed at the prompt as SQL: keywords bold blue, string literals green, comments
 * faint; identifiers, quoted or not, and numbers stay plain. It reads the text as the statement
 * splitter does (quotes with doubled quote characters, line and block comments), so
 * a keyword inside a literal or a comment is not taken for one. Every character is kept, line
 * breaks included, so the prompt's cursor stays where it belongs.
 */
final class SqlHighlighter implements Highlighter {
  static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
  static final AttributedStyle LITERAL = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
  static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.faint();

  @Override
  public AttributedString highlight(LineReader reader, String buffer) {
    return highlight(buffer);
  }

  static AttributedString highlight(String text) {
    AttributedStringBuilder out = new AttributedStringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      int end;
      if (c == '-' && next == '-') {
        end = text.indexOf('\n', i);
        end = end < 0 ? text.length() : end;
        out.styled(COMMENT, text.substring(i, end));
      } else if (c == '/' && next == '*') {
        end = text.indexOf("*/", i + 2);
        end = end < 0 ? text.length() : end + 2;
        out.styled(COMMENT, text.substring(i, end));
      } else if (c == '\'' || c == '"' || c == '`') {
        end = closingQuote(text, i);
        // Quoted identifiers are names, not values: only literals are coloured.
        if (c == '\'') {
          out.styled(LITERAL, text.substring(i, end));
        } else {
          out.append(text, i, end);
        }
      } else if (Character.isLetter(c) || c == '_') {
        end = i + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) end++;
        String word = text.substring(i, end);
        if (SqlKeywords.isKeyword(word)) {
          out.styled(KEYWORD, word);
        } else {
          out.append(word);
        }
      } else if (Character.isDigit(c)) {
        // A number, so that "1e5" or "t1" do not start a word in the middle.
        end = i + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '.')) end++;
        out.append(text, i, end);
      } else {
        end = i + 1;
        out.append(c);
      }
      i = end;
    }
    return out.toAttributedString();
  }

  /** The index after the quote that closes the one at {@code start}, or the text's end. */
  private static int closingQuote(String text, int start) {
    char quote = text.charAt(start);
    int i = start + 1;
    while (i < text.length()) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return text.length();
  }

  /** JLine marks errors it finds itself; the shell reports its own after running the statement. */
  @Override
  public void setErrorPattern(Pattern errorPattern) {}

  @Override
  public void setErrorIndex(int errorIndex) {}
}
