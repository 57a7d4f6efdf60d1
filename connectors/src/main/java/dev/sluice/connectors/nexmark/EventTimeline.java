package dev.sluice.connectors.nexmark;

import java.util.Locale;

/**
 * When each event happens, in milliseconds after the first, from the configured rates.
 *
 * <p>With one rate {@code r}, event {@code n} happens {@code floor(n * 1000 / r)} ms after the
 * first, as the reference's {@code baseTime + n * interEventDelay}. With two rates the rate changes
 * in steps that repeat every period, as in the Beam original's rate shapes: a {@code square} shape
 * spends half the period at each rate, a {@code sine} shape ten steps following a cosine from the
 * first rate to the next and back. Within a step of {@code s} seconds at rate {@code r} come
 * exactly {@code r * s} events, spaced as with one rate, so the times are exact and never go
 * backwards.
 */
final class EventTimeline {
  /** Steps of the Beam original's sine shape. */
  private static final int SINE_STEPS = 10;

  /** The shape of the rate over a period, as the reference's {@code rate.shape}. */
  enum Shape {
    SQUARE,
    SINE;

    static Shape parse(String text) {
      for (Shape shape : values()) {
        if (shape.name().equalsIgnoreCase(text.trim())) return shape;
      }
      return null;
    }

    String sqlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Events per second in each step; one step when the rate is constant. */
  private final long[] rates;

  /** Events in each step. */
  private final long[] stepEvents;

  private final long stepMillis;
  private final long periodEvents;
  private final long periodMillis;

  private EventTimeline(long[] rates, long stepSeconds) {
    this.rates = rates;
    this.stepMillis = stepSeconds * 1000;
    this.stepEvents = new long[rates.length];
    long events = 0;
    for (int i = 0; i < rates.length; i++) {
      stepEvents[i] = rates[i] * stepSeconds;
      events += stepEvents[i];
    }
    this.periodEvents = events;
    this.periodMillis = stepMillis * rates.length;
  }

  /** A constant {@code rate} events per second. */
  static EventTimeline constant(long rate) {
    return new EventTimeline(new long[] {rate}, 1);
  }

  /**
   * Rates from {@code first} to {@code next} and back over {@code periodSeconds}, or constant when
   * the two are equal.
   */
  static EventTimeline of(long first, long next, Shape shape, long periodSeconds) {
    if (first == next) return constant(first);
    long[] rates;
    if (shape == Shape.SQUARE) {
      rates = new long[] {first, next};
    } else {
      double middle = (first + next) / 2.0;
      double amplitude = (first - next) / 2.0;
      rates = new long[SINE_STEPS];
      for (int i = 0; i < SINE_STEPS; i++) {
        double rate = middle + amplitude * Math.cos(2 * Math.PI * i / SINE_STEPS);
        rates[i] = Math.max(1, Math.round(rate));
      }
    }
    long stepSeconds = Math.max(1, (periodSeconds + rates.length - 1) / rates.length);
    return new EventTimeline(rates, stepSeconds);
  }

  /** The highest rate, events per second. */
  long peakRate() {
    long peak = 0;
    for (long rate : rates) peak = Math.max(peak, rate);
    return peak;
  }

  /** Milliseconds from the first event to event {@code n}; saturates at {@code Long.MAX_VALUE}. */
  long offsetMillis(long n) {
    if (rates.length == 1) return within(n, rates[0]);
    long periods = n / periodEvents;
    long rest = n % periodEvents;
    long millis = saturatedMultiply(periods, periodMillis);
    for (int step = 0; ; step++) {
      if (rest < stepEvents[step]) {
        return saturatedAdd(millis, step * stepMillis + within(rest, rates[step]));
      }
      rest -= stepEvents[step];
    }
  }

  /**
   * How many events happen less than {@code millis} after the first: the number of {@code n} with
   * {@code offsetMillis(n) < millis}; saturates at {@code Long.MAX_VALUE}.
   */
  long eventsBefore(long millis) {
    if (millis <= 0) return 0;
    if (rates.length == 1) return countBefore(millis, rates[0]);
    long periods = millis / periodMillis;
    long rest = millis % periodMillis;
    long events = saturatedMultiply(periods, periodEvents);
    for (int step = 0; step < rates.length && rest > 0; step++) {
      long inStep = Math.min(rest, stepMillis);
      events = saturatedAdd(events, Math.min(stepEvents[step], countBefore(inStep, rates[step])));
      rest -= inStep;
    }
    return events;
  }

  /** {@code floor(n * 1000 / rate)} without overflow. */
  private static long within(long n, long rate) {
    return saturatedAdd(saturatedMultiply(n / rate, 1000), n % rate * 1000 / rate);
  }

  /**
   * The number of {@code n >= 0} with {@code floor(n * 1000 / rate) < millis}, that is {@code
   * ceil(millis * rate / 1000)}, without overflow.
   */
  private static long countBefore(long millis, long rate) {
    long seconds = millis / 1000;
    long rest = millis % 1000;
    return saturatedAdd(saturatedMultiply(seconds, rate), (rest * rate + 999) / 1000);
  }

  static long saturatedMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    if ((high == 0 && low >= 0) || (high == -1 && low < 0)) return low;
    return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
  }

  static long saturatedAdd(long a, long b) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    return sum;
  }
}
