package dev.sparkfathom.emulator.server;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.emulator.data.DataStore;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link FathomServer} starts with. {@code tokens} must not be empty (the caller
 * generates the admin token when the user gave none); {@code seed} drives the new site ids;
 * faults carry their own seed. {@code api} is the API revision answered; {@code rowLimits}
 * and {@code concurrencyLimit} (aggregations of one token in flight at once) apply to today's
 * API only.
 */
public record ServerConfig(
    DataStore store,
    EmulatorClock clock,
    List<TokenGrant> tokens,
    ResponseStyle style,
    RateLimits rateLimits,
    RangeLimits rangeLimits,
    FaultSettings faults,
    long seed,
    AccountInfo account,
    Sleeper sleeper,
    int threads,
    ApiVersion api,
    RowLimits rowLimits,
    int concurrencyLimit) {
  public ServerConfig {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    tokens = List.copyOf(tokens);
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("at least one token is needed");
    }
    if (tokens.stream().map(TokenGrant::name).distinct().count() != tokens.size()) {
      throw new IllegalArgumentException("token names must be unique");
    }
    if (tokens.stream().map(TokenGrant::secret).distinct().count() != tokens.size()) {
      throw new IllegalArgumentException("two tokens have the same secret");
    }
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(rateLimits, "rateLimits");
    Objects.requireNonNull(rangeLimits, "rangeLimits");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(sleeper, "sleeper");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1; got: " + threads);
    }
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(rowLimits, "rowLimits");
    if (concurrencyLimit < 1) {
      throw new IllegalArgumentException(
          "concurrency limit must be at least 1; got: " + concurrencyLimit);
    }
  }
}
