package dev.sparkfathom.client.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A new site: name (1 to 255 characters), sharing (null means Fathom's default, none) and the
 * share password that {@code private} requires. Today's API also takes {@code timezone} (a TZ
 * database name; null: the account's default), {@code multiDomain} and {@code
 * multiDomainOption}; null leaves each to Fathom. The password never shows in {@link
 * #toString()}.
 */
public record SiteCreate(String name, Sharing sharing, String sharePassword, String timezone,
    Boolean multiDomain, MultiDomainOption multiDomainOption) {
  public SiteCreate {
    Checks.name("site", name);
    Checks.sharing(sharing, sharePassword);
    Checks.timezone(timezone);
  }

  /** A site with the docs page's attributes only. */
  public SiteCreate(String name, Sharing sharing, String sharePassword) {
    this(name, sharing, sharePassword, null, null, null);
  }

  public static SiteCreate named(String name) {
    return new SiteCreate(name, null, null);
  }

  /** The same site reported in {@code tzName} by default. */
  public SiteCreate withTimezone(String tzName) {
    return new SiteCreate(name, sharing, sharePassword, tzName, multiDomain, multiDomainOption);
  }

  /** The same site with multi-domain settings (either may be null: left to Fathom). */
  public SiteCreate withMultiDomain(Boolean enabled, MultiDomainOption option) {
    return new SiteCreate(name, sharing, sharePassword, timezone, enabled, option);
  }

  /** True when it sets an attribute only today's API knows. */
  public boolean usesCurrentAttributes() {
    return timezone != null || multiDomain != null || multiDomainOption != null;
  }

  /** The form parameters of the request, in a stable order. */
  public Map<String, String> toFormParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("name", name);
    if (sharing != null) {
      p.put("sharing", sharing.apiName());
    }
    if (sharePassword != null) {
      p.put("share_password", sharePassword);
    }
    Checks.putCurrentAttributes(p, timezone, multiDomain, multiDomainOption);
    return p;
  }

  @Override
  public String toString() {
    return "SiteCreate[name=" + name + ", sharing=" + sharing + ", sharePassword="
        + Checks.redacted(sharePassword) + ", timezone=" + timezone + ", multiDomain="
        + multiDomain + ", multiDomainOption=" + multiDomainOption + "]";
  }
}
