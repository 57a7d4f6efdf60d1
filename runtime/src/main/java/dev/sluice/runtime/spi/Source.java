package dev.sluice.runtime.spi;

import dev.sluice.runtime.data.RowBatch;

/**
 * An unbounded table's input, read in offset ranges. Offsets are opaque text the source writes
 * and reads back (JSON is the custom); the engine stores them in its write-ahead log, compares
 * them for equality and hands them back, never interprets them.
 *
 * <p>The executor calls every method from its one query thread: {@link #initialOffset()} once
 * for a query whose checkpoint has no position for this source (never for one resumed from its
 * own offsets), then per trigger {@link #latestOffset()} and, when it moved,
 * {@link #read}. A replayable source returns the same rows for the same range every time, so a
 * batch redone after a crash is the same batch.
 */
public interface Source extends AutoCloseable {

  /** Where a new query starts reading: nothing has been read before this offset. */
  String initialOffset();

  /**
   * The offset after everything available now, or null when the source cannot tell now (the
   * system it reads does not answer; {@link #status()} says so): the batch then reads nothing from
   * it and the query asks again at its next trigger.
   */
  String latestOffset();

  /**
   * The offset after the last row the source will ever have, for a bounded source that can offer
   * them all at once (a generator with a row count, which otherwise paces its rows by the clock);
   * null for an unbounded source. The triggers that read what there is and stop (once,
   * available-now) read up to it instead of {@link #latestOffset()}, so a bounded table is read
   * whole, as Flink reads bounded input.
   */
  default String endOffset() {
    return null;
  }

  /**
   * An end offset no further than {@code latest} that bounds one batch starting at {@code
   * start}, for options such as {@code max rows per trigger}; by default everything.
   */
  default String limitOffset(String start, String latest) {
    return latest;
  }

  /** Appends the rows after {@code start} up to {@code end} to {@code out} as inserts. */
  void read(String start, String end, RowBatch out);

  /**
   * Whether the stream has no rows after {@code offset} and never will: a bounded source (a
   * generator with a row count) read to its end. The executor then moves the source's watermark
   * to the end of time, so every window and every time-bounded state closes, as Flink does at the
   * end of bounded input. An unbounded table never ends.
   */
  default boolean isEnded(String offset) {
    return false;
  }

  /** Whether {@link #read} returns the same rows for a range after a restart. */
  boolean isReplayable();

  /** Rows read so far that could not be decoded and were skipped. */
  default long malformedRows() {
    return 0;
  }

  /**
   * A problem the source is riding out, for the progress report (a directory that vanished, a
   * broker that does not answer, with what it is doing about it), or null when all is well. A
   * source that cannot reach its data keeps offering its last known offset and retries with
   * backoff rather than failing the query or skipping data.
   */
  default String status() {
    return null;
  }

  /** Called when the query has committed a batch up to {@code end}: data before it may go. */
  default void commit(String end) {}

  @Override
  default void close() {}
}
