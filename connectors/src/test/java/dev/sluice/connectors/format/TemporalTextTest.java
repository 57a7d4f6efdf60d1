package dev.sluice.connectors.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.runtime.data.Values;
import dev.sluice.runtime.type.DataType;
import dev.sluice.runtime.type.TypeKind;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemporalTextTest {
  private static final List<String> TIMES =
      List.of("00:00:00", "23:59:59", "12:07:00.5", "01:02:03.04", "10:20:30.123", "13:14:15.9999");

  @Test
  void timestampsOfTheUsualShapesReadAsJavaTimeReadsThem() {
    for (LocalDate day = LocalDate.of(1, 1, 1);
        day.getYear() < 10_000;
        day = day.plusDays(day.getYear() < 1890 || day.getYear() > 2110 ? 997 : 1)) {
      for (String time : TIMES) {
        for (char separator : new char[] {' ', 'T'}) {
          String text = day + String.valueOf(separator) + time;
          assertEquals(Values.parseTimestamp(text), TemporalText.timestampMillis(text), text);
        }
      }
      assertEquals(Values.parseDate(day.toString()), TemporalText.epochDay(day.toString()));
    }
    String nanos = "2024-05-01 12:00:00.123456789";
    assertEquals(Values.parseTimestamp(nanos), TemporalText.timestampMillis(nanos));
  }

  @Test
  void textOfAnyOtherShapeIsLeftToJavaTime() {
    for (String text :
        List.of(
            "2024-02-30 00:00:00",
            "2023-02-29 00:00:00",
            "0000-01-01 00:00:00",
            "2024-05-01 24:00:00",
            "2024-05-01 12:60:00",
            "2024-05-01 12:00:60",
            "2024-05-01 12:00:00.",
            "2024-05-01 12:00:00.1234567891",
            "2024-05-01 12:00:00,5",
            " 2024-05-01 12:00:00",
            "2024-05-01 12:00:00Z",
            "2024-05-01 12:00",
            "2024-5-01 00:00:00",
            "2024-05-01X12:00:00",
            "2024-05-01 1a:00:00",
            "٢٠٢٤-05-01 12:00:00")) {
      assertEquals(TemporalText.NOT_READ, TemporalText.timestampMillis(text), text);
    }
    for (String text :
        List.of("2024-02-30", "0000-01-01", "2024-13-01", "2024-05-1", "2024/05/01")) {
      assertEquals(TemporalText.NOT_READ, TemporalText.epochDay(text), text);
    }
  }

  @Test
  void whatTheFastReadingLeavesIsStillReadTheGeneralWay() {
    DataType timestamp = DataType.timestamp(3);
    assertThrows(
        MalformedRecordException.class,
        () -> TextValues.parse("2024-02-30 00:00:00", timestamp, "ts"),
        "read strictly, not moved to the month's last day");
    assertEquals(
        Values.parseTimestamp("2024-05-01 12:00:00"),
        TextValues.parse(" 2024-05-01T14:00:00+02:00 ", timestamp, "ts"));
    assertEquals(
        Values.parseDate("2024-05-01"),
        TextValues.parse(" 2024-05-01", DataType.of(TypeKind.DATE), "day"));
  }
}
