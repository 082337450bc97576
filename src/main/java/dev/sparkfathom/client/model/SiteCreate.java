package dev.sparkfathom.client.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A new site: name (1 to 255 characters), sharing (null means Fathom's default, none) and the
 * share password that {@code private} requires. The password never shows in {@link #toString()}.
 */
public record SiteCreate(String name, Sharing sharing, String sharePassword) {
  public SiteCreate {
    Checks.name("site", name);
    Checks.sharing(sharing, sharePassword);
  }

  public static SiteCreate named(String name) {
    return new SiteCreate(name, null, null);
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
    return p;
  }

  @Override
  public String toString() {
    return "SiteCreate[name=" + name + ", sharing=" + sharing + ", sharePassword="
        + Checks.redacted(sharePassword) + "]";
  }
}
