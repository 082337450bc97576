package dev.sparkfathom.client.model;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What creating or updating a milestone sends; Fathom's update needs both parts as well. The
 * name is 1 to {@value #MAX_NAME} characters; the date goes as {@code YYYY-MM-DD}.
 */
public record MilestoneWrite(String name, LocalDate milestoneDate) {
  public static final int MAX_NAME = 30;

  public MilestoneWrite {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("milestone name is required");
    }
    int length = name.codePointCount(0, name.length());
    if (length > MAX_NAME) {
      throw new IllegalArgumentException("milestone name must be at most " + MAX_NAME
          + " characters; got: " + length);
    }
    Objects.requireNonNull(milestoneDate, "milestone_date is required");
  }

  /** The form parameters of the request, in a stable order. */
  public Map<String, String> toFormParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("milestone_date", milestoneDate.toString());
    return p;
  }
}
