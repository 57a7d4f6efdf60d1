package dev.sluice.bench;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.SourceFactory;
import dev.sluice.runtime.spi.TableContext;
import java.util.Set;

/**
 * The latency run's source, {@code 'connector' = 'paced'}: rows {@code (id BIGINT, arrival BIGINT,
 * v BIGINT)} arriving evenly at {@code 'rows-per-second'}, row {@code id} when {@code id /
 * rate} seconds have passed since the query first asked for its offsets. {@code arrival} is that
 * moment on {@link System#nanoTime()}, so whoever receives the row knows how long it took.
 */
public final class PacedSourceFactory implements SourceFactory {
  @Override
  public String identifier() {
    return "paced";
  }

  @Override
  public Set<String> requiredOptions() {
    return Set.of("rows-per-second");
  }

  @Override
  public Set<String> optionalOptions() {
    return Set.of();
  }

  @Override
  public Source createSource(TableContext context) {
    long rate = context.options().getLong("rows-per-second", 0);
    if (rate <= 0) throw new IllegalArgumentException("'rows-per-second' of table '" + context.tableName() + "' must be positive");
    return new PacedSource(1e9 / rate);
  }

  private static final class PacedSource implements Source {
    private final double nanosPerRow;
    private long origin;

    PacedSource(double nanosPerRow) {
      this.nanosPerRow = nanosPerRow;
    }

    @Override
    public String initialOffset() {
      origin = System.nanoTime();
      return "0";
    }

    @Override
    public String latestOffset() {
      return Long.toString((long) ((System.nanoTime() - origin) / nanosPerRow) + 1);
    }

    @Override
    public void read(String start, String end, RowBatch out) {
      for (long id = Long.parseLong(start), to = Long.parseLong(end); id < to; id++) {
        out.insert(new Object[] {id, origin + (long) (id * nanosPerRow), id % 1000});
      }
    }

    @Override
    public boolean isReplayable() {
      return false;
    }
  }
}
