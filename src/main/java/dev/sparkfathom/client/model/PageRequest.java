package dev.sparkfathom.client.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One page of a list endpoint: {@code limit} 1 to 100 (null for Fathom's default, 10) and at
 * most one cursor. {@code startingAfter} walks forward in created order; {@code endingBefore}
 * walks backwards, newest first.
 */
public record PageRequest(Integer limit, String startingAfter, String endingBefore) {
  public static final int MAX_LIMIT = 100;
  /** Fathom's defaults: the first 10 objects. */
  public static final PageRequest FIRST = new PageRequest(null, null, null);

  public PageRequest {
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      throw new IllegalArgumentException("limit must be between 1 and 100; got: " + limit);
    }
    if (startingAfter != null && endingBefore != null) {
      throw new IllegalArgumentException("give starting_after or ending_before, not both");
    }
    checkCursor("starting_after", startingAfter);
    checkCursor("ending_before", endingBefore);
  }

  public static PageRequest ofLimit(int limit) {
    return new PageRequest(limit, null, null);
  }

  public PageRequest withStartingAfter(String id) {
    return new PageRequest(limit, id, null);
  }

  public PageRequest withEndingBefore(String id) {
    return new PageRequest(limit, null, id);
  }

  /** True when this request walks backwards (it has an {@code ending_before} cursor). */
  public boolean backwards() {
    return endingBefore != null;
  }

  /** The same request with the cursor moved past {@code lastId}, in the same direction. */
  public PageRequest next(String lastId) {
    return backwards() ? withEndingBefore(lastId) : withStartingAfter(lastId);
  }

  /** The query string parameters, in a stable order. */
  public Map<String, String> toParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    if (limit != null) {
      p.put("limit", Integer.toString(limit));
    }
    if (startingAfter != null) {
      p.put("starting_after", startingAfter);
    }
    if (endingBefore != null) {
      p.put("ending_before", endingBefore);
    }
    return p;
  }

  private static void checkCursor(String name, String id) {
    if (id != null && id.isBlank()) {
      throw new IllegalArgumentException(name + " must be an object id; got: '" + id + "'");
    }
  }
}
