package dev.sluice.connectors.format;

/**
 * The usual shapes of DATE and TIMESTAMP text, {@code yyyy-MM-dd} and {@code yyyy-MM-dd
 * HH:mm:ss[.fraction]}, read with arithmetic instead of {@code java.time} formatters, which cost
 * more than the rest of a record's decoding. Each method takes only text that is certainly valid
 * and whose value the general readers ({@link dev.sluice.runtime.data.Values}) would give the same
 * way; for anything else it answers {@link #NOT_READ} and the caller reads the text the general
 * way, so a value never depends on which path read it. That leaves to the general readers the years
 * before 1 and after 9999, days past the end of their month and hour 24 (which they refuse too),
 * leap seconds, a bare decimal point and surrounding blanks.
 */
final class TemporalText {
  /** The answer for text these methods leave to the general readers. */
  static final long NOT_READ = Long.MIN_VALUE;

  private static final int MILLIS_PER_SECOND = 1000;
  private static final int SECONDS_PER_DAY = 86_400;

  /** {@code yyyy-MM-dd} is ten characters; a time follows at index 11 after a space or T. */
  private static final int DATE_LENGTH = 10;

  /** {@code yyyy-MM-dd HH:mm:ss}; a fraction of one to nine digits follows after a point. */
  private static final int SECONDS_LENGTH = 19;

  private static final int MAX_FRACTION_DIGITS = 9;
  private static final int MILLIS_DIGITS = 3;

  private TemporalText() {}

  /** Days since 1970-01-01 of {@code yyyy-MM-dd}, or {@link #NOT_READ}. */
  static long epochDay(String text) {
    return text.length() == DATE_LENGTH ? datePart(text) : NOT_READ;
  }

  /**
   * Milliseconds since 1970-01-01 00:00 of {@code yyyy-MM-dd HH:mm:ss}, with a {@code T} or a space
   * before the time and a fraction of a second of one to nine digits, of which the first three
   * count, as in {@link dev.sluice.runtime.data.Values#parseTimestamp}; or {@link #NOT_READ}.
   */
  static long timestampMillis(String text) {
    int length = text.length();
    if (length < SECONDS_LENGTH
        || length == SECONDS_LENGTH + 1
        || length > SECONDS_LENGTH + 1 + MAX_FRACTION_DIGITS) {
      return NOT_READ;
    }
    char separator = text.charAt(DATE_LENGTH);
    if (separator != ' ' && separator != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return NOT_READ;
    }
    long day = datePart(text);
    int hour = twoDigits(text, 11);
    int minute = twoDigits(text, 14);
    int second = twoDigits(text, 17);
    if (day == NOT_READ
        || (hour | minute | second) < 0
        || hour > 23
        || minute > 59
        || second > 59) {
      return NOT_READ;
    }
    int millis = 0;
    if (length > SECONDS_LENGTH) {
      if (text.charAt(SECONDS_LENGTH) != '.') return NOT_READ;
      for (int i = SECONDS_LENGTH + 1; i < length; i++) {
        int digit = digit(text.charAt(i));
        if (digit < 0) return NOT_READ;
        if (i <= SECONDS_LENGTH + MILLIS_DIGITS) millis = millis * 10 + digit;
      }
      for (int i = length; i <= SECONDS_LENGTH + MILLIS_DIGITS; i++) millis *= 10;
    }
    long seconds = day * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
    return seconds * MILLIS_PER_SECOND + millis;
  }

  /** The epoch day of the {@code yyyy-MM-dd} that starts {@code text}, or {@link #NOT_READ}. */
  private static long datePart(String text) {
    int century = twoDigits(text, 0);
    int yearOfCentury = twoDigits(text, 2);
    int month = twoDigits(text, 5);
    int day = twoDigits(text, 8);
    if (century < 0 || yearOfCentury < 0 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return NOT_READ;
    }
    int year = century * 100 + yearOfCentury;
    if (year == 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
      return NOT_READ;
    }
    return daysFromCivil(year, month, day);
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /**
   * Days from 1970-01-01 in the proleptic Gregorian calendar, by Howard Hinnant's {@code
   * days_from_civil}: years start in March so that February's length only matters at their end.
   */
  private static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = y / 400; // years here are positive, so no floor adjustment
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468;
  }

  /** The number of the two ASCII digits at {@code index}, or -1. */
  private static int twoDigits(String text, int index) {
    int tens = digit(text.charAt(index));
    int ones = digit(text.charAt(index + 1));
    return tens < 0 || ones < 0 ? -1 : tens * 10 + ones;
  }

  private static int digit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : -1;
  }
}
