package dev.sparkfathom.emulator.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Stripe-style cursor pagination over a list held in created order. Without a cursor the
 * first {@code limit} objects come in created order; {@code starting_after=ID} gives the
 * objects after ID in created order; {@code ending_before=ID} gives the objects before ID
 * newest first (reverse chronological, as the docs say). {@code has_more} says whether more
 * objects lie further in that direction. A cursor that names no object of the list, or both
 * cursors at once: HTTP 400.
 */
final class Pagination {
  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 100;

  record Request(int limit, String startingAfter, String endingBefore) {
    static Request parse(Params p) {
      Integer limit = p.intInRange("limit", 1, MAX_LIMIT);
      String after = p.get("starting_after");
      String before = p.get("ending_before");
      if (after != null && before != null) {
        throw ApiException.badRequest(
            "send either 'starting_after' or 'ending_before', not both");
      }
      return new Request(limit == null ? DEFAULT_LIMIT : limit, after, before);
    }
  }

  record Page<T>(List<T> data, boolean hasMore) {}

  private Pagination() {}

  static <T> Page<T> page(List<T> createdOrder, Function<T, String> id, Request r) {
    List<T> candidates;
    if (r.startingAfter() != null) {
      int at = indexOf(createdOrder, id, r.startingAfter(), "starting_after");
      candidates = createdOrder.subList(at + 1, createdOrder.size());
    } else if (r.endingBefore() != null) {
      int at = indexOf(createdOrder, id, r.endingBefore(), "ending_before");
      candidates = new ArrayList<>(createdOrder.subList(0, at));
      Collections.reverse(candidates);
    } else {
      candidates = createdOrder;
    }
    int n = Math.min(r.limit(), candidates.size());
    return new Page<>(List.copyOf(candidates.subList(0, n)), candidates.size() > n);
  }

  private static <T> int indexOf(List<T> list, Function<T, String> id, String wanted, String param) {
    for (int i = 0; i < list.size(); i++) {
      if (id.apply(list.get(i)).equals(wanted)) {
        return i;
      }
    }
    throw ApiException.badRequest(
        "'" + param + "' must be the id of an object in this list; got: '" + wanted + "'");
  }
}
