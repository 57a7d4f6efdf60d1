package dev.sluice.planner.codegen;

import dev.sluice.planner.calcite.SluiceTypeFactory;
import java.util.TimeZone;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The context compiled expressions read session values from: the current time (processing time,
 * read when the expression runs) and the time zone, which is UTC because timestamps carry none.
 */
public final class StreamDataContext implements DataContext {
  public static final StreamDataContext INSTANCE = new StreamDataContext();
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private StreamDataContext() {}

  @Override
  public @Nullable SchemaPlus getRootSchema() {
    return null;
  }

  @Override
  public JavaTypeFactory getTypeFactory() {
    return SluiceTypeFactory.INSTANCE;
  }

  @Override
  public QueryProvider getQueryProvider() {
    throw new UnsupportedOperationException("compiled stream expressions run no nested queries");
  }

  @Override
  public @Nullable Object get(String name) {
    long now = System.currentTimeMillis();
    return switch (name) {
      case "currentTimestamp", "localTimestamp", "utcTimestamp" -> now;
      case "currentTime", "localTime" -> (int) (now % MILLIS_PER_DAY);
      case "currentDate" -> (int) (now / MILLIS_PER_DAY);
      case "timeZone" -> UTC;
      case "locale" -> java.util.Locale.ROOT;
      default -> null;
    };
  }
}
