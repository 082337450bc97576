package dev.sparkfathom.client.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes to a site; null leaves a part as it is, and at least one part must change. A
 * password alone (sharing null) changes the password of a site that is already private.
 */
public record SiteUpdate(String name, Sharing sharing, String sharePassword) {
  public SiteUpdate {
    if (name == null && sharing == null && sharePassword == null) {
      throw new IllegalArgumentException("a site update must change name, sharing or share_password");
    }
    if (name != null) {
      Checks.name("site", name);
    }
    Checks.sharing(sharing, sharePassword);
  }

  public static SiteUpdate rename(String name) {
    return new SiteUpdate(name, null, null);
  }

  public static SiteUpdate share(Sharing sharing, String sharePassword) {
    return new SiteUpdate(null, sharing, sharePassword);
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
    return p;
  }

  @Override
  public String toString() {
    return "SiteUpdate[name=" + name + ", sharing=" + sharing + ", sharePassword="
        + Checks.redacted(sharePassword) + "]";
  }
}
