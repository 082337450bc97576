package dev.sparkfathom.emulator.generator;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * The values synthetic traffic draws from, with shares roughly like a small site's real mix.
 * Nulls and Fathom's {@code "un"} (unknown country) and {@code ""} appear on purpose: queries
 * and filters must cope with them.
 */
final class Vocabulary {
  private Vocabulary() {}

  static final WeightedChoice BROWSERS = WeightedChoice.of(
      "Chrome", 58, "Safari", 20, "Firefox", 8, "Edge", 6, "Samsung Internet", 3, "Opera", 2,
      null, 3);

  static final WeightedChoice COUNTRIES = WeightedChoice.of(
      "US", 28, "GB", 8, "DE", 7, "IN", 6, "FR", 5, "CA", 4, "NL", 3, "AU", 3, "BR", 3,
      "JP", 3, "ES", 2.5, "IT", 2.5, "SE", 2, "PL", 2, "CH", 1.5, "MX", 1.5, "KR", 1,
      "NG", 1, "ZA", 1, "NZ", 1, "un", 2, null, 1.5);

  static final WeightedChoice DEVICES = WeightedChoice.of(
      "Desktop", 55, "Phone", 38, "Tablet", 6, null, 1);

  /** Operating systems by device type: a phone never runs Windows. */
  static final Map<String, WeightedChoice> OPERATING_SYSTEMS = Map.of(
      "Desktop", WeightedChoice.of("Windows", 55, "Mac OS", 30, "Linux", 10, "Chrome OS", 5),
      "Phone", WeightedChoice.of("iOS", 45, "Android", 55),
      "Tablet", WeightedChoice.of("iPadOS", 60, "Android", 40));

  /** Browsers by operating system: Safari on Apple's, Edge on Windows, and so on. */
  static final Map<String, WeightedChoice> BROWSERS_BY_OS = Map.of(
      "Windows", WeightedChoice.of("Chrome", 62, "Edge", 22, "Firefox", 10, "Opera", 3, null, 3),
      "Mac OS", WeightedChoice.of("Safari", 45, "Chrome", 45, "Firefox", 8, null, 2),
      "Linux", WeightedChoice.of("Firefox", 45, "Chrome", 52, null, 3),
      "Chrome OS", WeightedChoice.of("Chrome", 97, null, 3),
      "iOS", WeightedChoice.of("Safari", 80, "Chrome", 17, null, 3),
      "iPadOS", WeightedChoice.of("Safari", 85, "Chrome", 12, null, 3),
      "Android", WeightedChoice.of("Chrome", 72, "Samsung Internet", 18, "Firefox", 4,
          "Opera", 3, null, 3));

  /**
   * Fathom's name for where a visit came from, by referrer hostname; a referrer not listed
   * (the long tail) is its own hostname without the scheme.
   */
  static final Map<String, String> REFERRER_SOURCES = Map.ofEntries(
      Map.entry("https://www.google.com", "Google"),
      Map.entry("https://t.co", "Twitter"),
      Map.entry("https://news.ycombinator.com", "Hacker News"),
      Map.entry("https://github.com", "GitHub"),
      Map.entry("https://duckduckgo.com", "DuckDuckGo"),
      Map.entry("https://www.bing.com", "Bing"),
      Map.entry("https://www.reddit.com", "Reddit"),
      Map.entry("https://www.linkedin.com", "LinkedIn"),
      Map.entry("android-app://com.slack", "Slack"),
      Map.entry("https://l.facebook.com", "Facebook"));

  /**
   * The long tail of referrers (blogs, forums, newsletters): 400 pages on 120 hosts, with
   * Zipf-like popularity, "hostname pathname" as in {@link #REFERRERS}. Enough that a day's
   * referrers are many, as a real site's are.
   */
  static final WeightedChoice REFERRER_TAIL = referrerTail();

  private static WeightedChoice referrerTail() {
    String[] words = {"dev", "data", "tech", "indie", "web", "stack", "cloud", "code", "ops",
        "weekly", "digest", "forum", "notes", "lab", "hub"};
    SplittableRandom r = new SplittableRandom(7);
    String[] values = new String[400];
    for (int i = 0; i < values.length; i++) {
      int host = i % 120;
      values[i] = "https://" + words[host % words.length] + words[(host / words.length)
          % words.length] + host + ".example.net /" + (i < 120 ? "" : "post/" + r.nextInt(10_000));
    }
    return WeightedChoice.zipf(values, 1.0);
  }

  /** Referrer hostname and pathname joined by a space; null is direct traffic. */
  static final WeightedChoice REFERRERS = WeightedChoice.of(
      null, 40, "https://www.google.com /", 24, "https://t.co /x7Fq2", 5,
      "https://news.ycombinator.com /item", 4, "https://github.com /", 4,
      "https://duckduckgo.com /", 4, "https://www.bing.com /search", 3,
      "https://www.reddit.com /r/programming", 3, "https://www.linkedin.com /feed", 2,
      "android-app://com.slack /", 1, "https://l.facebook.com /", 2, " ", 1);

  static final WeightedChoice UTM_SOURCES = WeightedChoice.of(
      "newsletter", 40, "twitter", 25, "google", 20, "producthunt", 10, "partner_site", 5);
  static final WeightedChoice UTM_MEDIUMS = WeightedChoice.of(
      "email", 40, "social", 30, "cpc", 20, "referral", 10);
  static final WeightedChoice UTM_CAMPAIGNS = WeightedChoice.of(
      "spring-sale", 30, "launch_2024", 25, "weekly-digest", 30, "50%-off", 15);
  static final WeightedChoice UTM_CONTENTS = WeightedChoice.of(
      null, 60, "banner", 20, "text-link", 15, "hero_cta", 5);
  static final WeightedChoice UTM_TERMS = WeightedChoice.of(
      null, 70, "analytics", 15, "privacy analytics", 10, "web stats", 5);
  static final WeightedChoice REFS = WeightedChoice.of("producthunt", 50, "hn", 30, "mastodon", 20);
  static final WeightedChoice KEYWORDS = WeightedChoice.of(
      "cookie free analytics", 40, "gdpr analytics", 35, "simple analytics", 25);
  static final WeightedChoice SEARCHES = WeightedChoice.of(
      "pricing", 30, "api", 25, "export csv", 20, "100%", 10, "", 15);

  /** Relative traffic by UTC hour: quiet nights, a peak in the European afternoon. */
  static final double[] HOUR_WEIGHTS = {
    2, 1.5, 1.2, 1, 1, 1.3, 2, 3, 4.5, 5.5, 6, 6.5, 7, 7.5, 8, 8, 7.5, 7, 6, 5, 4.5, 4, 3, 2.5
  };

  /** Relative traffic by day of week, Monday first. */
  static final double[] WEEKDAY_WEIGHTS = {1.1, 1.15, 1.1, 1.05, 0.95, 0.65, 0.6};
}
