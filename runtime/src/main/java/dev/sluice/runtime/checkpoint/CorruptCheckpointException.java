package dev.sluice.runtime.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file that cannot be trusted (corrupt, truncated, missing); the query refuses to start from it. */
public final class CorruptCheckpointException extends IOException {
  private final Path file;

  public CorruptCheckpointException(Path file, String why) {
    super("Checkpoint file " + file + " is corrupt: " + why + ". Restore it or start the query with a new 'checkpoint.location'.");
    this.file = file;
  }

  public CorruptCheckpointException(Path file, String why, Throwable cause) {
    this(file, why);
    initCause(cause);
  }

  /** A file stamped with another checkpoint's identity than the one it was read for. */
  static CorruptCheckpointException fromAnotherCheckpoint(Path file, String writtenFor, String readFor) {
    return new CorruptCheckpointException(file, "it belongs to another checkpoint (" + writtenFor + ", and this one is " + readFor
        + " in its metadata.json), so it was copied in from elsewhere");
  }

  public Path file() {
    return file;
  }
}
