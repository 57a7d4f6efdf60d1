package dev.sluice.runtime.checkpoint;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@link CheckpointFileSystem} on the local disk through java.nio. */
final class LocalCheckpointFileSystem implements CheckpointFileSystem {
  static final LocalCheckpointFileSystem INSTANCE = new LocalCheckpointFileSystem();
  /** Large enough that a typical state file goes down in a few system calls. */
  private static final int BUFFER_BYTES = 1 << 16;

  private LocalCheckpointFileSystem() {}

  @Override
  public OutputStream create(Path file) throws IOException {
    return new SyncOnClose(new FileOutputStream(file.toFile()));
  }

  /** Buffers writes; on close flushes, forces the file to disk, then closes it. */
  private static final class SyncOnClose extends FilterOutputStream {
    private final FileOutputStream file;
    private boolean closed;

    SyncOnClose(FileOutputStream file) {
      super(new BufferedOutputStream(file, BUFFER_BYTES));
      this.file = file;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      if (closed) return;
      closed = true;
      try {
        out.flush();
        file.getFD().sync();
      } finally {
        out.close();
      }
    }
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + to.getParent() + " cannot rename atomically, which checkpoints need", e);
    }
  }

  @Override
  public void syncDirectory(Path directory) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(directory, StandardOpenOption.READ);
    } catch (IOException e) {
      return; // Some platforms cannot open a directory; there a rename is as durable as it gets.
    }
    try (channel) {
      channel.force(true);
    }
  }

  @Override
  public byte[] read(Path file) throws IOException {
    return Files.readAllBytes(file);
  }

  @Override
  public List<String> list(Path directory) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      files.forEach(p -> names.add(p.getFileName().toString()));
    }
    return names;
  }

  @Override
  public void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
  }

  @Override
  public void createDirectories(Path directory) throws IOException {
    Files.createDirectories(directory);
  }

  @Override
  public Closeable tryLock(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // another query of this process holds it
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      return null;
    }
    FileLock held = lock;
    return () -> {
      try (channel) {
        held.release();
      }
    };
  }
}
