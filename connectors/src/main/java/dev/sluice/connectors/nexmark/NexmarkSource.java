package dev.sluice.connectors.nexmark;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.TableContext;
import java.time.InstantSource;

/**
 * Reads a nexmark stream by event number. Event {@code n} is a pure function of the options, the
 * seed, the event-time base and {@code n} (see {@link EventGenerator}), and an offset is the number
 * of events before it together with the wall-clock time the query first started ({@link
 * NexmarkOffset}), so any range reads the same rows again, also in a new source after a restart.
 *
 * <p>Availability: by default every event of a bounded table is available at once and an
 * unbounded one never runs dry, as the suite's Flink source emits as fast as it can; the rate then
 * shapes event time only. With {@code 'rate.limited' = 'true'} event {@code n} is due when the wall
 * clock is as far past the query's first start as its event time is past the base, and each
 * second's events become available as that second begins (the current one included, so a query
 * sees the first second's events at once). Either way a batch takes at most {@code
 * 'max-events-per-trigger'} events, by default 100,000 or, rate limited, a second's worth if that
 * is more, so a rate-limited query that was stopped catches up a second or more per batch.
 *
 * <p>A row holds, for the table's columns in its order, the event type (0 person, 1 auction, 2
 * bid) and the event as a ROW value ({@code Object[]}) in the column of its kind, the other two
 * NULL.
 */
public final class NexmarkSource implements Source {
  private final String table;
  private final NexmarkConfig config;
  private final int[] layout;
  private final InstantSource clock;

  /** The generator of this query's event-time base, made when the base is first known. */
  private EventGenerator generator;

  private long generatorStart = NexmarkOffset.UNKNOWN;

  /** A source of {@code context}'s table on the system clock. */
  public NexmarkSource(TableContext context) {
    this(context, InstantSource.system());
  }

  /** A source whose rate-limited events fall due by {@code clock}, for tests. */
  public NexmarkSource(TableContext context, InstantSource clock) {
    if (!context.metadataKeys().isEmpty()) {
      throw new IllegalArgumentException(
          "Nexmark table '"
              + context.tableName()
              + "' has no metadata to read; remove the METADATA columns "
              + context.metadataKeys().keySet());
    }
    this.table = context.tableName();
    this.config = NexmarkConfig.of(context.options());
    this.layout = NexmarkSchema.layout(context.tableName(), context.schema());
    this.clock = clock;
  }

  @Override
  public String initialOffset() {
    return NexmarkOffset.of(clock.millis(), 0).text();
  }

  @Override
  public String latestOffset() {
    if (config.rateLimited) return NexmarkOffset.dueBy(clock.millis()).text();
    return NexmarkOffset.allUpTo(config.eventCount).text();
  }

  @Override
  public String limitOffset(String start, String latest) {
    NexmarkOffset from = start(start);
    long to = eventsAt(NexmarkOffset.parse(latest, table), from.start());
    long cap = EventTimeline.saturatedAdd(from.events(), config.maxEventsPerTrigger);
    long end = Math.min(to, cap);
    if (end <= from.events()) return start;
    return NexmarkOffset.of(from.start(), end).text();
  }

  @Override
  public void read(String start, String end, RowBatch out) {
    NexmarkOffset from = start(start);
    long to = eventsAt(NexmarkOffset.parse(end, table), from.start());
    EventGenerator events = generator(from.start());
    for (long n = from.events(); n < to; n++) out.insert(row(events, n));
  }

  /** A table with {@code 'events.num'} ends after its last event. */
  @Override
  public boolean isEnded(String offset) {
    if (config.eventCount == Long.MAX_VALUE) return false;
    NexmarkOffset at = NexmarkOffset.parse(offset, table);
    return !at.isDueBy() && at.events() >= config.eventCount;
  }

  @Override
  public boolean isReplayable() {
    return true;
  }

  /** The events in all; {@code Long.MAX_VALUE} for an unbounded table. */
  public long eventCount() {
    return config.eventCount;
  }

  /** Event {@code n} as a row of this table. */
  private Object[] row(EventGenerator events, long n) {
    int kind = events.kind(n);
    Object[] row = new Object[layout.length];
    for (int position = 0; position < layout.length; position++) {
      switch (layout[position]) {
        case NexmarkSchema.EVENT_TYPE -> row[position] = kind;
        case NexmarkSchema.PERSON -> {
          if (kind == EventIds.PERSON) row[position] = events.person(n);
        }
        case NexmarkSchema.AUCTION -> {
          if (kind == EventIds.AUCTION) row[position] = events.auction(n);
        }
        case NexmarkSchema.BID -> {
          if (kind == EventIds.BID) row[position] = events.bid(n);
        }
        default -> throw new IllegalStateException("no generator column " + layout[position]);
      }
    }
    return row;
  }

  private EventGenerator generator(long start) {
    boolean baseMoved = config.baseTime == NexmarkConfig.BASE_AT_START && generatorStart != start;
    if (generator == null || baseMoved) {
      generator = new EventGenerator(config, config.baseTime(start));
      generatorStart = start;
    }
    return generator;
  }

  /** The number of events an offset stands for, in the run that started at {@code start}. */
  private long eventsAt(NexmarkOffset offset, long start) {
    long events;
    if (offset.isDueBy()) {
      events = eventsDue(start, offset.dueBy());
    } else if (offset.isProvisional()) {
      events = offset.events();
    } else if (offset.start() != start) {
      throw new IllegalArgumentException(
          "Offsets "
              + NexmarkOffset.of(start, 0)
              + " and "
              + offset
              + " of nexmark table '"
              + table
              + "' belong to different runs: their starts differ");
    } else {
      events = offset.events();
    }
    return Math.min(events, config.eventCount);
  }

  /**
   * The events due at wall-clock time {@code now} in a run that started at {@code start}: those of
   * every second begun by then, the current one included.
   */
  private long eventsDue(long start, long now) {
    long seconds = Math.max(0, now - start) / 1000 + 1;
    return config.timeline.eventsBefore(EventTimeline.saturatedMultiply(seconds, 1000));
  }

  private NexmarkOffset start(String text) {
    NexmarkOffset start = NexmarkOffset.parse(text, table);
    if (start.isProvisional()) {
      throw new IllegalArgumentException(
          "Nexmark table '"
              + table
              + "' cannot start reading at "
              + text
              + ": a start offset must come from initialOffset or limitOffset");
    }
    return start;
  }
}
