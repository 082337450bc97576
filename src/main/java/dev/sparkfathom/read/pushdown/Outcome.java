package dev.sparkfathom.read.pushdown;

import dev.sparkfathom.api.Filter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The translation of one Spark filter: the Fathom filters and date buckets that select (a
 * superset of) its rows, or the fact that no row can pass it. {@code note} says why a filter
 * is widening or kept, or why it can never be true.
 */
record Outcome(PushKind kind, List<Filter> fathom, BucketRange range, boolean never, String note) {

  Outcome {
    fathom = List.copyOf(fathom);
  }

  static Outcome exact(List<Filter> fathom) {
    return new Outcome(PushKind.EXACT, fathom, BucketRange.ALL, false, "");
  }

  static Outcome exact(Filter... fathom) {
    return exact(List.of(fathom));
  }

  static Outcome exact(BucketRange range) {
    return new Outcome(PushKind.EXACT, List.of(), range, false, "");
  }

  /** Every row passes. */
  static Outcome all() {
    return exact(BucketRange.ALL);
  }

  static Outcome widening(List<Filter> fathom, BucketRange range, String why) {
    return new Outcome(PushKind.WIDENING, fathom, range, false, why);
  }

  static Outcome widening(Filter fathom, String why) {
    return widening(List.of(fathom), BucketRange.ALL, why);
  }

  static Outcome kept(String why) {
    return new Outcome(PushKind.KEPT, List.of(), BucketRange.ALL, false, why);
  }

  /** No row passes: the filter is false or null for every row. */
  static Outcome never(String why) {
    return new Outcome(PushKind.EXACT, List.of(), BucketRange.ALL, true, why);
  }

  /** The exact range, or never when it holds no bucket. */
  static Outcome exactRange(Optional<BucketRange> range, String whyEmpty) {
    return range.map(Outcome::exact).orElseGet(() -> never(whyEmpty));
  }

  boolean isAll() {
    return kind == PushKind.EXACT && !never && fathom.isEmpty() && range.isAll();
  }

  /** Both must hold. */
  static Outcome and(Outcome a, Outcome b) {
    if (a.never) {
      return a;
    }
    if (b.never) {
      return b;
    }
    if (a.kind == PushKind.KEPT && b.kind == PushKind.KEPT) {
      return kept(a.note + "; " + b.note);
    }
    Optional<BucketRange> range = a.range.intersect(b.range);
    if (range.isEmpty()) {
      return never("the date ranges " + a.range + " and " + b.range + " share no bucket");
    }
    LinkedHashSet<Filter> fathom = new LinkedHashSet<>(a.fathom);
    fathom.addAll(b.fathom);
    if (a.kind == PushKind.EXACT && b.kind == PushKind.EXACT) {
      return new Outcome(PushKind.EXACT, new ArrayList<>(fathom), range.get(), false, "");
    }
    String why = a.kind == PushKind.EXACT ? b.note : b.kind == PushKind.EXACT ? a.note
        : a.note + "; " + b.note;
    return widening(new ArrayList<>(fathom), range.get(), why);
  }

  /**
   * Either may hold. Fathom ANDs its filters, so an OR is pushed only as what both sides
   * share: their common Fathom filters and the hull of their date ranges. That is exact when
   * both sides are exact, have the same Fathom filters, and their ranges touch or overlap.
   */
  static Outcome or(Outcome a, Outcome b, BucketAxis axis) {
    if (a.never) {
      return b;
    }
    if (b.never) {
      return a;
    }
    if (a.isAll() || b.isAll()) {
      return all();
    }
    if (a.kind == PushKind.KEPT || b.kind == PushKind.KEPT) {
      return kept("an OR with a side that is not pushed: " + (a.kind == PushKind.KEPT ? a.note : b.note));
    }
    List<Filter> common = new ArrayList<>(a.fathom);
    common.retainAll(b.fathom);
    BucketRange hull = a.range.hull(b.range);
    if (common.isEmpty() && hull.isAll()) {
      return kept("an OR of filters the API cannot combine (it ANDs filters)");
    }
    boolean exact = a.kind == PushKind.EXACT && b.kind == PushKind.EXACT
        && new LinkedHashSet<>(a.fathom).equals(new LinkedHashSet<>(b.fathom))
        && touch(a.range, b.range, axis);
    if (exact) {
      return new Outcome(PushKind.EXACT, common, hull, false, "");
    }
    return widening(common, hull, "an OR pushed as what its sides share");
  }

  /** True when no bucket lies between the two ranges: their union is one range. */
  private static boolean touch(BucketRange a, BucketRange b, BucketAxis axis) {
    if (a.intersect(b).isPresent()) {
      return true;
    }
    if (axis == null) {
      return false;
    }
    boolean aFirst = a.last() != null && b.first() != null && a.last().isBefore(b.first());
    BucketRange lower = aFirst ? a : b;
    BucketRange upper = aFirst ? b : a;
    return axis.next(lower.last()).equals(upper.first());
  }
}
