package dev.sluice.shell.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatementCompletenessTest {

  @Test
  void aStatementIsCompleteAtItsSemicolon() {
    assertTrue(StatementCompleteness.isComplete("SELECT 1;"));
    assertTrue(StatementCompleteness.isComplete("SELECT 1;  -- done\n"));
    assertTrue(StatementCompleteness.isComplete("SELECT 1; /* done */ "));
    assertFalse(StatementCompleteness.isComplete("SELECT 1"));
    assertFalse(StatementCompleteness.isComplete("SELECT 1; SELECT 2"));
  }

  @Test
  void semicolonsInsideQuotesCommentsAndParenthesesDoNotEndIt() {
    assertFalse(StatementCompleteness.isComplete("SELECT ';"));
    assertFalse(StatementCompleteness.isComplete("SELECT 'it''s;"));
    assertTrue(StatementCompleteness.isComplete("SELECT 'it''s;';"));
    assertFalse(StatementCompleteness.isComplete("SELECT `a;"));
    assertFalse(StatementCompleteness.isComplete("SELECT 1 -- ;"));
    assertFalse(StatementCompleteness.isComplete("SELECT 1 /* ; */"));
    assertFalse(StatementCompleteness.isComplete("SELECT 1 /* ;"));
    assertFalse(StatementCompleteness.isComplete("SELECT f(1;"));
    assertTrue(StatementCompleteness.isComplete("SELECT f(1);"));
  }

  @Test
  void blankTextAndCommentsAloneAreComplete() {
    assertTrue(StatementCompleteness.isComplete(""));
    assertTrue(StatementCompleteness.isComplete("  \n"));
    assertTrue(StatementCompleteness.isComplete("-- nothing\n"));
  }
}
