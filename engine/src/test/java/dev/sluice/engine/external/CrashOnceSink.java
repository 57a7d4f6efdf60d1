package dev.sluice.engine.external;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkContext;

/**
 * A real sink that makes its query crash once, at the {@code n}th batch it receives: after the
 * real sink wrote and committed it (the engine never commits the batch to its checkpoint, so a
 * restart repeats it), or before (so a restart re-reads its input).
 */
final class CrashOnceSink implements Sink {
  private final Sink real;
  private final int crashAtWrite;
  private final boolean afterWriting;
  private int writes;

  CrashOnceSink(Sink real, int crashAtWrite, boolean afterWriting) {
    this.real = real;
    this.crashAtWrite = crashAtWrite;
    this.afterWriting = afterWriting;
  }

  @Override
  public void open(SinkContext context) {
    real.open(context);
  }

  @Override
  public void write(long batchId, RowBatch rows) {
    boolean crash = ++writes == crashAtWrite;
    if (crash && !afterWriting) throw new IllegalStateException("simulated crash before batch " + batchId + " was written");
    real.write(batchId, rows);
    if (crash) throw new IllegalStateException("simulated crash after batch " + batchId + " was written, before the checkpoint commit");
  }

  @Override
  public boolean supportsDeletes() {
    return real.supportsDeletes();
  }

  @Override
  public void close() {
    real.close();
  }
}
