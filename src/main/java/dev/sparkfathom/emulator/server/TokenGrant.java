package dev.sparkfathom.emulator.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An API token the emulator accepts: a {@code name} (what the request log records), the
 * {@code secret} sent as {@code Authorization: Bearer SECRET}, and its {@link Permission}.
 * {@link #toString()} never shows the secret.
 */
public final class TokenGrant {
  private static final String FORMAT =
      "NAME:SECRET:admin, NAME:SECRET:read or NAME:SECRET:site=SITE_ID[,SITE_ID..]"
          + " (or NAME:SECRET:ABILITY[,ABILITY..] with today's *, all-sites-readonly,"
          + " read:SITE_ID, manage:SITE_ID)";

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
   * Parses {@code NAME:SECRET:PERMISSION}. The name ends at the first colon; the permission is
   * the shortest tail after a colon that reads as one ({@link Permission#parse}), so the secret
   * may hold colons itself and today's {@code read:SITE} / {@code manage:SITE} work. Messages
   * never repeat the secret.
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
    if (name.isBlank()) {
      throw new IllegalArgumentException("token must look like " + FORMAT + "; got an empty NAME");
    }
    for (int cut = last; cut > first; cut = spec.lastIndexOf(':', cut - 1)) {
      String perm = spec.substring(cut + 1);
      if (Permission.problem(perm) == null) {
        return new TokenGrant(name, spec.substring(first + 1, cut), Permission.parse(perm));
      }
    }
    throw new IllegalArgumentException(
        "token '" + name + "' has " + Permission.problem(spec.substring(last + 1)));
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
        && MessageDigest.isEqual(
            secret.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
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
