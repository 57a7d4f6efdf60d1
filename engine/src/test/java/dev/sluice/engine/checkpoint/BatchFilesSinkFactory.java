package dev.sluice.engine.checkpoint;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkContext;
import dev.sluice.runtime.spi.SinkFactory;
import dev.sluice.runtime.spi.TableContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A test-only exactly-once sink: each batch becomes the file {@code batch-<id>} in directory
 * {@code 'path'}, written atomically; a batch id already written is not written again (a redone
 * batch), but if its rows differ a {@code conflict-<id>} file records it. It sleeps {@code
 * 'sleep-ms'} before writing, so a kill often lands in the middle of a batch, and prints {@code
 * SINK <id>} once the batch is written, just before the query writes its checkpoint.
 */
public final class BatchFilesSinkFactory implements SinkFactory {
  @Override
  public String identifier() {
    return "test-batch-files";
  }

  @Override
  public Set<String> requiredOptions() {
    return Set.of("path");
  }

  @Override
  public Set<String> optionalOptions() {
    return Set.of("sleep-ms");
  }

  @Override
  public Sink createSink(TableContext context) {
    return new BatchFilesSink(Path.of(context.options().get("path")), context.options().getLong("sleep-ms", 0));
  }

  /** The rows of one delivered batch as this sink writes them: one sorted line per row. */
  static List<String> lines(RowBatch rows) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) lines.add(rows.kind(i) + " " + Arrays.toString(rows.row(i)));
    Collections.sort(lines);
    return lines;
  }

  private record BatchFilesSink(Path dir, long sleepMillis) implements Sink {
    @Override
    public void open(SinkContext context) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void write(long batchId, RowBatch rows) {
      try {
        Thread.sleep(sleepMillis);
        String content = String.join("\n", lines(rows)) + "\n";
        Path file = dir.resolve("batch-" + batchId);
        if (Files.exists(file)) {
          if (!Files.readString(file).equals(content)) Files.writeString(dir.resolve("conflict-" + batchId + "-" + System.nanoTime()), content);
        } else {
          Path temp = dir.resolve(".batch-" + batchId + ".tmp");
          Files.writeString(temp, content);
          try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
          }
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println("SINK " + batchId);
        System.out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
