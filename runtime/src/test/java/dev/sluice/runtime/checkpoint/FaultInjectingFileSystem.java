package dev.sluice.runtime.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test {@link CheckpointFileSystem} over the local disk that counts what is read and fails
 * the operations a {@link Fault} picks: a failing write, a full disk, or a crash after which every
 * operation fails as if the process were gone. Optionally skips forcing to disk, which only power
 * loss would notice, so tests that write thousands of files stay fast.
 */
public final class FaultInjectingFileSystem implements CheckpointFileSystem {
  /** The operations a fault can fail. */
  public enum Operation { CREATE, WRITE, CLOSE, RENAME, SYNC_DIRECTORY, DELETE }

  /** Decides, for each operation, whether it fails. */
  @FunctionalInterface
  public interface Fault {
    /**
     * The exception to throw for this operation, or null to let it happen.
     *
     * @param index the operation's number, from 0, over all mutating operations
     * @param bytes for a write, how many bytes it writes; else 0
     */
    IOException check(Operation operation, Path file, long index, long bytes);
  }

  private final CheckpointFileSystem local = CheckpointFileSystem.local();
  private final boolean force;
  private volatile Fault fault = (op, file, index, bytes) -> null;
  private final AtomicLong operations = new AtomicLong();
  private final List<Path> reads = new CopyOnWriteArrayList<>();
  private final AtomicLong bytesRead = new AtomicLong();
  private volatile boolean crashed;

  /** @param force whether closing a file forces it to disk, as the real one does */
  public FaultInjectingFileSystem(boolean force) {
    this.force = force;
  }

  public FaultInjectingFileSystem inject(Fault fault) {
    this.fault = fault;
    return this;
  }

  /** Every write to a file whose name matches fails with {@code failure}. */
  public static Fault failWrites(String fileNameEnd, IOException failure) {
    return (op, file, index, bytes) -> op == Operation.WRITE && file.getFileName().toString().endsWith(fileNameEnd) ? failure : null;
  }

  /** Writes succeed until {@code budget} more have been written, then fail as a full disk does. */
  public static Fault diskFullAfter(long budget) {
    AtomicLong left = new AtomicLong(budget);
    return (op, file, index, bytes) -> op == Operation.WRITE && left.addAndGet(-bytes) < 0 ? new IOException("No space left on device") : null;
  }

  /**
   * The process dies at mutating operation number {@code index} (0-based): it fails, a write
   * there leaves half its bytes behind, and every later operation fails too.
   */
  public Fault crashAt(long index) {
    return (op, file, i, bytes) -> {
      if (i == index) crashed = true;
      return crashed ? new IOException("simulated crash at operation " + index + " (" + op + " " + file + ")") : null;
    };
  }

  public boolean crashed() {
    return crashed;
  }

  /** Mutating operations so far. */
  public long operations() {
    return operations.get();
  }

  /** The files read since the last {@link #resetReads()}, in order. */
  public List<Path> reads() {
    return List.copyOf(reads);
  }

  public long bytesRead() {
    return bytesRead.get();
  }

  public void resetReads() {
    reads.clear();
    bytesRead.set(0);
  }

  private void check(Operation op, Path file) throws IOException {
    check(op, file, 0);
  }

  private void check(Operation op, Path file, long bytes) throws IOException {
    IOException failure = fault.check(op, file, operations.getAndIncrement(), bytes);
    if (failure != null) throw failure;
  }

  @Override
  public OutputStream create(Path file) throws IOException {
    check(Operation.CREATE, file);
    OutputStream out = force ? local.create(file) : Files.newOutputStream(file);
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
          check(Operation.WRITE, file, length);
        } catch (IOException e) {
          // What a crash or a full disk leaves: part of the bytes made it.
          out.write(bytes, offset, length / 2);
          out.flush();
          throw e;
        }
        out.write(bytes, offset, length);
      }

      @Override
      public void close() throws IOException {
        try {
          check(Operation.CLOSE, file);
        } finally {
          out.close();
        }
      }
    };
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    check(Operation.RENAME, to);
    local.rename(from, to);
  }

  @Override
  public void syncDirectory(Path directory) throws IOException {
    check(Operation.SYNC_DIRECTORY, directory);
    if (force) local.syncDirectory(directory);
  }

  @Override
  public byte[] read(Path file) throws IOException {
    if (crashed) throw new IOException("simulated crash: the process is gone");
    byte[] bytes = local.read(file);
    reads.add(file);
    bytesRead.addAndGet(bytes.length);
    return bytes;
  }

  @Override
  public List<String> list(Path directory) throws IOException {
    if (crashed) throw new IOException("simulated crash: the process is gone");
    return local.list(directory);
  }

  @Override
  public void delete(Path file) throws IOException {
    check(Operation.DELETE, file);
    local.delete(file);
  }

  @Override
  public void createDirectories(Path directory) throws IOException {
    local.createDirectories(directory);
  }

  @Override
  public Closeable tryLock(Path file) throws IOException {
    return local.tryLock(file);
  }
}
