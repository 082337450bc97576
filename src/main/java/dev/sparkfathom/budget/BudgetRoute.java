package dev.sparkfathom.budget;

import java.io.Serializable;
import java.util.Objects;

/**
 * How a task reaches its coordinator, shipped from the driver with the tasks: the host and port
 * to call, the secret to show (null for a standalone coordinator without one), the id of the
 * coordinator (so tasks in the driver's own JVM use it in place), how many executors share the
 * token (the fallback divides the rate by it), and the scan's tag for its totals. Its
 * {@code toString} never shows the secret.
 */
public record BudgetRoute(String host, int port, String secret, String coordinatorId,
    int executors, String tag) implements Serializable {
  public BudgetRoute {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tag, "tag");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("coordinator port must be 1 to 65535; got: " + port);
    }
    if (executors < 1) {
      throw new IllegalArgumentException("executors must be at least 1; got: " + executors);
    }
  }

  /** The same coordinator for another scan. */
  public BudgetRoute withTag(String value) {
    return new BudgetRoute(host, port, secret, coordinatorId, executors, value);
  }

  public BudgetRoute withExecutors(int value) {
    return new BudgetRoute(host, port, secret, coordinatorId, value, tag);
  }

  /** {@code host:port}: names the coordinator in messages. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return "BudgetRoute[" + address() + ", secret=" + (secret == null ? "none" : "redacted")
        + ", executors=" + executors + ", tag=" + tag + "]";
  }
}
