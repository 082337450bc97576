package dev.sparkfathom.client;

import java.io.Serializable;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Fathom API token. Its {@code toString} never shows the secret, so the token can sit in
 * plans, partitions and configs that end up in logs. {@link #digest()} keys per-token state
 * (limiters, schedules, caches) without holding the secret; {@link #fingerprint()} is its short
 * prefix for messages only: 32 bits collide between tokens found by brute force in under a second,
 * so it must never key anything.
 */
public final class ApiToken implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String secret;

  private ApiToken(String secret) {
    this.secret = secret;
  }

  /**
   * @throws IllegalArgumentException when the token is empty, holds whitespace or anything but
   *     printable ASCII (an HTTP header cannot carry it; better said at load() than at the first
   *     request on an executor)
   */
  public static ApiToken of(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("the API token is empty");
    }
    if (!secret.strip().equals(secret) || secret.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("the API token must not contain whitespace");
    }
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        // Named by position only: the message must not echo any part of the secret.
        throw new IllegalArgumentException("the API token must hold only printable ASCII characters"
            + " (it is sent in an HTTP header); character " + (i + 1) + " of " + secret.length()
            + " is not");
      }
    }
    return new ApiToken(secret);
  }

  /** The secret itself: only for the Authorization header. */
  public String reveal() {
    return secret;
  }

  /**
   * The full SHA-256 of the token, 64 hex digits: names the token for keying per-token state.
   * Two tokens share it only if SHA-256 collides.
   */
  public String digest() {
    return HexFormat.of().formatHex(sha256());
  }

  /**
   * A short name of the token for messages and {@code toString}: the first 8 hex digits of its
   * SHA-256. Not unique: never key state by it (use {@link #digest()}).
   */
  public String fingerprint() {
    return HexFormat.of().formatHex(sha256(), 0, 4);
  }

  private byte[] sha256() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiToken t && MessageDigest.isEqual(
        secret.getBytes(StandardCharsets.UTF_8), t.secret.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return Objects.hash(secret);
  }

  @Override
  public String toString() {
    return "ApiToken[redacted " + fingerprint() + "]";
  }
}
