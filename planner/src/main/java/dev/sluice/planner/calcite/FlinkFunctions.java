package dev.sluice.planner.calcite;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.linq4j.function.NonDeterministic;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Functions Flink SQL users write that Calcite's libraries lack or spell differently, with Flink's
 * meaning: {@code SPLIT_INDEX} (0-based), {@code DATE_FORMAT} with Java patterns, {@code
 * REGEXP_EXTRACT} by group, and {@code PROCTIME()}. Registered in every schema queries see;
 * Calcite compiles calls to these static methods like any other expression.
 */
public final class FlinkFunctions {
  /** Names defined here, kept out of the library operator tables so a name means one thing. */
  public static final java.util.Set<String> NAMES = java.util.Set.of("SPLIT_INDEX", "DATE_FORMAT", "REGEXP_EXTRACT", "PROCTIME");

  private static final Map<String, DateFormat> FORMATS = new ConcurrentHashMap<>();
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private FlinkFunctions() {}

  public static void register(SchemaPlus schema) {
    schema.add("SPLIT_INDEX", ScalarFunctionImpl.create(FlinkFunctions.class, "splitIndex"));
    schema.add("DATE_FORMAT", ScalarFunctionImpl.create(FlinkFunctions.class, "dateFormat"));
    schema.add("REGEXP_EXTRACT", ScalarFunctionImpl.create(FlinkFunctions.class, "regexpExtract"));
    schema.add("PROCTIME", ScalarFunctionImpl.create(FlinkFunctions.class, "proctime"));
  }

  /** The {@code index}-th (from 0) piece of {@code text} split at {@code separator}; NULL past the last. */
  public static String splitIndex(String text, String separator, Integer index) {
    if (text == null || separator == null || index == null || index < 0 || text.isEmpty()) return null;
    if (separator.isEmpty()) {
      String[] pieces = text.split("", -1);
      return index < pieces.length ? pieces[index] : null;
    }
    // Walks to the piece instead of splitting the whole text: it runs once per row (q22 three times).
    int start = 0;
    for (int i = 0; i < index; i++) {
      int next = text.indexOf(separator, start);
      if (next < 0) return null;
      start = next + separator.length();
    }
    int end = text.indexOf(separator, start);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  /** {@code timestamp} formatted with a Java pattern such as {@code yyyy-MM-dd HH:mm}. */
  public static String dateFormat(Timestamp timestamp, String pattern) {
    if (timestamp == null || pattern == null) return null;
    return timestamp.toLocalDateTime().format(FORMATS.computeIfAbsent(pattern, DateFormat::new).formatter);
  }

  /**
   * {@link #dateFormat} of a timestamp in its internal form, epoch milliseconds read as UTC wall
   * time, which compiled code passes to it instead (see {@code TimestampsAsMillis}): no {@code
   * java.sql.Timestamp} per row, and rows of the same millisecond share the text.
   */
  public static String dateFormatMillis(Long millis, String pattern) {
    if (millis == null || pattern == null) return null;
    return FORMATS.computeIfAbsent(pattern, DateFormat::new).format(millis);
  }

  /** A pattern's formatter, and the text of the last millisecond formatted with it. */
  private static final class DateFormat {
    final DateTimeFormatter formatter;
    /** Replaced whole, never changed, so threads formatting at once each see a consistent pair. */
    private Formatted last = new Formatted(Long.MIN_VALUE, null);

    DateFormat(String pattern) {
      formatter = DateTimeFormatter.ofPattern(pattern);
    }

    String format(long millis) {
      Formatted known = last;
      if (known.millis == millis) return known.text;
      LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
          ZoneOffset.UTC);
      String text = time.format(formatter);
      last = new Formatted(millis, text);
      return text;
    }
  }

  private record Formatted(long millis, String text) {}

  /** Group {@code group} of the first match of {@code regex} in {@code text}; NULL without a match. */
  public static String regexpExtract(String text, String regex, Integer group) {
    if (text == null || regex == null || group == null) return null;
    Matcher m = PATTERNS.computeIfAbsent(regex, Pattern::compile).matcher(text);
    return m.find() && group <= m.groupCount() ? m.group(group) : null;
  }

  /** Processing time: the wall clock when the row is computed, as a timestamp without time zone (UTC). */
  @NonDeterministic
  public static Timestamp proctime() {
    return Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
  }

  /** {@link #proctime} in the internal form of a timestamp, which compiled code calls instead. */
  @NonDeterministic
  public static long proctimeMillis() {
    return System.currentTimeMillis();
  }

  /** Whether {@code node} calls the function of this class implemented by method {@code method}. */
  public static boolean isCallOf(RexNode node, String method) {
    return node instanceof RexCall call
        && call.getOperator() instanceof SqlUserDefinedFunction function
        && function.getFunction() instanceof ScalarFunctionImpl scalar
        && scalar.method.getName().equals(method) && scalar.method.getDeclaringClass() == FlinkFunctions.class;
  }
}
