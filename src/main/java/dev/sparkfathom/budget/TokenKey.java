package dev.sparkfathom.budget;

import dev.sparkfathom.client.ClientConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names one rate limit at the API for the coordinator: {@link ClientConfig#budgetKey()}, the base
 * URL plus the token's full {@link dev.sparkfathom.client.ApiToken#digest()} (the one home of that
 * rule). Never the token itself (keys travel to the coordinator and may show up in a heap dump),
 * and never a short fingerprint (two tokens whose short fingerprints collide would share a budget).
 */
public final class TokenKey {
  private TokenKey() {}

  public static String of(ClientConfig config) {
    return config.budgetKey();
  }

  /** The SHA-256 of another secret (a coordinator's), in hex: names it without revealing it. */
  static String sha256(String secret) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
