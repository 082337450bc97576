package dev.sparkfathom.emulator.server;

import java.util.Set;

/**
 * What a token may do, as the Fathom dashboard offers it: {@code admin} everything, {@code
 * read} every read of every site, {@code site=ID[,ID..]} reads of those sites only. Site
 * tokens are read-only (the docs do not say they may write; refusing is the safer guess),
 * may read the account, and see only their sites in the site list.
 */
public record Permission(Kind kind, Set<String> sites) {
  public enum Kind { ADMIN, READ, SITE }

  public static final Permission ADMIN = new Permission(Kind.ADMIN, Set.of());
  public static final Permission READ = new Permission(Kind.READ, Set.of());

  public Permission {
    sites = Set.copyOf(sites);
    if (kind == Kind.SITE && sites.isEmpty()) {
      throw new IllegalArgumentException("a site permission needs at least one site id");
    }
  }

  public static Permission sites(Set<String> siteIds) {
    return new Permission(Kind.SITE, siteIds);
  }

  public boolean mayWrite() {
    return kind == Kind.ADMIN;
  }

  /** True when this token may read the site's data (its settings, events and statistics). */
  public boolean mayRead(String siteId) {
    return kind != Kind.SITE || sites.contains(siteId);
  }

  /** The spelling used on the command line: admin, read or site=ID,ID. */
  public String spec() {
    return switch (kind) {
      case ADMIN -> "admin";
      case READ -> "read";
      case SITE -> "site=" + String.join(",", sites.stream().sorted().toList());
    };
  }
}
