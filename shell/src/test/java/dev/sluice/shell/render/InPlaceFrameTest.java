package dev.sluice.shell.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InPlaceFrameTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void aRedrawMovesUpOverThePreviousDrawingAndClearsWhatIsLeftOfIt() {
    InPlaceFrame frame = new InPlaceFrame(out, Screen.terminal(40, 10));
    frame.draw(List.of(InPlaceFrame.Line.plain("one"), InPlaceFrame.Line.plain("two")));
    assertEquals("one\033[K\ntwo\033[K\n\033[K", take());
    frame.draw(List.of(InPlaceFrame.Line.plain("three")));
    // "two" is cleared and the cursor comes back under "three"; nothing below the old drawing is
    // touched, where a status bar may be pinned.
    assertEquals("\r\033[2Athree\033[K\n\033[K\n\033[1A\033[K", take());
  }

  @Test
  void linesAreCutSoThatNoneWraps() {
    InPlaceFrame frame = new InPlaceFrame(out, Screen.terminal(10, 10));
    frame.draw(List.of(InPlaceFrame.Line.plain("0123456789abc")));
    assertEquals("012345678\033[K\n\033[K", take());
  }

  @Test
  void aKeptDrawingStaysAndTheNextStartsBelowIt() {
    InPlaceFrame frame = new InPlaceFrame(out, Screen.terminal(40, 10));
    frame.draw(List.of(InPlaceFrame.Line.plain("final")));
    frame.keep();
    take();
    frame.draw(List.of(InPlaceFrame.Line.plain("next")));
    assertEquals("next\033[K\n\033[K", take());
  }

  @Test
  void changedAndStatusLinesAreStyled() {
    InPlaceFrame frame = new InPlaceFrame(out, Screen.terminal(40, 10));
    frame.draw(List.of(new InPlaceFrame.Line("row", InPlaceFrame.Style.CHANGED), new InPlaceFrame.Line("status", InPlaceFrame.Style.STATUS)));
    String drawn = take();
    assertTrue(drawn.contains("\033[1mrow\033[0m"), drawn);
    assertTrue(drawn.contains("\033[2mstatus\033[0m"), drawn);
  }

  private String take() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    bytes.reset();
    return text;
  }
}
