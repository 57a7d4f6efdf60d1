package dev.sluice.runtime.checkpoint;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Every checkpoint file is its content followed by one text line, {@code #sluice crc32=<8 hex>
 * bytes=<16 hex>}: the CRC-32 and the length of the content. A reader checks both, so a truncated
 * or damaged file is reported instead of read; JSON files stay readable with {@code cat}.
 *
 * <p>A write goes to a temporary name beside the target (a dot file, which listings skip), is
 * forced to disk, renamed over the target atomically, and the directory is forced, so a crash at
 * any instant leaves the old version or the new one.
 */
final class ChecksummedFiles {
  private static final String TRAILER_PREFIX = "\n#sluice crc32=";
  /** The prefix, 8 hex digits, " bytes=", 16 hex digits and a newline. */
  static final int TRAILER_LENGTH = TRAILER_PREFIX.length() + 8 + 7 + 16 + 1;
  private static final int BUFFER_BYTES = 1 << 16;

  private ChecksummedFiles() {}

  /** Writes a file's content to a stream that computes its checksum and length. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes {@code target} atomically with its checksum; returns the bytes written. */
  static long write(CheckpointFileSystem fs, Path target, byte[] content) throws CheckpointWriteException {
    return write(fs, target, out -> out.write(content));
  }

  /** Writes {@code target} atomically with its checksum; returns the bytes written. */
  static long write(CheckpointFileSystem fs, Path target, Content content) throws CheckpointWriteException {
    Path temp = temporaryName(target);
    long length;
    try {
      try (OutputStream file = fs.create(temp)) {
        ChecksummingStream checksummed = new ChecksummingStream(file);
        // Content writers write ints and bytes one at a time; hand the file large chunks.
        BufferedOutputStream out = new BufferedOutputStream(checksummed, BUFFER_BYTES);
        content.writeTo(out);
        out.flush();
        length = checksummed.length;
        file.write(trailer(checksummed.crc.getValue(), length));
      }
      fs.rename(temp, target);
      fs.syncDirectory(target.getParent());
    } catch (IOException | RuntimeException e) {
      try {
        fs.delete(temp);
      } catch (IOException | RuntimeException ignored) {
        // The write already failed; a leftover temporary file is removed when the store opens.
      }
      throw new CheckpointWriteException(target, e);
    }
    return length + TRAILER_LENGTH;
  }

  /** The content of {@code file} after checking its length and checksum. */
  static ByteBuffer read(CheckpointFileSystem fs, Path file) throws IOException {
    byte[] all;
    try {
      all = fs.read(file);
    } catch (NoSuchFileException e) {
      throw new CorruptCheckpointException(file, "it is missing", e);
    }
    if (all.length < TRAILER_LENGTH) throw new CorruptCheckpointException(file, "it is truncated (" + all.length + " bytes, no checksum line)");
    int contentLength = all.length - TRAILER_LENGTH;
    String trailer = new String(all, contentLength, TRAILER_LENGTH, StandardCharsets.US_ASCII);
    if (!trailer.startsWith(TRAILER_PREFIX) || !trailer.endsWith("\n")) {
      throw new CorruptCheckpointException(file, "it is truncated or damaged (its last line is not a checksum line)");
    }
    long crc;
    long length;
    try {
      crc = Long.parseLong(trailer.substring(TRAILER_PREFIX.length(), TRAILER_PREFIX.length() + 8), 16);
      length = Long.parseLong(trailer.substring(TRAILER_PREFIX.length() + 8 + 7, TRAILER_LENGTH - 1), 16);
    } catch (NumberFormatException e) {
      throw new CorruptCheckpointException(file, "its checksum line is damaged", e);
    }
    if (length != contentLength) {
      throw new CorruptCheckpointException(file, "it holds " + contentLength + " bytes but was written with " + length);
    }
    CRC32 actual = new CRC32();
    actual.update(all, 0, contentLength);
    if (actual.getValue() != crc) throw new CorruptCheckpointException(file, "its checksum does not match its contents");
    return ByteBuffer.wrap(all, 0, contentLength).slice();
  }

  /** Whether {@code name} is a temporary file a write left behind. */
  static boolean isTemporary(String name) {
    return name.startsWith(".") && name.endsWith(".tmp");
  }

  private static Path temporaryName(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".tmp");
  }

  private static byte[] trailer(long crc, long length) {
    String line = String.format("%s%08x bytes=%016x\n", TRAILER_PREFIX, crc, length);
    assert line.length() == TRAILER_LENGTH;
    return line.getBytes(StandardCharsets.US_ASCII);
  }

  /** Passes bytes through, computing their CRC-32 and counting them. */
  private static final class ChecksummingStream extends OutputStream {
    private final OutputStream out;
    final CRC32 crc = new CRC32();
    long length;

    ChecksummingStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      crc.update(b);
      length++;
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
      out.write(bytes, offset, count);
      crc.update(bytes, offset, count);
      length += count;
    }

    @Override
    public void close() {
      // The file stream is closed, and forced, by the caller.
    }
  }
}
