package dev.sparkfathom.emulator.generator;

import dev.sparkfathom.emulator.data.ConversionRecord;
import dev.sparkfathom.emulator.data.DataStore;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.PageviewRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Live mode: keeps adding pageviews (and now and then a conversion) to the store's sites as
 * time passes, so current visitors has something to show. {@link #tick(Instant)} does the
 * work: it adds, for the whole seconds after the previous tick up to {@code now}, the
 * pageviews the rate asks for (fractions carry over to the next tick), spread at random over
 * those seconds and over the store's sites as they are at that tick. The first tick fills the
 * {@link #BACKFILL} before it, so the count is realistic from the start. A tick never fills
 * more than the {@code BACKFILL} before it, so a clock moved forward by months adds five
 * minutes of records, not months of them under the store's write lock. A clock moved back
 * starts the feed afresh at the new time (with its backfill), rather than adding nothing until
 * it passes the old one. {@link #start()} calls it every second on a daemon thread with the
 * injected clock; tests call it directly. A failing tick is logged and the schedule goes on.
 */
public final class LiveFeed implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LiveFeed.class.getName());
  /** What the first tick fills: the current-visitors window. */
  public static final Duration BACKFILL = Duration.ofMinutes(5);
  private static final double CONVERSION_SHARE = 0.02;
  private static final int PATHNAMES = 300;

  private final DataStore store;
  private final Clock clock;
  private final SplittableRandom random;
  private volatile double pageviewsPerMinute;
  private long lastSecond = Long.MIN_VALUE;
  private double carry;
  private long added;
  private ScheduledExecutorService executor;
  private ScheduledFuture<?> task;

  public LiveFeed(DataStore store, Clock clock, long seed, double pageviewsPerMinute) {
    this.store = store;
    this.clock = clock;
    this.random = new SplittableRandom(seed);
    setRate(pageviewsPerMinute);
  }

  /** Pageviews per minute over all sites; takes effect at the next tick. */
  public void setRate(double perMinute) {
    if (!(perMinute >= 0) || Double.isInfinite(perMinute)) {
      throw new IllegalArgumentException(
          "live rate must be a finite number of pageviews per minute, 0 or more; got: "
              + perMinute);
    }
    this.pageviewsPerMinute = perMinute;
  }

  public double rate() {
    return pageviewsPerMinute;
  }

  /** Adds the records due between the previous tick and {@code now}; returns how many. */
  public synchronized int tick(Instant now) {
    long nowSecond = now.getEpochSecond();
    if (nowSecond < lastSecond) {
      lastSecond = Long.MIN_VALUE;
    }
    long from = Math.max(lastSecond, nowSecond - BACKFILL.getSeconds());
    if (nowSecond <= from) {
      return 0;
    }
    lastSecond = nowSecond;
    carry += pageviewsPerMinute * (nowSecond - from) / 60.0;
    int due = (int) Math.floor(carry);
    carry -= due;
    List<SiteRecord> sites = store.sites();
    if (due == 0 || sites.isEmpty()) {
      return 0;
    }
    List<SiteProfile> profiles = new ArrayList<>(sites.size());
    for (SiteRecord s : sites) {
      profiles.add(SiteProfile.of(s, store.events(s.id()), PATHNAMES));
    }
    List<PageviewRecord> pageviews = new ArrayList<>(due);
    List<ConversionRecord> conversions = new ArrayList<>();
    for (int k = 0; k < due; k++) {
      SiteProfile site = profiles.get(random.nextInt(profiles.size()));
      long second = from + 1 + random.nextLong(nowSecond - from);
      PageviewRecord pv = SessionMaker.pageview(random, site, second);
      pageviews.add(pv);
      if (!site.events.isEmpty() && random.nextDouble() < CONVERSION_SHARE) {
        int e = random.nextInt(site.events.size());
        EventRecord event = site.events.get(e);
        long value = site.eventHasValue[e] ? random.nextInt(5, 250) * 100L - 1 : 0;
        conversions.add(new ConversionRecord(site.site.id(), event.id(), pv.timestamp(),
            pv.dimensions().clone(), random.nextBoolean(), value));
      }
    }
    store.addPageviews(pageviews);
    if (!conversions.isEmpty()) {
      addConversionsOfLiveEvents(conversions);
    }
    added += pageviews.size() + conversions.size();
    return pageviews.size() + conversions.size();
  }

  /** Records added so far. */
  public synchronized long recordsAdded() {
    return added;
  }

  /** Starts ticking once a second on a daemon thread; a no-op when already started. */
  public synchronized void start() {
    if (task != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread t = new Thread(runnable, "fathom-emulator-live-feed");
      t.setDaemon(true);
      return t;
    });
    task = executor.scheduleAtFixedRate(this::tickNow, 0, 1, TimeUnit.SECONDS);
  }

  /** Stops ticking; the records added stay. */
  public synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      executor.shutdown();
      task = null;
      executor = null;
    }
  }

  public synchronized boolean running() {
    return task != null;
  }

  @Override
  public void close() {
    stop();
  }

  void tickNow() {
    // An exception out of the task would cancel the schedule silently. A site or event removed
    // between listing and adding (IllegalArgumentException from the store) is the expected
    // one; whatever it is, the next tick starts afresh.
    try {
      tick(clock.instant());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING,
          "live feed tick failed, trying again in a second: " + e, e);
    }
  }

  /** Events may be removed concurrently; conversions of events that are gone are dropped. */
  private void addConversionsOfLiveEvents(List<ConversionRecord> conversions) {
    List<ConversionRecord> live = new ArrayList<>(conversions.size());
    for (ConversionRecord c : conversions) {
      if (store.event(c.eventId()).isPresent()) {
        live.add(c);
      }
    }
    store.addConversions(live);
  }
}
