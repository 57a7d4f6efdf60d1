package dev.sluice.connectors.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.connectors.nexmark.EventTimeline.Shape;
import org.junit.jupiter.api.Test;

class EventTimelineTest {
  @Test
  void aConstantRateSpacesEventsByAThousandMillisecondsOverTheRate() {
    EventTimeline timeline = EventTimeline.constant(10_000);
    assertEquals(0, timeline.offsetMillis(0));
    assertEquals(0, timeline.offsetMillis(9));
    assertEquals(1, timeline.offsetMillis(10));
    assertEquals(1000, timeline.offsetMillis(10_000));
    assertEquals(10_000, timeline.eventsBefore(1000), "a second's events");
    assertEquals(10, timeline.eventsBefore(1));
    assertEquals(0, timeline.eventsBefore(0));
    EventTimeline three = EventTimeline.constant(3);
    assertEquals(333, three.offsetMillis(1));
    assertEquals(666, three.offsetMillis(2));
    assertEquals(2, three.eventsBefore(666));
    assertEquals(3, three.eventsBefore(667), "event 2 at 666 ms is before 667");
  }

  @Test
  void aSquareShapeAlternatesTheTwoRatesEveryHalfPeriod() {
    EventTimeline square = EventTimeline.of(100, 10, Shape.SQUARE, 4);
    assertEquals(200, square.eventsBefore(2000), "two seconds at 100 per second");
    assertEquals(220, square.eventsBefore(4000), "then two at 10 per second");
    assertEquals(4000, square.offsetMillis(220), "the next period starts at 4 s");
    assertEquals(2100, square.offsetMillis(201));
    assertEquals(100, square.peakRate());
  }

  @Test
  void everyShapeIsMonotoneAndEventsBeforeInvertsOffsetMillis() {
    EventTimeline[] timelines = {
      EventTimeline.constant(7),
      EventTimeline.constant(1_000_000),
      EventTimeline.of(50, 7, Shape.SQUARE, 10),
      EventTimeline.of(1000, 3, Shape.SINE, 25),
    };
    for (EventTimeline timeline : timelines) {
      long previous = 0;
      for (long n = 0; n < 20_000; n++) {
        long millis = timeline.offsetMillis(n);
        assertTrue(millis >= previous, "monotone at " + n);
        previous = millis;
        assertTrue(timeline.eventsBefore(millis) <= n, "event " + n + " is not before its own time");
        assertTrue(timeline.eventsBefore(millis + 1) > n, "event " + n + " is before the next ms");
      }
    }
  }

  @Test
  void hugeCountsSaturateInsteadOfOverflowing() {
    EventTimeline slow = EventTimeline.constant(1);
    assertEquals(Long.MAX_VALUE, slow.offsetMillis(Long.MAX_VALUE));
    assertEquals(Long.MAX_VALUE, EventTimeline.constant(Integer.MAX_VALUE).eventsBefore(Long.MAX_VALUE));
    assertTrue(EventTimeline.of(10, 1, Shape.SINE, 600).offsetMillis(Long.MAX_VALUE - 1) > 0);
  }
}
