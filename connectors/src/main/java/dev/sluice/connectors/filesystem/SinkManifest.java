package dev.sluice.connectors.filesystem;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The commit record of one batch of a {@link FileSink}: the file {@code _sluice_manifest/<batchId>}
 * in the sink's directory, JSON such as {@code
 * {"batchId":7,"queryId":"q1","mode":"append","files":["part-00000007.json"],"rows":12}}. A batch
 * is committed once its manifest exists; the files it lists are the batch's output, and the only
 * files a reader should take.
 *
 * @param files names relative to the sink directory
 */
record SinkManifest(long batchId, String queryId, String mode, List<String> files, long rows) {
  static final String DIRECTORY = "_sluice_manifest";
  private static final ObjectMapper JSON = new ObjectMapper();

  SinkManifest {
    files = List.copyOf(files);
  }

  static Path file(Path sinkDirectory, long batchId) {
    return sinkDirectory.resolve(DIRECTORY).resolve(Long.toString(batchId));
  }

  static Optional<SinkManifest> read(Path sinkDirectory, long batchId) throws IOException {
    try {
      return Optional.of(JSON.readValue(file(sinkDirectory, batchId).toFile(), SinkManifest.class));
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The batch ids that have a manifest, ascending. */
  static List<Long> batchIds(Path sinkDirectory) throws IOException {
    List<Long> ids = new ArrayList<>();
    try (DirectoryStream<Path> stream =
        Files.newDirectoryStream(sinkDirectory.resolve(DIRECTORY))) {
      for (Path file : stream) {
        try {
          ids.add(Long.parseLong(file.getFileName().toString()));
        } catch (NumberFormatException e) {
          // a temporary file of a write that did not finish, or not ours
        }
      }
    }
    ids.sort(null);
    return ids;
  }

  /** Writes the manifest under a temporary name, forces it to disk and renames it: the commit. */
  void write(Path sinkDirectory) throws IOException {
    Path target = file(sinkDirectory, batchId);
    Path temp = target.resolveSibling("." + batchId + ".tmp");
    writeDurably(temp, JSON.writeValueAsBytes(this));
    moveAtomically(temp, target);
  }

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

  static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
