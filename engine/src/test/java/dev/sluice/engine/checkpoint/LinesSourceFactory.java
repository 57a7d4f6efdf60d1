package dev.sluice.engine.checkpoint;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.SourceFactory;
import dev.sluice.runtime.spi.TableContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A test-only replayable source that survives its process: {@code 'path'} names a file of
 * comma-separated whole numbers, one row per line (a TIMESTAMP column takes epoch milliseconds).
 * The offset is a line number, so a restarted query reads exactly the lines it planned before.
 * Read {@code 'max-rows-per-trigger'} lines at a time, each read taking at least {@code
 * 'sleep-ms'}, so that a kill often lands in the middle of a run.
 */
public final class LinesSourceFactory implements SourceFactory {
  @Override
  public String identifier() {
    return "test-lines";
  }

  @Override
  public Set<String> requiredOptions() {
    return Set.of("path");
  }

  @Override
  public Set<String> optionalOptions() {
    return Set.of("max-rows-per-trigger", "sleep-ms");
  }

  @Override
  public Source createSource(TableContext context) {
    Path path = Path.of(context.options().get("path"));
    try {
      return new LinesSource(Files.readAllLines(path), context.schema().size(), context.options().getLong("max-rows-per-trigger", 1000),
          context.options().getLong("sleep-ms", 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record LinesSource(List<String> lines, int columns, long perTrigger, long sleepMillis) implements Source {
    @Override
    public String initialOffset() {
      return "0";
    }

    @Override
    public String latestOffset() {
      return Integer.toString(lines.size());
    }

    @Override
    public String limitOffset(String start, String latest) {
      return Long.toString(Math.min(Long.parseLong(latest), Long.parseLong(start) + perTrigger));
    }

    @Override
    public void read(String start, String end, RowBatch out) {
      try {
        Thread.sleep(sleepMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      for (int i = Integer.parseInt(start); i < Integer.parseInt(end); i++) {
        String[] fields = lines.get(i).split(",");
        Object[] row = new Object[columns];
        for (int c = 0; c < columns; c++) row[c] = Long.parseLong(fields[c].trim());
        out.insert(row);
      }
    }

    @Override
    public boolean isReplayable() {
      return true;
    }
  }
}
