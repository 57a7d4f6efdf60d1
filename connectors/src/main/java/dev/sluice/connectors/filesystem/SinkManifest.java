package dev.sluice.connectors.filesystem;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The commit record of one batch of a {@link FileSink}, JSON such as {@code
 * {"batchId":7,"queryId":"q1","mode":"append","inputDigest":"9f2c...","files":[{"name":
 * "part-00000007.json","bytes":412,"crc32":"1c291ca3"}],"rows":12}}. A batch is committed once its
 * manifest is in the {@link SinkManifestLog}; the files it lists are the batch's output, each with
 * its size and CRC-32 so that a file that went missing or changed is noticed.
 *
 * @param inputDigest the digest of the batch's planned input ({@code QueryStatus#inputDigest}), so
 *     a repeat of the batch id over other input is refused; null when the writer had none
 * @param files relative to the sink directory
 */
record SinkManifest(
    long batchId, String queryId, String mode, String inputDigest, List<PartFile> files, long rows) {

  SinkManifest {
    files = List.copyOf(files);
  }

  /**
   * One file of a batch's output.
   *
   * @param bytes its size, -1 when a manifest of an earlier version did not record it
   * @param crc32 the CRC-32 of its content as 8 hex digits, null when not recorded
   */
  record PartFile(String name, long bytes, String crc32) {
    static PartFile of(String name, byte[] content) {
      return new PartFile(name, content.length, checksum(content));
    }

    /** A file as manifests before checksums listed it: its name alone. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static PartFile named(String name) {
      return new PartFile(name, -1, null);
    }
  }

  static String checksum(byte[] content) {
    CRC32 crc = new CRC32();
    crc.update(content);
    return String.format("%08x", crc.getValue());
  }

  /** Writes {@code bytes} to {@code file} and forces them to disk before returning. */
  static void writeDurably(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) channel.write(buffer);
      channel.force(true);
    }
  }

  /** Writes {@code bytes} under a temporary name beside {@code target}, forced, then renames it. */
  static void replaceDurably(Path target, byte[] bytes) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    writeDurably(temp, bytes);
    moveAtomically(temp, target);
  }

  static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
