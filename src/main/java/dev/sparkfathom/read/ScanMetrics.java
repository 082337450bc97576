package dev.sparkfathom.read;

import dev.sparkfathom.client.RequestStats;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * The scan's metrics in the Spark UI (SQL tab, on the scan node): what the read cost in
 * requests and waiting. Spark instantiates each metric class by name on the driver, so each
 * is a public class with a no-argument constructor. Each metric counts one execution of the
 * query: Spark resets them at every action. All but {@link #SITE_LOOKUPS} come from the tasks;
 * that one from the driver ({@link FathomScan#reportDriverMetrics()}).
 */
public final class ScanMetrics {
  public static final String REQUESTS = "fathomRequests";
  public static final String RETRIES = "fathomRetries";
  public static final String RATE_LIMITED = "fathomRateLimited";
  public static final String BUDGET_WAIT_MS = "fathomBudgetWaitMs";
  /** Rows in Fathom's answers to the requests the tasks sent (none for an answer taken from the cache). */
  public static final String ROWS_FETCHED = "fathomRowsFetched";
  /**
   * Rows the scan gave Spark: the rows of the relation it read, counted again when Spark reruns
   * a partition within the execution (a global {@code ORDER BY} reads its input twice).
   */
  public static final String ROWS_RETURNED = "fathomRowsReturned";
  public static final String BYTES = "fathomBytes";
  /**
   * Site lookups ({@code GET /sites/{id}}, an entity request) the scan's planning sent on the
   * driver, for the site's creation and timezone: at most one, and none when the JVM already
   * knew the site.
   */
  public static final String SITE_LOOKUPS = "fathomSiteLookups";
  /** Requests past the first of a partition, made to read an answer over the row cap. */
  public static final String FOLLOW_UPS = "fathomFollowUps";
  /** Every metric's name, in the order the UI lists them. */
  public static final java.util.List<String> NAMES = java.util.List.of(REQUESTS, RETRIES, RATE_LIMITED,
      BUDGET_WAIT_MS, ROWS_FETCHED, ROWS_RETURNED, BYTES, FOLLOW_UPS, SITE_LOOKUPS);

  private ScanMetrics() {}

  public static CustomMetric[] supported() {
    return new CustomMetric[] {new Requests(), new Retries(), new RateLimited(), new BudgetWaitMs(),
        new RowsFetched(), new RowsReturned(), new Bytes(), new FollowUps(), new SiteLookups()};
  }

  /**
   * The metric {@code name} as the budget coordinator counted it for a scan, or null when it
   * does not count that one or has no totals.
   */
  public static Long fromTally(java.util.Optional<dev.sparkfathom.budget.Tally> tally, String name) {
    if (tally.isEmpty()) {
      return null;
    }
    dev.sparkfathom.budget.Tally t = tally.get();
    return switch (name) {
      case REQUESTS -> t.requests();
      case RETRIES -> t.retries();
      case RATE_LIMITED -> t.rateLimited();
      case BUDGET_WAIT_MS -> t.waitMillis();
      default -> null;
    };
  }

  /**
   * A task's values, from what its requests cost, how many rows Fathom's answers held (0 when
   * the answer came from the cache), how many it returned, and how many requests past the
   * first it sent to read over the row cap.
   */
  static CustomTaskMetric[] of(RequestStats s, long rowsFetched, long rowsReturned, long followUps) {
    long waitedMs = (s.limiterWaitNanos() + s.retryAfterWaitNanos() + s.backoffWaitNanos()) / 1_000_000;
    return new CustomTaskMetric[] {task(REQUESTS, s.attempts()), task(RETRIES, s.retries()),
        task(RATE_LIMITED, s.rateLimited()), task(BUDGET_WAIT_MS, waitedMs), task(ROWS_FETCHED, rowsFetched),
        task(ROWS_RETURNED, rowsReturned), task(BYTES, s.bytesRead()), task(FOLLOW_UPS, followUps)};
  }

  /** The driver's value: site lookups that planning sent. */
  static CustomTaskMetric[] driver(long siteLookups) {
    return new CustomTaskMetric[] {task(SITE_LOOKUPS, siteLookups)};
  }

  private static CustomTaskMetric task(String name, long value) {
    return new CustomTaskMetric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long value() {
        return value;
      }
    };
  }

  private abstract static class Sum extends CustomSumMetric {
    private final String name;
    private final String description;

    Sum(String name, String description) {
      this.name = name;
      this.description = description;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }
  }

  public static final class Requests extends Sum {
    public Requests() {
      super(REQUESTS, "Fathom HTTP requests");
    }
  }

  public static final class Retries extends Sum {
    public Retries() {
      super(RETRIES, "Fathom retries");
    }
  }

  public static final class RateLimited extends Sum {
    public RateLimited() {
      super(RATE_LIMITED, "Fathom 429 answers");
    }
  }

  public static final class BudgetWaitMs extends Sum {
    public BudgetWaitMs() {
      super(BUDGET_WAIT_MS, "time waiting for Fathom rate budget (ms)");
    }
  }

  public static final class RowsFetched extends Sum {
    public RowsFetched() {
      super(ROWS_FETCHED, "rows fetched from Fathom");
    }
  }

  public static final class RowsReturned extends Sum {
    public RowsReturned() {
      super(ROWS_RETURNED, "rows returned by the Fathom scan (reruns count again)");
    }
  }

  public static final class SiteLookups extends Sum {
    public SiteLookups() {
      super(SITE_LOOKUPS, "Fathom site lookups at planning");
    }
  }

  public static final class Bytes extends Sum {
    public Bytes() {
      super(BYTES, "bytes from Fathom");
    }
  }

  public static final class FollowUps extends Sum {
    public FollowUps() {
      super(FOLLOW_UPS, "Fathom follow-up requests");
    }
  }
}
