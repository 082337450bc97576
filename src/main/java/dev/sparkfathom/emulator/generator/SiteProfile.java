package dev.sparkfathom.emulator.generator;

import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What synthetic traffic of one site looks like: its hostnames, its pathnames with Zipf-like
 * popularity, and its events with how often sessions complete them. Derived from the site's
 * id and name alone, so the demo generator and the live feed agree on a site's pages.
 */
final class SiteProfile {
  private static final String[] HEAD_PATHS = {
    "/", "/pricing", "/blog", "/docs", "/about", "/features", "/signup", "/login", "/search",
    "/contact", "/docs/getting_started", "/sale/50%-off", "/changelog", "/privacy", "/terms"
  };
  private static final String[] WORDS = {
    "analytics", "privacy", "guide", "release", "api", "spark", "export", "cookies", "gdpr",
    "dashboard", "events", "goals", "speed", "pricing", "teams", "sites", "migrate", "tips"
  };

  final SiteRecord site;
  final WeightedChoice hostnames;
  final WeightedChoice pathnames;
  final List<EventRecord> events;
  final double[] eventRates;
  final boolean[] eventHasValue;

  private SiteProfile(SiteRecord site, WeightedChoice hostnames, WeightedChoice pathnames,
      List<EventRecord> events) {
    this.site = site;
    this.hostnames = hostnames;
    this.pathnames = pathnames;
    this.events = List.copyOf(events);
    this.eventRates = new double[events.size()];
    this.eventHasValue = new boolean[events.size()];
    for (int i = 0; i < events.size(); i++) {
      String name = events.get(i).name().toLowerCase(Locale.ROOT);
      eventHasValue[i] = name.contains("purchase");
      eventRates[i] = eventHasValue[i] ? 0.012 : name.contains("sign") ? 0.03 : 0.015;
    }
  }

  static SiteProfile of(SiteRecord site, List<EventRecord> events, int pathnameCount) {
    SplittableRandom random = new SplittableRandom(site.id().hashCode());
    String name = DemoData.slug(site.name()).replace("-", "");
    String base = (name.isEmpty() ? site.id().toLowerCase(Locale.ROOT) : name) + ".example";
    WeightedChoice hostnames = WeightedChoice.of(
        "https://www." + base, 94, "https://" + base, 4, "https://blog." + base, 2);
    return new SiteProfile(site, hostnames, WeightedChoice.zipf(paths(random, pathnameCount), 1.1),
        events);
  }

  private static String[] paths(SplittableRandom random, int count) {
    Set<String> paths = new LinkedHashSet<>();
    for (int i = 0; i < Math.min(count, HEAD_PATHS.length); i++) {
      paths.add(HEAD_PATHS[i]);
    }
    String[] sections = {"/blog/", "/docs/", "/products/", "/help/"};
    while (paths.size() < count) {
      String section = sections[random.nextInt(sections.length)];
      String path = section + WORDS[random.nextInt(WORDS.length)] + "-"
          + WORDS[random.nextInt(WORDS.length)] + (random.nextInt(4) == 0
              ? "_" + random.nextInt(100) : "-" + random.nextInt(1000));
      paths.add(path);
    }
    return new ArrayList<>(paths).toArray(new String[0]);
  }
}
