package dev.sluice.runtime.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A query's checkpoint directory. Each batch writes, in this order, its planned offsets
 * ({@code offsets/N}, the write-ahead log), its state ({@code state/N}), then its commit
 * ({@code commits/N}). Every file is written under a temporary name, forced to disk and renamed,
 * so a crash leaves the old version or the new one, never half of one. State files end with a
 * CRC-32 so corruption is caught instead of resumed from.
 */
public final class CheckpointStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Batches kept behind the latest commit, for inspection and a margin against a lost file. */
  private static final int RETAINED_BATCHES = 10;

  private final Path root;

  public CheckpointStore(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root.resolve("offsets"));
      Files.createDirectories(root.resolve("state"));
      Files.createDirectories(root.resolve("commits"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the checkpoint directory " + root + ": " + e.getMessage(), e);
    }
  }

  public Path root() {
    return root;
  }

  public Optional<QueryMetadata> readMetadata() throws IOException {
    Path file = root.resolve("metadata.json");
    if (!Files.exists(file)) return Optional.empty();
    return Optional.of(JSON.readValue(file.toFile(), QueryMetadata.class));
  }

  public void writeMetadata(QueryMetadata metadata) throws IOException {
    writeAtomically(root.resolve("metadata.json"), JSON.writeValueAsBytes(metadata));
  }

  public void writeOffsets(OffsetEntry entry) throws IOException {
    writeAtomically(root.resolve("offsets").resolve(Long.toString(entry.batchId())), JSON.writeValueAsBytes(entry));
  }

  public void writeState(long batchId, byte[] state) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(state);
    byte[] withChecksum = ByteBuffer.allocate(state.length + Long.BYTES).put(state).putLong(crc.getValue()).array();
    writeAtomically(root.resolve("state").resolve(Long.toString(batchId)), withChecksum);
  }

  public void writeCommit(CommitEntry entry) throws IOException {
    writeAtomically(root.resolve("commits").resolve(Long.toString(entry.batchId())), JSON.writeValueAsBytes(entry));
    purgeBefore(entry.batchId() - RETAINED_BATCHES);
  }

  public OptionalLong latestCommit() throws IOException {
    return latest("commits");
  }

  public OptionalLong latestOffsets() throws IOException {
    return latest("offsets");
  }

  public OffsetEntry readOffsets(long batchId) throws IOException {
    return JSON.readValue(root.resolve("offsets").resolve(Long.toString(batchId)).toFile(), OffsetEntry.class);
  }

  public CommitEntry readCommit(long batchId) throws IOException {
    return JSON.readValue(root.resolve("commits").resolve(Long.toString(batchId)).toFile(), CommitEntry.class);
  }

  /** The state written for a batch, after checking its checksum. */
  public byte[] readState(long batchId) throws IOException {
    Path file = root.resolve("state").resolve(Long.toString(batchId));
    byte[] all = Files.readAllBytes(file);
    if (all.length < Long.BYTES) throw new CorruptCheckpointException(file, "it is truncated");
    ByteBuffer buffer = ByteBuffer.wrap(all);
    byte[] state = new byte[all.length - Long.BYTES];
    buffer.get(state);
    CRC32 crc = new CRC32();
    crc.update(state);
    if (crc.getValue() != buffer.getLong()) throw new CorruptCheckpointException(file, "its checksum does not match its contents");
    return state;
  }

  private OptionalLong latest(String dir) throws IOException {
    try (Stream<Path> files = Files.list(root.resolve(dir))) {
      return files.map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .mapToLong(Long::parseLong)
          .max();
    }
  }

  private void purgeBefore(long batchId) throws IOException {
    if (batchId < 0) return;
    for (String dir : new String[] {"offsets", "state", "commits"}) {
      try (Stream<Path> files = Files.list(root.resolve(dir))) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String name = file.getFileName().toString();
          if (name.chars().allMatch(Character::isDigit) && Long.parseLong(name) < batchId) Files.deleteIfExists(file);
        }
      }
    }
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) channel.write(buffer);
      channel.force(true);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
