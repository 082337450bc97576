package dev.sparkfathom.budget;

import dev.sparkfathom.client.ClientConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names one rate limit at the API: the base URL plus the full SHA-256 of the token, in hex.
 * Never the token itself (keys travel to the coordinator and may show up in a heap dump), and
 * never a short fingerprint (two tokens whose short fingerprints collide would share a budget).
 */
public final class TokenKey {
  private TokenKey() {}

  public static String of(ClientConfig config) {
    return config.baseUrl() + "#" + sha256(config.token().reveal());
  }

  static String sha256(String secret) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
