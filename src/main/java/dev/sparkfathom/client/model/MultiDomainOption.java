package dev.sparkfathom.client.model;

import java.util.Locale;

/** How a multi-domain site reports its domains: together, or each on its own. */
public enum MultiDomainOption {
  COMBINED, SEPARATE;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MultiDomainOption parse(String raw) {
    for (MultiDomainOption o : values()) {
      if (o.apiName().equals(raw)) {
        return o;
      }
    }
    throw new IllegalArgumentException("multi_domain_option must be one of combined, separate; got: "
        + (raw == null ? "nothing" : "'" + raw + "'"));
  }

  @Override
  public String toString() {
    return apiName();
  }
}
