package dev.sluice.runtime.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The file operations a checkpoint uses, and nothing else, so a test can make any of them fail
 * (a failing write, a full disk, a crash between two operations) or count them. {@link
 * CheckpointStore} builds its guarantees (temporary name, force, atomic rename, checksum) on top.
 * {@link #local()} is the real one.
 */
public interface CheckpointFileSystem {

  /** The local file system. */
  static CheckpointFileSystem local() {
    return LocalCheckpointFileSystem.INSTANCE;
  }

  /**
   * Creates {@code file}, or truncates it, for writing. Closing the stream forces its bytes to the
   * storage device before it returns; a failure to do so is thrown from {@code close}.
   */
  OutputStream create(Path file) throws IOException;

  /** Renames {@code from} to {@code to} atomically, replacing {@code to} if it exists. */
  void rename(Path from, Path to) throws IOException;

  /** Forces the names created, renamed or deleted in {@code directory} to the storage device. */
  void syncDirectory(Path directory) throws IOException;

  /** The whole content of {@code file}; {@link java.nio.file.NoSuchFileException} when it is missing. */
  byte[] read(Path file) throws IOException;

  /** The names of the files in {@code directory}, in no particular order. */
  List<String> list(Path directory) throws IOException;

  /** Deletes {@code file}; nothing happens when it is missing. */
  void delete(Path file) throws IOException;

  void createDirectories(Path directory) throws IOException;

  /**
   * Takes an exclusive lock on {@code file} (created if missing) for this process, or returns null
   * when another process or another query of this one holds it. Closing the result releases it.
   */
  Closeable tryLock(Path file) throws IOException;
}
