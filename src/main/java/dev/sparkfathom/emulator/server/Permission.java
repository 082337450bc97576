package dev.sparkfathom.emulator.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a token may do, as a set of today's abilities: {@code *} (full access), {@code
 * all-sites-readonly}, {@code read:SITE} and {@code manage:SITE} (read and change one site:
 * its settings, events and milestones). The docs page's three kinds map onto them: {@code
 * admin} is {@code *}, {@code read} is {@code all-sites-readonly}, {@code site=A,B} is {@code
 * read:A,read:B}. {@code spec} is the spelling the token was given in, for messages and the
 * command line's listing.
 *
 * <p>Rules (today's reference): full access for the account, creating and deleting sites;
 * {@code *} or {@code all-sites-readonly} to list all sites; any of {@code
 * all-sites-readonly}, {@code read:S}, {@code manage:S} to read site S (settings, events,
 * milestones, statistics); {@code manage:S} to change it. In the legacy API every write needs
 * full access and a site token sees its own sites in the list.
 */
public record Permission(Set<String> abilities, String spec) {
  static final String FULL = "*";
  static final String ALL_SITES_READONLY = "all-sites-readonly";
  static final String ACCEPTED = "admin, read, site=SITE_ID[,SITE_ID..], or a comma-separated "
      + "list of *, all-sites-readonly, read:SITE_ID, manage:SITE_ID";

  public static final Permission ADMIN = new Permission(Set.of(FULL), "admin");
  public static final Permission READ = new Permission(Set.of(ALL_SITES_READONLY), "read");

  public Permission {
    abilities = Set.copyOf(abilities);
    if (abilities.isEmpty()) {
      throw new IllegalArgumentException("a permission needs at least one ability");
    }
  }

  /** The docs page's {@code site=A,B}: reads of those sites. */
  public static Permission ofSites(Set<String> siteIds) {
    if (siteIds.isEmpty()) {
      throw new IllegalArgumentException("a site permission needs at least one site id");
    }
    Set<String> abilities = new TreeSet<>();
    siteIds.forEach(id -> abilities.add("read:" + id));
    return new Permission(abilities, "site=" + String.join(",", new TreeSet<>(siteIds)));
  }

  /**
   * Parses a permission in either spelling.
   *
   * @throws IllegalArgumentException naming what is accepted (without the token's secret)
   */
  public static Permission parse(String raw) {
    if (raw.equals("admin")) {
      return ADMIN;
    }
    if (raw.equals("read")) {
      return READ;
    }
    if (raw.startsWith("site=")) {
      Set<String> sites = new TreeSet<>();
      for (String id : raw.substring("site=".length()).split(",", -1)) {
        if (id.isBlank()) {
          throw new IllegalArgumentException("an empty site id in '" + raw + "'");
        }
        sites.add(id.trim());
      }
      return ofSites(sites);
    }
    Set<String> abilities = new TreeSet<>();
    for (String a : raw.split(",", -1)) {
      boolean site = (a.startsWith("read:") || a.startsWith("manage:"))
          && a.substring(a.indexOf(':') + 1).matches("[A-Za-z0-9_-]+");
      if (!a.equals(FULL) && !a.equals(ALL_SITES_READONLY) && !site) {
        throw new IllegalArgumentException("permission '" + raw + "'; accepted: " + ACCEPTED);
      }
      abilities.add(a);
    }
    return new Permission(abilities, raw);
  }

  /** Why {@code raw} does not parse, or null when it does. */
  static String problem(String raw) {
    try {
      parse(raw);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** Full access ({@code *}, the legacy {@code admin}). */
  public boolean full() {
    return abilities.contains(FULL);
  }

  /** The legacy API's writes: full access only. */
  public boolean mayWrite() {
    return full();
  }

  /** May list every site of the account. */
  public boolean mayListAll() {
    return full() || abilities.contains(ALL_SITES_READONLY);
  }

  /** True when this token may read the site's data (its settings, events and statistics). */
  public boolean mayRead(String siteId) {
    return mayListAll() || abilities.contains("read:" + siteId) || mayManage(siteId);
  }

  /** True when this token may change the site (settings, events, milestones). */
  public boolean mayManage(String siteId) {
    return full() || abilities.contains("manage:" + siteId);
  }

  /** The abilities in today's spelling, sorted: what {@code GET /v1/token} reports. */
  public List<String> sortedAbilities() {
    return new ArrayList<>(new TreeSet<>(abilities));
  }
}
