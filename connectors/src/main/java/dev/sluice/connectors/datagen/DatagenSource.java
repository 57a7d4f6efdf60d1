package dev.sluice.connectors.datagen;

import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.TableContext;
import java.time.InstantSource;

/**
 * Generates rows at a steady rate, each a pure function of (seed, row index, column), so any range
 * reads the same rows again, also from a new source after a restart.
 *
 * <p>Row {@code i} is due {@code i / rows-per-second} seconds after the base, the wall-clock time
 * when the query first started: {@link #latestOffset()} offers the rows of every second begun by now
 * (at most {@code number-of-rows}), and a temporal column holds the row's due time, less a random delay of up to
 * {@code max-past} ms when that is set. The base is part of every offset, so a query restarted from
 * its checkpoint goes on with the same event times; after a long stop it catches up on the rows
 * that fell due meanwhile, a second's worth (at least 100,000) per batch.
 *
 * <p>With {@code 'number-of-rows'} the table is bounded: a once or available-now run reads every
 * row at once ({@link #endOffset()}), and the end of its rows ends the query (see {@link
 * #isEnded}).
 */
public final class DatagenSource implements Source {
  private final String table;
  private final int width;
  private final DatagenSpec spec;
  private final InstantSource clock;

  /**
   * The base of this query's offsets, once known: from the clock at the first start, else from an
   * offset.
   */
  private long base = DatagenOffset.UNKNOWN;
  /**
   * The base a new query would start from. Only proposed: a query resuming from its checkpoint
   * starts from an offset with its first run's base, which the source learns from that offset.
   */
  private long proposedBase = DatagenOffset.UNKNOWN;

  /** A source of {@code context}'s table on the system clock. */
  public DatagenSource(TableContext context) {
    this(context, InstantSource.system());
  }

  /** A source whose rows fall due by {@code clock}, for tests that advance time themselves. */
  public DatagenSource(TableContext context, InstantSource clock) {
    this.table = context.tableName();
    this.width = context.schema().size();
    this.spec = DatagenSpec.of(context.tableName(), context.schema(), context.options());
    this.clock = clock;
  }

  @Override
  public String initialOffset() {
    if (proposedBase == DatagenOffset.UNKNOWN) proposedBase = base == DatagenOffset.UNKNOWN ? clock.millis() : base;
    return DatagenOffset.of(proposedBase, 0).text();
  }

  @Override
  public String latestOffset() {
    long now = clock.millis();
    if (base == DatagenOffset.UNKNOWN) return DatagenOffset.dueBy(now).text();
    return DatagenOffset.of(base, rowsDue(base, now)).text();
  }

  /**
   * A table with {@code 'number-of-rows'} offers all its rows to a once or available-now run, not
   * only those due by the clock: the rate paces a continuous query, it does not hide rows that a
   * bounded table has. Until the base is known (a restart before its first read) this is the
   * provisional "due by the end of time", which reading resolves to the row count.
   */
  @Override
  public String endOffset() {
    if (spec.rowCount == Long.MAX_VALUE) return null;
    if (base == DatagenOffset.UNKNOWN) return DatagenOffset.dueBy(Long.MAX_VALUE).text();
    return DatagenOffset.of(base, spec.rowCount).text();
  }

  @Override
  public String limitOffset(String start, String latest) {
    DatagenOffset from = start(start);
    long to = rowsAt(DatagenOffset.parse(latest, table), from.base());
    long cap = from.rows() + Math.min(spec.batchCap, Long.MAX_VALUE - from.rows());
    long end = Math.min(to, cap);
    if (end <= from.rows()) return start;
    return DatagenOffset.of(from.base(), end).text();
  }

  @Override
  public void read(String start, String end, RowBatch out) {
    DatagenOffset from = start(start);
    long to = rowsAt(DatagenOffset.parse(end, table), from.base());
    for (long index = from.rows(); index < to; index++) out.insert(row(index, from.base()));
  }

  /** A table with {@code 'number-of-rows'} ends after its last row. */
  @Override
  public boolean isEnded(String offset) {
    if (spec.rowCount == Long.MAX_VALUE) return false;
    DatagenOffset at = DatagenOffset.parse(offset, table);
    return !at.isProvisional() && at.rows() >= spec.rowCount;
  }

  @Override
  public boolean isReplayable() {
    return true;
  }

  /** The rows in all; {@code Long.MAX_VALUE} for an unbounded table. */
  public long rowCount() {
    return spec.rowCount;
  }

  /** Row {@code index} of a query whose base is {@code base}. */
  Object[] row(long index, long base) {
    Object[] row = new Object[width];
    long rowBits = RandomBits.row(spec.streamSeed, index);
    long eventTime = base + dueAfter(index);
    FieldGenerator[] generators = spec.generators;
    for (int column = 0; column < generators.length; column++) {
      row[column] = generators[column].value(index, RandomBits.column(rowBits, column), eventTime);
    }
    return row;
  }

  /** Milliseconds from the base until row {@code index} is due: {@code index * 1000 / rate}. */
  private long dueAfter(long index) {
    long rate = spec.rowsPerSecond;
    return index / rate * 1000 + index % rate * 1000 / rate;
  }

  /**
   * How many rows are offered at wall-clock time {@code now}: a whole second's worth at a time, the
   * current second's included, so a query starting now sees the first second's rows at once (a
   * small bounded table under the available-now trigger is read whole) and the rate holds over
   * every second after.
   */
  private long rowsDue(long base, long now) {
    long elapsed = Math.max(0, now - base);
    long rate = spec.rowsPerSecond;
    long seconds = elapsed / 1000 + 1;
    long rows = seconds > Long.MAX_VALUE / rate ? Long.MAX_VALUE : seconds * rate;
    return Math.min(rows, spec.rowCount);
  }

  private long rowsAt(DatagenOffset offset, long base) {
    if (offset.isProvisional()) return rowsDue(base, offset.until());
    if (offset.base() != base) {
      throw new IllegalArgumentException(
          "Offsets "
              + DatagenOffset.of(base, 0)
              + " and "
              + offset
              + " of datagen table '"
              + table
              + "' belong to different runs: their bases differ");
    }
    return Math.min(offset.rows(), spec.rowCount);
  }

  /** Parses a start offset and learns the base from it. */
  private DatagenOffset start(String text) {
    DatagenOffset start = DatagenOffset.parse(text, table);
    if (start.isProvisional()) {
      throw new IllegalArgumentException(
          "Datagen table '"
              + table
              + "' cannot start reading at "
              + text
              + ": a start offset must come from initialOffset or limitOffset");
    }
    base = start.base();
    return start;
  }
}
