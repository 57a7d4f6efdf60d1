package dev.sluice.runtime.checkpoint;

import dev.sluice.runtime.state.ChangedKeyGroups;
import dev.sluice.runtime.state.KeyGroups;
import dev.sluice.runtime.state.StateReader;
import dev.sluice.runtime.state.StateWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A state file: a snapshot (every key group of every part) or a delta (the key groups that changed
 * in one batch, each written whole). The state after batch {@code N} is the latest snapshot at or
 * before {@code N} with each later delta up to {@code N} laid over it, key group by key group.
 *
 * <pre>
 * int magic "SLST", int version, int checkpoint id length, checkpoint id (UTF-8),
 * byte kind (0 delta, 1 snapshot), long batch id, int part count
 * per part: int name length, name (UTF-8), int shared length, shared bytes,
 *           then sections {int key group, int length, bytes}, ended by key group -1
 * </pre>
 *
 * followed by the checksum line every checkpoint file ends with ({@link ChecksummedFiles}).
 */
final class StateFile {
  static final int MAGIC = 0x534C5354;
  /** 2: the checkpoint's identity follows the version. */
  static final int VERSION = 2;
  private static final int END_OF_PART = -1;

  enum Kind {
    DELTA("delta"),
    SNAPSHOT("snapshot");

    final String extension;

    Kind(String extension) {
      this.extension = extension;
    }
  }

  /** Bytes inside a file read whole. */
  record Slice(byte[] array, int offset, int length) {
    StateReader reader(ByteArrayInputStream[] stream) {
      stream[0] = new ByteArrayInputStream(array, offset, length);
      return new StateReader(stream[0]);
    }
  }

  /** One part as stored: its shared bytes and its key groups, null where a file has none. */
  static final class Part {
    final String name;
    Slice shared;
    final Slice[] keyGroups = new Slice[KeyGroups.COUNT];

    Part(String name) {
      this.name = name;
    }
  }

  final Path file;
  final Kind kind;
  final long batchId;
  final List<Part> parts;
  /** The file's size on disk, checksum line included. */
  final long size;

  private StateFile(Path file, Kind kind, long batchId, List<Part> parts, long size) {
    this.file = file;
    this.kind = kind;
    this.batchId = batchId;
    this.parts = parts;
    this.size = size;
  }

  /**
   * Writes the parts' state: every key group for a snapshot, the changed ones for a delta. Does
   * not clear the change sets; the caller does once the file is safely written.
   */
  static void write(OutputStream stream, String checkpointId, Kind kind, long batchId, List<StatePart> parts) throws IOException {
    DataOutputStream out = new DataOutputStream(stream);
    writeHeader(out, checkpointId, kind, batchId, parts.size());
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    for (StatePart part : parts) {
      writeName(out, part.name());
      buffer.reset();
      try (StateWriter writer = new StateWriter(buffer)) {
        part.state().writeShared(writer);
      }
      out.writeInt(buffer.size());
      buffer.writeTo(out);
      ChangedKeyGroups changed = part.state().changedKeyGroups();
      for (int g = 0; g < KeyGroups.COUNT; g++) {
        if (kind == Kind.DELTA && !changed.contains(g)) continue;
        buffer.reset();
        try (StateWriter writer = new StateWriter(buffer)) {
          part.state().writeKeyGroup(g, writer);
        }
        // In a snapshot a missing group is an empty one; a delta must say a group became empty.
        if (kind == Kind.SNAPSHOT && buffer.size() == 0) continue;
        out.writeInt(g);
        out.writeInt(buffer.size());
        buffer.writeTo(out);
      }
      out.writeInt(END_OF_PART);
    }
    out.flush();
  }

  /** Writes parts already in stored form, as a compaction folded them. */
  static void writeFolded(OutputStream stream, String checkpointId, Kind kind, long batchId, List<Part> parts) throws IOException {
    DataOutputStream out = new DataOutputStream(stream);
    writeHeader(out, checkpointId, kind, batchId, parts.size());
    for (Part part : parts) {
      writeName(out, part.name);
      out.writeInt(part.shared.length());
      out.write(part.shared.array(), part.shared.offset(), part.shared.length());
      for (int g = 0; g < KeyGroups.COUNT; g++) {
        Slice section = part.keyGroups[g];
        if (section == null) continue;
        out.writeInt(g);
        out.writeInt(section.length());
        out.write(section.array(), section.offset(), section.length());
      }
      out.writeInt(END_OF_PART);
    }
    out.flush();
  }

  private static void writeHeader(DataOutputStream out, String checkpointId, Kind kind, long batchId, int partCount) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    writeName(out, checkpointId);
    out.writeByte(kind.ordinal());
    out.writeLong(batchId);
    out.writeInt(partCount);
  }

  private static void writeName(DataOutputStream out, String name) throws IOException {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /**
   * Parses a file whose checksum was checked; {@code kind} and {@code batchId} are what its name
   * says, {@code checkpointId} the identity of the checkpoint it is read for.
   */
  static StateFile parse(Path file, ByteBuffer content, String checkpointId, Kind expectedKind, long expectedBatchId)
      throws CorruptCheckpointException {
    try {
      ByteBuffer in = content.duplicate();
      if (in.getInt() != MAGIC) throw new CorruptCheckpointException(file, "it is not a Sluice state file");
      int version = in.getInt();
      if (version != VERSION) {
        throw new CorruptCheckpointException(file, "it is in state format " + version + "; this Sluice reads format " + VERSION);
      }
      byte[] array = in.array();
      int base = in.arrayOffset();
      int idLength = checkedLength(file, in);
      String writtenFor = new String(array, base + in.position(), idLength, StandardCharsets.UTF_8);
      in.position(in.position() + idLength);
      if (!writtenFor.equals(checkpointId)) throw CorruptCheckpointException.fromAnotherCheckpoint(file, writtenFor, checkpointId);
      int kindCode = in.get();
      long batchId = in.getLong();
      if (kindCode != expectedKind.ordinal() || batchId != expectedBatchId) {
        throw new CorruptCheckpointException(file, "it holds the " + (kindCode == 1 ? "snapshot" : "delta") + " of batch " + batchId
            + ", not what its name says");
      }
      int partCount = in.getInt();
      if (partCount < 0 || partCount > in.remaining()) throw new CorruptCheckpointException(file, "its part count " + partCount + " is impossible");
      List<Part> parts = new ArrayList<>(partCount);
      for (int p = 0; p < partCount; p++) {
        int nameLength = checkedLength(file, in);
        Part part = new Part(new String(array, base + in.position(), nameLength, StandardCharsets.UTF_8));
        in.position(in.position() + nameLength);
        part.shared = slice(file, in);
        for (int g = in.getInt(); g != END_OF_PART; g = in.getInt()) {
          if (g < 0 || g >= KeyGroups.COUNT || part.keyGroups[g] != null) {
            throw new CorruptCheckpointException(file, "part '" + part.name + "' has a bad or repeated key group " + g);
          }
          part.keyGroups[g] = slice(file, in);
        }
        parts.add(part);
      }
      if (in.hasRemaining()) throw new CorruptCheckpointException(file, in.remaining() + " bytes follow its last part");
      return new StateFile(file, expectedKind, batchId, parts, content.remaining() + (long) ChecksummedFiles.TRAILER_LENGTH);
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new CorruptCheckpointException(file, "it ends in the middle of its state", e);
    }
  }

  private static int checkedLength(Path file, ByteBuffer in) throws CorruptCheckpointException {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) throw new CorruptCheckpointException(file, "a length of " + length + " bytes runs past its end");
    return length;
  }

  private static Slice slice(Path file, ByteBuffer in) throws CorruptCheckpointException {
    int length = checkedLength(file, in);
    Slice slice = new Slice(in.array(), in.arrayOffset() + in.position(), length);
    in.position(in.position() + length);
    return slice;
  }

  /**
   * The state after the last file of {@code chain} (a snapshot or nothing, then deltas in batch
   * order): each part's latest shared bytes and, per key group, its latest section.
   */
  static List<Part> fold(List<StateFile> chain) throws CorruptCheckpointException {
    List<Part> folded = new ArrayList<>();
    for (StateFile file : chain) {
      if (folded.isEmpty()) {
        for (Part part : file.parts) folded.add(new Part(part.name));
      }
      if (!names(file.parts).equals(names(folded))) {
        throw new CorruptCheckpointException(file.file, "it holds state for " + names(file.parts) + " but the files before it for "
            + names(folded));
      }
      for (int p = 0; p < folded.size(); p++) {
        Part into = folded.get(p);
        Part from = file.parts.get(p);
        into.shared = from.shared;
        for (int g = 0; g < KeyGroups.COUNT; g++) {
          if (from.keyGroups[g] != null) into.keyGroups[g] = from.keyGroups[g];
        }
      }
    }
    return folded;
  }

  /** Hands the folded state to the parts of a freshly opened query, and clears their change sets. */
  static void restore(List<Part> folded, List<StatePart> into, String source) throws IOException {
    if (!names(folded).equals(partNames(into))) {
      throw new IOException("The checkpointed state (" + source + ") holds state for " + names(folded) + " but this query keeps state in "
          + partNames(into) + ". Use a new 'checkpoint.location' for this query.");
    }
    ByteArrayInputStream[] stream = new ByteArrayInputStream[1];
    for (int p = 0; p < folded.size(); p++) {
      Part part = folded.get(p);
      StatePart target = into.get(p);
      try {
        target.state().readShared(part.shared.reader(stream));
        checkConsumed(stream[0], part.name, "shared state");
        for (int g = 0; g < KeyGroups.COUNT; g++) {
          if (part.keyGroups[g] == null) continue;
          target.state().readKeyGroup(g, part.keyGroups[g].reader(stream));
          checkConsumed(stream[0], part.name, "key group " + g);
        }
      } catch (IOException | RuntimeException e) {
        throw new IOException("The checkpointed state of '" + part.name + "' (" + source + ") does not fit this query's operator: "
            + e.getMessage() + ". Use a new 'checkpoint.location' for this query.", e);
      }
      target.state().changedKeyGroups().clear();
    }
  }

  private static void checkConsumed(ByteArrayInputStream stream, String part, String what) throws IOException {
    if (stream.available() != 0) throw new IOException(stream.available() + " bytes of its " + what + " were left unread");
  }

  private static List<String> names(List<Part> parts) {
    List<String> names = new ArrayList<>();
    for (Part part : parts) names.add(part.name);
    return names;
  }

  private static List<String> partNames(List<StatePart> parts) {
    List<String> names = new ArrayList<>();
    for (StatePart part : parts) names.add(part.name());
    return names;
  }
}
