package dev.sluice.engine.bounded;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.SourceFactory;
import dev.sluice.runtime.spi.TableContext;
import java.util.Set;

/**
 * A test-only source of {@code 'number-of-rows'} rows {@code (k BIGINT, ts TIMESTAMP(3))}: row
 * {@code i} has key {@code i % keys} and event time {@code i * step-ms}, all available at once and
 * read {@code 'max-rows-per-trigger'} at a time. It makes millions of rows without keeping them,
 * so state tests can stream far more input than the heap would hold.
 */
public final class SequenceSourceFactory implements SourceFactory {
  @Override
  public String identifier() {
    return "test-sequence";
  }

  @Override
  public Set<String> requiredOptions() {
    return Set.of("number-of-rows");
  }

  @Override
  public Set<String> optionalOptions() {
    return Set.of("keys", "step-ms", "max-rows-per-trigger", "key-offset");
  }

  @Override
  public Source createSource(TableContext context) {
    var o = context.options();
    return new SequenceSource(o.getLong("number-of-rows", 0), o.getLong("keys", 10), o.getLong("step-ms", 1),
        o.getLong("max-rows-per-trigger", 100_000), o.getLong("key-offset", 0));
  }

  private record SequenceSource(long rows, long keys, long stepMillis, long perTrigger, long keyOffset) implements Source {
    @Override
    public String initialOffset() {
      return "0";
    }

    @Override
    public String latestOffset() {
      return Long.toString(rows);
    }

    @Override
    public String limitOffset(String start, String latest) {
      return Long.toString(Math.min(Long.parseLong(latest), Long.parseLong(start) + perTrigger));
    }

    @Override
    public void read(String start, String end, RowBatch out) {
      for (long i = Long.parseLong(start), n = Long.parseLong(end); i < n; i++) {
        out.insert(new Object[] {i % keys + keyOffset, i * stepMillis});
      }
    }

    @Override
    public boolean isReplayable() {
      return true;
    }
  }
}
