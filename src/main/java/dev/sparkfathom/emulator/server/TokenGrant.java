package dev.sparkfathom.emulator.server;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * An API token the emulator accepts: a {@code name} (what the request log records), the
 * {@code secret} sent as {@code Authorization: Bearer SECRET}, and its {@link Permission}.
 * {@link #toString()} never shows the secret.
 */
public final class TokenGrant {
  private static final String FORMAT =
      "NAME:SECRET:admin, NAME:SECRET:read or NAME:SECRET:site=SITE_ID[,SITE_ID..]";

  private final String name;
  private final String secret;
  private final Permission permission;

  public TokenGrant(String name, String secret, Permission permission) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("token name must not be empty");
    }
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("token '" + name + "' has an empty secret");
    }
    this.name = name;
    this.secret = secret;
    this.permission = Objects.requireNonNull(permission, "permission");
  }

  /**
   * Parses {@code NAME:SECRET:PERMISSION}. The secret is everything between the first and the
   * last colon, so it may hold colons itself. Messages never repeat the secret.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static TokenGrant parse(String spec) {
    if (spec == null) {
      throw new IllegalArgumentException("token must look like " + FORMAT + "; got nothing");
    }
    int first = spec.indexOf(':');
    int last = spec.lastIndexOf(':');
    if (first < 0 || first == last) {
      throw new IllegalArgumentException(
          "token must look like " + FORMAT + "; got a value with "
              + (first < 0 ? "no" : "one") + " colon");
    }
    String name = spec.substring(0, first);
    String secret = spec.substring(first + 1, last);
    String perm = spec.substring(last + 1);
    if (name.isBlank()) {
      throw new IllegalArgumentException("token must look like " + FORMAT + "; got an empty NAME");
    }
    return new TokenGrant(name, secret, parsePermission(name, perm));
  }

  private static Permission parsePermission(String name, String raw) {
    if (raw.equals("admin")) {
      return Permission.ADMIN;
    }
    if (raw.equals("read")) {
      return Permission.READ;
    }
    if (raw.startsWith("site=")) {
      Set<String> sites = new LinkedHashSet<>();
      for (String id : raw.substring("site=".length()).split(",", -1)) {
        if (id.isBlank()) {
          throw new IllegalArgumentException(
              "token '" + name + "' has an empty site id in '" + raw + "'");
        }
        sites.add(id.trim());
      }
      return Permission.sites(sites);
    }
    throw new IllegalArgumentException("token '" + name + "' has permission '" + raw
        + "'; accepted: admin, read, site=SITE_ID[,SITE_ID..]");
  }

  /** An admin token with a fresh 32-byte secret from a {@link SecureRandom}. */
  public static TokenGrant generateAdmin(String name) {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new TokenGrant(
        name, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), Permission.ADMIN);
  }

  public String name() {
    return name;
  }

  public String secret() {
    return secret;
  }

  public Permission permission() {
    return permission;
  }

  /** Compares secrets in time independent of where they differ. */
  boolean matches(String presented) {
    return presented != null
        && java.security.MessageDigest.isEqual(
            secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            presented.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenGrant t && t.name.equals(name) && t.secret.equals(secret)
        && t.permission.equals(permission);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new Object[] {name, secret, permission});
  }

  @Override
  public String toString() {
    return "TokenGrant[" + name + ", " + permission.spec() + ", secret=***]";
  }
}
