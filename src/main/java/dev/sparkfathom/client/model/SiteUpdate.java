package dev.sparkfathom.client.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes to a site; null leaves a part as it is, and at least one part must change. A
 * password alone (sharing null) changes the password of a site that is already private.
 * {@code timezone}, {@code multiDomain} and {@code multiDomainOption} are today's API's.
 */
public record SiteUpdate(String name, Sharing sharing, String sharePassword, String timezone,
    Boolean multiDomain, MultiDomainOption multiDomainOption) {
  public SiteUpdate {
    if (name == null && sharing == null && sharePassword == null && timezone == null
        && multiDomain == null && multiDomainOption == null) {
      throw new IllegalArgumentException("a site update must change name, sharing, share_password,"
          + " timezone, multi_domain or multi_domain_option");
    }
    if (name != null) {
      Checks.name("site", name);
    }
    Checks.sharing(sharing, sharePassword);
    Checks.timezone(timezone);
  }

  /** Changes of the docs page's attributes only. */
  public SiteUpdate(String name, Sharing sharing, String sharePassword) {
    this(name, sharing, sharePassword, null, null, null);
  }

  public static SiteUpdate rename(String name) {
    return new SiteUpdate(name, null, null);
  }

  public static SiteUpdate share(Sharing sharing, String sharePassword) {
    return new SiteUpdate(null, sharing, sharePassword);
  }

  /** Moves the site's reports to another TZ database name. */
  public static SiteUpdate timezone(String tzName) {
    return new SiteUpdate(null, null, null, tzName, null, null);
  }

  /** Changes the multi-domain settings (either may be null: left as it is). */
  public static SiteUpdate multiDomain(Boolean enabled, MultiDomainOption option) {
    return new SiteUpdate(null, null, null, null, enabled, option);
  }

  /** True when it changes an attribute only today's API knows. */
  public boolean usesCurrentAttributes() {
    return timezone != null || multiDomain != null || multiDomainOption != null;
  }

  /** The form parameters of the request, in a stable order; only the parts that change. */
  public Map<String, String> toFormParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    if (name != null) {
      p.put("name", name);
    }
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
    return "SiteUpdate[name=" + name + ", sharing=" + sharing + ", sharePassword="
        + Checks.redacted(sharePassword) + ", timezone=" + timezone + ", multiDomain="
        + multiDomain + ", multiDomainOption=" + multiDomainOption + "]";
  }
}
