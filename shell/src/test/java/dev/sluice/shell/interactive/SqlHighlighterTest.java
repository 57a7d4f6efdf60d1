package dev.sluice.shell.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class SqlHighlighterTest {
  private static final String TEXT = "select url, 'from' AS s -- where\nFROM \"select\" /* join */ WHERE n > 10";

  @Test
  void keywordsLiteralsAndCommentsAreStyledAndEveryCharacterIsKept() {
    AttributedString shown = SqlHighlighter.highlight(TEXT);
    assertEquals(TEXT, shown.toString());
    assertEquals(SqlHighlighter.KEYWORD, styleAt(shown, "select"));
    assertEquals(SqlHighlighter.KEYWORD, styleAt(shown, "AS"));
    assertEquals(SqlHighlighter.KEYWORD, styleAt(shown, "FROM"));
    assertEquals(SqlHighlighter.KEYWORD, styleAt(shown, "WHERE n"));
    assertEquals(AttributedStyle.DEFAULT, styleAt(shown, "url"));
    assertEquals(SqlHighlighter.LITERAL, styleAt(shown, "'from'"), "a keyword in a literal is the literal");
    assertEquals(SqlHighlighter.COMMENT, styleAt(shown, "-- where"));
    assertEquals(SqlHighlighter.COMMENT, styleAt(shown, "/* join */"));
    assertEquals(AttributedStyle.DEFAULT, styleAt(shown, "\"select\""), "a quoted identifier is a name");
    assertEquals(AttributedStyle.DEFAULT, styleAt(shown, "10"));
  }

  @Test
  void theFunctionStatementsAreKeywordsAndTheirNamesAndClassesAreNot() {
    String ddl = "create temporary system function if not exists f AS 'com.example.F' LANGUAGE JAVA; DROP FUNCTION f; SHOW USER FUNCTIONS";
    AttributedString shown = SqlHighlighter.highlight(ddl);
    for (String keyword : List.of("create", "temporary", "system", "function", "LANGUAGE", "JAVA", "DROP FUNCTION", "USER", "FUNCTIONS")) {
      assertEquals(SqlHighlighter.KEYWORD, shown.styleAt(ddl.indexOf(keyword)), keyword);
    }
    assertEquals(AttributedStyle.DEFAULT, shown.styleAt(ddl.indexOf("f AS")));
    assertEquals(SqlHighlighter.LITERAL, shown.styleAt(ddl.indexOf("'com.example.F'")));
  }

  @Test
  void anUnfinishedLiteralOrCommentRunsToTheEnd() {
    AttributedString shown = SqlHighlighter.highlight("SELECT 'it''s");
    assertEquals(SqlHighlighter.LITERAL, shown.styleAt(12));
    assertEquals(SqlHighlighter.COMMENT, SqlHighlighter.highlight("SELECT /* FROM").styleAt(13));
  }

  private static AttributedStyle styleAt(AttributedString shown, String part) {
    return shown.styleAt(TEXT.indexOf(part));
  }
}
