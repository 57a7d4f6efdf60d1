package dev.sluice.runtime.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file could not be written; the batch it belongs to is not committed. */
public final class CheckpointWriteException extends IOException {
  private final Path file;

  public CheckpointWriteException(Path file, Throwable cause) {
    super("Cannot write the checkpoint file " + file + ": " + describe(cause), cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message + " (" + cause.getClass().getSimpleName() + ")";
  }
}
