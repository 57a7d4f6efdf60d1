package dev.sluice.shell.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptTest {

  @Test
  void statementsKnowTheLineAndColumnTheyStartAt() {
    Script script = new Script("s.sql", """
        -- leading comment
        SET 'a' = 'b'; SHOW TABLES;
          SELECT ';' FROM t
          WHERE x = 1;
        """, 10);
    List<ScriptStatement> statements = script.statements();
    assertEquals(3, statements.size());
    assertEquals(List.of(11, 11, 12), statements.stream().map(ScriptStatement::line).toList());
    assertEquals(List.of(1, 16, 3), statements.stream().map(ScriptStatement::column).toList());
    assertEquals("SELECT ';' FROM t\n  WHERE x = 1", statements.get(2).text());
  }

  @Test
  void positionedTextPutsTheStatementWhereItIsInTheSource() {
    ScriptStatement statement = new Script("s.sql", "SET 'a' = 'b';\n  SHOW TABLES;", 1).statements().get(1);
    assertEquals("\n  SHOW TABLES", statement.positionedText());
  }

  @Test
  void sourceLineCountsFromTheScriptsFirstLine() {
    Script script = new Script("<stdin>", "SELECT 1;\nSELECT 2;\n", 5);
    assertEquals("SELECT 2;", script.sourceLine(6));
    assertEquals(null, script.sourceLine(4));
  }
}
