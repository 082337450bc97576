package dev.sparkfathom.client;

import dev.sparkfathom.api.DateGrouping;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.Year;
import java.time.format.DateTimeParseException;

/**
 * Reads the {@code date} labels Fathom sends ({@code "2024"}, {@code "2024-01"},
 * {@code "2024-01-01"}, {@code "2024-01-01 13:00:00"}) back into local bucket starts. The
 * hour format is not published, so a {@code T} separator and a missing seconds part are
 * accepted too; anything else is an error, never a guess.
 */
final class DateLabels {
  private DateLabels() {}

  /** @throws IllegalArgumentException when the label does not fit the grouping */
  static LocalDateTime parse(String label, DateGrouping grouping) {
    if (label == null) {
      throw new IllegalArgumentException("a row has no date although the read is grouped by "
          + grouping.apiName());
    }
    try {
      LocalDateTime start = switch (grouping) {
        case YEAR -> Year.parse(label).atDay(1).atStartOfDay();
        case MONTH -> YearMonth.parse(label).atDay(1).atStartOfDay();
        case DAY -> LocalDate.parse(label).atStartOfDay();
        case HOUR -> parseHour(label);
      };
      if (!grouping.truncate(start).equals(start)) {
        throw new IllegalArgumentException(
            "date '" + label + "' is not the start of its " + grouping.apiName() + " bucket");
      }
      return start;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("date '" + label + "' is not a " + grouping.apiName()
          + " label such as " + grouping.label(LocalDateTime.of(2024, 1, 31, 13, 0)), e);
    }
  }

  private static LocalDateTime parseHour(String label) {
    String iso = label.trim().replace(' ', 'T');
    if (iso.length() == 16) {
      iso = iso + ":00";
    }
    return LocalDateTime.parse(iso);
  }
}
