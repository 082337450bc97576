package dev.sparkfathom.emulator;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.data.DataStore;
import dev.sparkfathom.emulator.server.AccountInfo;
import dev.sparkfathom.emulator.server.EmulatorClock;
import dev.sparkfathom.emulator.server.FathomServer;
import dev.sparkfathom.emulator.server.FaultSettings;
import dev.sparkfathom.emulator.server.RangeLimits;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.RequestLogEntry;
import dev.sparkfathom.emulator.server.ResponseStyle;
import dev.sparkfathom.emulator.server.RowLimits;
import dev.sparkfathom.emulator.server.ServerConfig;
import dev.sparkfathom.emulator.server.Sleeper;
import dev.sparkfathom.emulator.server.TokenGrant;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A local Fathom API in this JVM, for tests and development:
 *
 * <pre>{@code
 * try (FathomEmulator fathom = FathomEmulator.builder().store(store).build().start()) {
 *   fathom.loadJsonl(records, true);
 *   // point the client at fathom.baseUrl() with fathom.adminToken()
 *   assertThat(fathom.requestLog()).hasSize(3);
 * }
 * }</pre>
 *
 * <p>Defaults: today's API ({@link ApiVersion#CURRENT}: site timezones, the row cap of 500 /
 * 1000, hour ranges up to 7 days, events by name, six operators, at most 2 aggregations of a
 * token in flight), a free port, the real service's rate limits, observed response style, no
 * faults, a clock that follows the system clock, seed 0. {@code api(ApiVersion.LEGACY)}
 * answers as the docs page describes (UTC, no row cap, hour ranges up to 31 days, events by
 * goal code, four operators). Without tokens one admin token named {@code admin} with a
 * random secret is made ({@link #adminToken()}).
 */
public final class FathomEmulator implements AutoCloseable {
  private final DataStore store;
  private final int port;
  private final boolean generatedToken;
  private final FathomServer server;
  private final ApiVersion api;

  private FathomEmulator(Builder b, List<TokenGrant> tokens, boolean generatedToken) {
    this.store = b.store;
    this.port = b.port;
    this.generatedToken = generatedToken;
    this.api = b.api;
    this.server = new FathomServer(new ServerConfig(b.store, b.clock, tokens, b.style,
        b.rateLimits, b.rangeLimits != null ? b.rangeLimits : RangeLimits.defaults(b.api),
        b.faults, b.seed, b.account, b.sleeper, b.threads, b.api, b.rowLimits,
        b.concurrencyLimit));
  }

  /** The API revision this emulator answers. */
  public ApiVersion api() {
    return api;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts answering.
   *
   * @throws IOException when the port cannot be bound
   */
  public FathomEmulator start() throws IOException {
    server.start(port);
    return this;
  }

  /** The API root, e.g. {@code http://127.0.0.1:54321/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port() + "/v1";
  }

  /** The control API root, e.g. {@code http://127.0.0.1:54321/_emulator}. */
  public String controlUrl() {
    return "http://127.0.0.1:" + server.port() + "/_emulator";
  }

  public int port() {
    return server.port();
  }

  /**
   * The secret of the first admin token, to send as {@code Authorization: Bearer ...}.
   *
   * @throws IllegalStateException when only non-admin tokens were configured
   */
  public String adminToken() {
    return server.tokens().stream()
        .filter(t -> t.permission().mayWrite())
        .findFirst()
        .map(TokenGrant::secret)
        .orElseThrow(() -> new IllegalStateException("no admin token was configured"));
  }

  /** True when the admin token was made up because none was given. */
  public boolean generatedAdminToken() {
    return generatedToken;
  }

  public List<TokenGrant> tokens() {
    return server.tokens();
  }

  public DataStore store() {
    return store;
  }

  /** Loads JSONL records (see the spec's data model), replacing everything when asked. */
  public void loadJsonl(String jsonl, boolean replace) throws IOException {
    store.load(new StringReader(jsonl), replace);
  }

  /** Every {@code /v1} request so far, oldest first. */
  public List<RequestLogEntry> requestLog() {
    return server.requestLog().entries();
  }

  public void clearRequestLog() {
    server.requestLog().clear();
  }

  public EmulatorClock clock() {
    return server.clock();
  }

  public FaultSettings faults() {
    return server.faults();
  }

  /** Replaces the fault settings at run time; the fault sequence restarts from their seed. */
  public void faults(FaultSettings settings) {
    server.faults(settings);
  }

  public RateLimits rateLimits() {
    return server.rateLimits();
  }

  public void rateLimits(RateLimits limits) {
    server.rateLimits(limits);
  }

  /** Forgets what was counted against the rate limits so far. */
  public void resetRateLimits() {
    server.resetRateLimits();
  }

  public RangeLimits rangeLimits() {
    return server.rangeLimits();
  }

  public void rangeLimits(RangeLimits limits) {
    server.rangeLimits(limits);
  }

  /** Today's row cap (the default and the largest {@code limit}); the legacy API has none. */
  public RowLimits rowLimits() {
    return server.rowLimits();
  }

  public void rowLimits(RowLimits limits) {
    server.rowLimits(limits);
  }

  /** Today's cap on aggregations of one token in flight at once; the legacy API has none. */
  public int concurrencyLimit() {
    return server.concurrencyLimit();
  }

  public void concurrencyLimit(int limit) {
    server.concurrencyLimit(limit);
  }

  /** Stops serving; idempotent. */
  @Override
  public void close() {
    server.close();
  }

  /** Settings of an emulator; {@link #store(DataStore)} is required. */
  public static final class Builder {
    private DataStore store;
    private int port;
    private final List<TokenGrant> tokens = new ArrayList<>();
    private ResponseStyle style = ResponseStyle.OBSERVED;
    private RateLimits rateLimits = RateLimits.FATHOM;
    /** null: the live service's limits of {@link #api}. */
    private RangeLimits rangeLimits;
    private ApiVersion api = ApiVersion.CURRENT;
    private RowLimits rowLimits = RowLimits.FATHOM;
    private int concurrencyLimit = 2;
    private FaultSettings faults = FaultSettings.NONE;
    private EmulatorClock clock;
    private long seed;
    private AccountInfo account = AccountInfo.DEFAULT;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private int threads = 4;

    private Builder() {}

    public Builder store(DataStore s) {
      this.store = Objects.requireNonNull(s, "store");
      return this;
    }

    /** 0 (the default) takes a free port. */
    public Builder port(int p) {
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("port must be from 0 to 65535; got: " + p);
      }
      this.port = p;
      return this;
    }

    /** Adds a token given as {@code NAME:SECRET:admin|read|site=ID}. */
    public Builder token(String spec) {
      return token(TokenGrant.parse(spec));
    }

    public Builder token(TokenGrant t) {
      tokens.add(Objects.requireNonNull(t, "token"));
      return this;
    }

    public Builder style(ResponseStyle s) {
      this.style = Objects.requireNonNull(s, "style");
      return this;
    }

    public Builder rateLimits(RateLimits l) {
      this.rateLimits = Objects.requireNonNull(l, "rateLimits");
      return this;
    }

    /** Default: {@link RangeLimits#defaults} of the API revision. */
    public Builder rangeLimits(RangeLimits l) {
      this.rangeLimits = Objects.requireNonNull(l, "rangeLimits");
      return this;
    }

    /** Today's API (the default) or the docs page's ({@link ApiVersion#LEGACY}). */
    public Builder api(ApiVersion v) {
      this.api = Objects.requireNonNull(v, "api");
      return this;
    }

    /** Today's row cap; default 500 rows without {@code limit}, {@code limit} up to 1000. */
    public Builder rowLimits(RowLimits l) {
      this.rowLimits = Objects.requireNonNull(l, "rowLimits");
      return this;
    }

    /** Today's cap on aggregations of one token in flight at once; default 2. */
    public Builder concurrencyLimit(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("concurrency limit must be at least 1; got: " + n);
      }
      this.concurrencyLimit = n;
      return this;
    }

    public Builder faults(FaultSettings f) {
      this.faults = Objects.requireNonNull(f, "faults");
      return this;
    }

    public Builder clock(EmulatorClock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** Seeds the ids of new sites (faults carry their own seed). */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    public Builder account(AccountInfo a) {
      this.account = Objects.requireNonNull(a, "account");
      return this;
    }

    /** How the fault delay waits; tests may record instead of sleeping. */
    public Builder sleeper(Sleeper s) {
      this.sleeper = Objects.requireNonNull(s, "sleeper");
      return this;
    }

    public Builder threads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("threads must be at least 1; got: " + n);
      }
      this.threads = n;
      return this;
    }

    /** Without a store, an empty {@link ColumnarDataStore}. */
    public FathomEmulator build() {
      if (store == null) {
        store = new ColumnarDataStore();
      }
      if (clock == null) {
        clock = EmulatorClock.system();
      }
      boolean generated = tokens.isEmpty();
      List<TokenGrant> all = generated ? List.of(TokenGrant.generateAdmin("admin")) : List.copyOf(tokens);
      return new FathomEmulator(this, all, generated);
    }

    /** {@link #build()} then {@link FathomEmulator#start()}. */
    public FathomEmulator start() throws IOException {
      return build().start();
    }
  }
}
