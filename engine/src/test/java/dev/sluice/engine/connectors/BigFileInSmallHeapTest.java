package dev.sluice.engine.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON file four times the size of the heap passes through a stateless query: the file source
 * reads it in pieces of {@code 'max-bytes-per-trigger'} (8 MiB by default) rather than whole. The
 * query runs in a child JVM with {@code -Xmx256m} over a 1 GiB file (about a minute on two
 * cores; {@code -Dsluice.bigfile.mb=256} runs a quarter of it in {@code -Xmx64m}).
 */
class BigFileInSmallHeapTest {
  private static final int LINES_PER_BLOCK = 10_000;

  @TempDir Path directory;

  @Test
  void aFileFourTimesTheHeapPassesThroughAStatelessFilter() throws Exception {
    long megabytes = Long.getLong("sluice.bigfile.mb", 1024);
    long heapMegabytes = megabytes / 4;
    Path input = Files.createDirectories(directory.resolve("in"));
    long kept = writeJsonLines(input.resolve("events.json"), megabytes << 20);

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = directory.resolve("child.log");
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Xmx" + heapMegabytes + "m",
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                BigFileQuery.class.getName(),
                input.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!child.waitFor(5, TimeUnit.MINUTES)) {
      child.destroyForcibly();
      throw new AssertionError("the child did not finish within 5 minutes: " + tail(log));
    }
    assertEquals(0, child.exitValue(), tail(log));
    String output = Files.readString(log);
    assertTrue(output.contains("ROWS " + kept + "\n"), "expected ROWS " + kept + ": " + tail(log));
  }

  /**
   * Writes JSON lines up to {@code size} bytes from one repeated block, fast; returns how many of
   * them have {@code v >= 5}.
   */
  private static long writeJsonLines(Path file, long size) throws IOException {
    StringBuilder block = new StringBuilder();
    for (int i = 0; i < LINES_PER_BLOCK; i++) {
      block.append("{\"id\":").append(i).append(",\"name\":\"name-").append(i % 97)
          .append("\",\"v\":").append(i % 10).append(".25}\n");
    }
    ByteBuffer bytes = ByteBuffer.wrap(block.toString().getBytes(StandardCharsets.UTF_8));
    long blocks = Math.max(1, size / bytes.remaining());
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long b = 0; b < blocks; b++) {
        bytes.rewind();
        while (bytes.hasRemaining()) out.write(bytes);
      }
    }
    return blocks * (LINES_PER_BLOCK / 2);
  }

  private static String tail(Path log) throws IOException {
    String text = Files.exists(log) ? Files.readString(log) : "";
    return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
  }
}
