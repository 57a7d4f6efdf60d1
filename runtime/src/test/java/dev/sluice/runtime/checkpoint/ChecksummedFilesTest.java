package dev.sluice.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksummedFilesTest {
  @TempDir Path dir;
  private final CheckpointFileSystem fs = CheckpointFileSystem.local();

  private static byte[] content(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  @Test
  void whatIsWrittenReadsBackAndEndsWithAReadableChecksumLine() throws IOException {
    Path file = dir.resolve("offsets-7");
    byte[] json = "{\"batchId\":7}".getBytes(StandardCharsets.UTF_8);
    long written = ChecksummedFiles.write(fs, file, json);
    assertEquals(Files.size(file), written);
    assertArrayEquals(json, content(ChecksummedFiles.read(fs, file)));
    String text = Files.readString(file);
    assertTrue(text.startsWith("{\"batchId\":7}\n#sluice crc32="), text);
    assertFalse(Arrays.stream(dir.toFile().list()).anyMatch(ChecksummedFiles::isTemporary), "no temporary file is left");
  }

  @Test
  void aTruncatedFileIsReportedWithItsName() throws IOException {
    Path file = dir.resolve("7.delta");
    ChecksummedFiles.write(fs, file, new byte[1000]);
    byte[] all = Files.readAllBytes(file);
    for (int length : new int[] {0, 10, 500, all.length - 1}) {
      Files.write(file, Arrays.copyOf(all, length));
      CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> ChecksummedFiles.read(fs, file));
      assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated") || e.getMessage().contains("checksum"),
          e.getMessage());
      assertEquals(file, e.file());
    }
  }

  @Test
  void aFlippedBitIsReportedWithItsName() throws IOException {
    Path file = dir.resolve("3.snapshot");
    byte[] content = new byte[4096];
    for (int i = 0; i < content.length; i++) content[i] = (byte) i;
    ChecksummedFiles.write(fs, file, content);
    byte[] all = Files.readAllBytes(file);
    all[1234] ^= 0x10;
    Files.write(file, all);
    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> ChecksummedFiles.read(fs, file));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("checksum does not match"), e.getMessage());
    assertTrue(e.getMessage().contains("checkpoint.location"), "says what to do: " + e.getMessage());
  }

  @Test
  void aMissingFileIsReportedWithItsName() {
    Path file = dir.resolve("9.delta");
    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> ChecksummedFiles.read(fs, file));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void aFailedWriteLeavesTheOldVersionAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("commit-1");
    ChecksummedFiles.write(fs, file, "old".getBytes(StandardCharsets.UTF_8));
    FaultInjectingFileSystem failing = new FaultInjectingFileSystem(true)
        .inject(FaultInjectingFileSystem.failWrites("commit-1.tmp", new IOException("No space left on device")));
    CheckpointWriteException e = assertThrows(CheckpointWriteException.class,
        () -> ChecksummedFiles.write(failing, file, new byte[100_000]));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("No space left on device"), e.getMessage());
    assertArrayEquals("old".getBytes(StandardCharsets.UTF_8), content(ChecksummedFiles.read(fs, file)));
    assertFalse(Arrays.stream(dir.toFile().list()).anyMatch(ChecksummedFiles::isTemporary), "the temporary file is removed");
  }
}
