package dev.sluice.sql.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SourcePositionTest {

  private final SourcePosition bodyStart = new SourcePosition(3, 15);

  @Test
  void firstLineOfATextIsOffsetByWhereTheTextStarts() {
    assertEquals(new SourcePosition(3, 15), bodyStart.translate(1, 1));
    assertEquals(new SourcePosition(3, 24), bodyStart.translate(1, 10));
  }

  @Test
  void laterLinesOfATextKeepTheirColumn() {
    assertEquals(new SourcePosition(5, 4), bodyStart.translate(3, 4));
  }

  @Test
  void unknownPositionIsTheStartOfTheText() {
    assertEquals(bodyStart, bodyStart.translate(0, 0));
  }

  @Test
  void positionsAreOneBased() {
    assertThrows(IllegalArgumentException.class, () -> new SourcePosition(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new SourcePosition(1, 0));
  }
}
