package dev.sparkfathom.emulator.server;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A started {@link FathomServer} over a {@link SimpleDataStore} with two sites, one event, a
 * few pageviews, a clock fixed at {@link #NOW}, and three tokens: admin, read, and site=AAAAAA.
 */
final class ServerFixture implements AutoCloseable {
  static final Instant NOW = Instant.parse("2024-03-10T15:00:00Z");
  static final String ADMIN = "admin-secret";
  static final String READ = "read-secret";
  static final String SITE = "site-secret";

  final SimpleDataStore store = new SimpleDataStore();
  final EmulatorClock clock = EmulatorClock.fixedAt(NOW);
  final FathomServer server;
  final TestHttp admin;

  ServerFixture() {
    this(ResponseStyle.OBSERVED, RateLimits.FATHOM, FaultSettings.NONE, Sleeper.SYSTEM);
  }

  /** Today's API (or the legacy one), otherwise the defaults. */
  static ServerFixture of(ApiVersion api) {
    return new ServerFixture(ResponseStyle.OBSERVED, RateLimits.FATHOM, FaultSettings.NONE,
        Sleeper.SYSTEM, api);
  }

  /** The docs page's API: the tests of this fixture were written against it. */
  ServerFixture(ResponseStyle style, RateLimits limits, FaultSettings faults, Sleeper sleeper) {
    this(style, limits, faults, sleeper, ApiVersion.LEGACY);
  }

  ServerFixture(ResponseStyle style, RateLimits limits, FaultSettings faults, Sleeper sleeper,
      ApiVersion api) {
    store.putSite(new SiteRecord("AAAAAA", "Alpha", "none", null, LocalDateTime.parse("2024-01-01T10:00:00")));
    store.putSite(new SiteRecord("BBBBBB", "Beta", "public", null, LocalDateTime.parse("2024-01-02T10:00:00")));
    store.putEvent(new EventRecord("signed-up", "AAAAAA", "Signed up", LocalDateTime.parse("2024-01-03T10:00:00")));
    store.addPageviews(List.of(
        SimpleDataStore.pageview("AAAAAA", "2024-03-01T10:00:00Z", "/", true, true, true, 0),
        SimpleDataStore.pageview("AAAAAA", "2024-03-01T11:00:00Z", "/about", true, true, false, 30),
        SimpleDataStore.pageview("AAAAAA", "2024-03-02T09:00:00Z", "/", false, true, false, 89),
        SimpleDataStore.pageview("AAAAAA", "2024-03-10T14:57:00Z", "/", true, true, false, 10),
        SimpleDataStore.pageview("BBBBBB", "2024-03-01T10:00:00Z", "/", true, true, true, 0)));
    ServerConfig config = new ServerConfig(store, clock,
        List.of(TokenGrant.parse("ci:" + ADMIN + ":admin"), TokenGrant.parse("ro:" + READ + ":read"),
            TokenGrant.parse("one:" + SITE + ":site=AAAAAA")),
        style, limits, RangeLimits.defaults(api), faults, 7, AccountInfo.DEFAULT, sleeper, 2,
        api, RowLimits.FATHOM, 2);
    server = new FathomServer(config);
    try {
      server.start(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    admin = new TestHttp(root(), ADMIN);
  }

  String root() {
    return "http://127.0.0.1:" + server.port();
  }

  TestHttp as(String secret) {
    return new TestHttp(root(), secret);
  }

  @Override
  public void close() {
    server.close();
  }
}
