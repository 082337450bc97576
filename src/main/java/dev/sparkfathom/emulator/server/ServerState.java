package dev.sparkfathom.emulator.server;

import java.util.Objects;

/**
 * The mutable state one server shares between its handlers and the Java API: the clock,
 * the limits and faults that can change at run time, the rate windows and the request log.
 */
final class ServerState {
  private final ServerConfig config;
  private final RateLimiter limiter;
  private final FaultInjector faults;
  private final RequestLog log = new RequestLog();
  private final ConcurrencyLimiter concurrency;
  private volatile RangeLimits rangeLimits;
  private volatile RowLimits rowLimits;

  ServerState(ServerConfig config) {
    this.config = config;
    this.limiter = new RateLimiter(config.rateLimits(), config.clock());
    this.faults = new FaultInjector(config.faults());
    this.rangeLimits = config.rangeLimits();
    this.rowLimits = config.rowLimits();
    this.concurrency = new ConcurrencyLimiter(config.concurrencyLimit());
  }

  ConcurrencyLimiter concurrency() {
    return concurrency;
  }

  RowLimits rowLimits() {
    return rowLimits;
  }

  void rowLimits(RowLimits limits) {
    this.rowLimits = Objects.requireNonNull(limits, "limits");
  }

  ServerConfig config() {
    return config;
  }

  EmulatorClock clock() {
    return config.clock();
  }

  RateLimiter limiter() {
    return limiter;
  }

  FaultInjector faults() {
    return faults;
  }

  RequestLog log() {
    return log;
  }

  RangeLimits rangeLimits() {
    return rangeLimits;
  }

  void rangeLimits(RangeLimits limits) {
    this.rangeLimits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * The token whose secret is presented as {@code Bearer SECRET} (scheme case-insensitive),
   * or null.
   */
  TokenGrant authenticate(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.trim();
    if (value.length() < 7 || !value.substring(0, 7).equalsIgnoreCase("Bearer ")) {
      return null;
    }
    String presented = value.substring(7).trim();
    TokenGrant found = null;
    for (TokenGrant t : config.tokens()) {
      if (t.matches(presented)) {
        found = t;
      }
    }
    return found;
  }
}
