package dev.sparkfathom.emulator.server;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;

/**
 * New object ids. Site ids are 6 upper-case letters drawn from a seeded {@link Random} (so a
 * seeded emulator hands out the same ids again); event ids are the name slugified the way
 * Laravel's {@code Str::slug} does (accents dropped, lower case, runs of anything else turned
 * into one '-'), made unique across the account with {@code -2}, {@code -3}, ... as needed.
 */
final class Ids {
  private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private Ids() {}

  static String newSiteId(Random random, Predicate<String> taken) {
    while (true) {
      StringBuilder b = new StringBuilder(6);
      for (int i = 0; i < 6; i++) {
        b.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
      }
      String id = b.toString();
      if (!taken.test(id)) {
        return id;
      }
    }
  }

  static String slug(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
    return slug.isEmpty() ? "event" : slug;
  }

  static String newEventId(String name, Predicate<String> taken) {
    String base = slug(name);
    if (!taken.test(base)) {
      return base;
    }
    for (int n = 2; ; n++) {
      String id = base + "-" + n;
      if (!taken.test(id)) {
        return id;
      }
    }
  }
}
