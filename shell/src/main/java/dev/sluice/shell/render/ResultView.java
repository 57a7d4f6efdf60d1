package dev.sluice.shell.render;

import dev.sluice.engine.ResultBuffer;

/**
 * Shows the results of a query running in the foreground. Called on the shell's thread, in this
 * order: {@link #started()} once, then {@link #batch} for each delivered batch and {@link #tick()}
 * several times a second, then {@link #finished} once.
 */
public interface ResultView {

  /** The query started; no batch arrived yet. */
  void started();

  /** A batch arrived. A view may draw later, in a {@link #tick()}, to spare the screen. */
  void batch(ResultBuffer.Batch batch);

  /** Time passed: draw what is pending and refresh what changes with time (elapsed time, rates). */
  void tick();

  /** The query ended; {@code summary} is the one line to leave under its results. */
  void finished(String summary);
}
