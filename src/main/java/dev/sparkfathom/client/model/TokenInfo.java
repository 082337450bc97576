package dev.sparkfathom.client.model;

import java.util.List;
import java.util.Objects;

/**
 * What {@code GET /token} tells about the calling token: its name, its permissions
 * ({@code *}, {@code all-sites-readonly}, {@code read:<site>}, {@code manage:<site>}), the
 * token format's version and its timestamps. Never the secret: Fathom does not send it, and
 * nothing here could hold it. Parts Fathom leaves out are null.
 */
public record TokenInfo(String name, List<String> permissions, String version, String createdAt,
    String lastUsedAt) {
  public static final String FULL_ACCESS = "*";
  public static final String ALL_SITES_READ_ONLY = "all-sites-readonly";

  public TokenInfo {
    permissions = List.copyOf(Objects.requireNonNull(permissions, "permissions"));
  }

  /** True when the token may read the site's reports (aggregations, events, milestones). */
  public boolean canRead(String siteId) {
    return permissions.contains(FULL_ACCESS) || permissions.contains(ALL_SITES_READ_ONLY)
        || permissions.contains("read:" + siteId) || permissions.contains("manage:" + siteId);
  }

  /** True when the token may change the site (update, events, milestones). */
  public boolean canManage(String siteId) {
    return permissions.contains(FULL_ACCESS) || permissions.contains("manage:" + siteId);
  }

  /** True when the token may list every site and read every site's reports. */
  public boolean canReadAllSites() {
    return permissions.contains(FULL_ACCESS) || permissions.contains(ALL_SITES_READ_ONLY);
  }

  /** True for full access ({@code *}): account, site creation and deletion. */
  public boolean fullAccess() {
    return permissions.contains(FULL_ACCESS);
  }
}
