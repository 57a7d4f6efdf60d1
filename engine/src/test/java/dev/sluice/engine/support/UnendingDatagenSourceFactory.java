package dev.sluice.engine.support;

import dev.sluice.connectors.datagen.DatagenSourceFactory;
import dev.sluice.runtime.data.RowBatch;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.SourceFactory;
import dev.sluice.runtime.spi.TableContext;
import java.util.Set;

/**
 * A test-only {@code 'connector' = 'test-unending-datagen'}: a datagen table, with all of
 * datagen's options, whose stream never ends after its {@code 'number-of-rows'}. A bounded
 * datagen table ends its query; tests of a query that has delivered its rows and then waits for
 * more (a blocked reader, a cancel) need one that stays running.
 */
public final class UnendingDatagenSourceFactory implements SourceFactory {
  private final DatagenSourceFactory datagen = new DatagenSourceFactory();

  @Override
  public String identifier() {
    return "test-unending-datagen";
  }

  @Override
  public Set<String> requiredOptions() {
    return datagen.requiredOptions();
  }

  @Override
  public Set<String> optionalOptions() {
    return datagen.optionalOptions();
  }

  @Override
  public Set<String> optionPrefixes() {
    return datagen.optionPrefixes();
  }

  @Override
  public Source createSource(TableContext context) {
    Source rows = datagen.createSource(context);
    return new Source() {
      @Override
      public String initialOffset() {
        return rows.initialOffset();
      }

      @Override
      public String latestOffset() {
        return rows.latestOffset();
      }

      @Override
      public String limitOffset(String start, String latest) {
        return rows.limitOffset(start, latest);
      }

      @Override
      public void read(String start, String end, RowBatch out) {
        rows.read(start, end, out);
      }

      @Override
      public boolean isReplayable() {
        return rows.isReplayable();
      }
    };
  }
}
