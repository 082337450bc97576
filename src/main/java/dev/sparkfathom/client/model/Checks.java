package dev.sparkfathom.client.model;

import dev.sparkfathom.api.TimeZones;
import java.util.Map;

/** The validations site, event and milestone writes share. */
final class Checks {
  static final int MAX_NAME = 255;

  private Checks() {}

  static String name(String what, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(what + " name is required");
    }
    int length = name.codePointCount(0, name.length());
    if (length > MAX_NAME) {
      throw new IllegalArgumentException(what + " name must be at most " + MAX_NAME
          + " characters; got: " + length);
    }
    return name;
  }

  static void sharing(Sharing sharing, String password) {
    if (sharing == Sharing.PRIVATE && (password == null || password.isEmpty())) {
      throw new IllegalArgumentException("share_password is required when sharing is private");
    }
    if (password != null && sharing != null && sharing != Sharing.PRIVATE) {
      throw new IllegalArgumentException("share_password applies only to private sharing; sharing is "
          + sharing.apiName());
    }
  }

  /** A site's timezone: null (unchanged / Fathom's default) or a TZ database name. */
  static void timezone(String timezone) {
    if (timezone != null) {
      TimeZones.parse("timezone", timezone);
    }
  }

  /** The attributes today's API added to sites, as form parameters. */
  static void putCurrentAttributes(Map<String, String> p, String timezone, Boolean multiDomain,
      MultiDomainOption multiDomainOption) {
    if (timezone != null) {
      p.put("timezone", timezone);
    }
    if (multiDomain != null) {
      p.put("multi_domain", multiDomain.toString());
    }
    if (multiDomainOption != null) {
      p.put("multi_domain_option", multiDomainOption.apiName());
    }
  }

  static String redacted(String password) {
    return password == null ? "null" : "[redacted]";
  }
}
