package dev.sparkfathom.cache;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The name of one cached answer: SHA-256 over the scope and the full request (base URL, API
 * revision, path, every parameter in order, and whatever else decides the answer, such as the
 * window the partition owns and how it reads past the row cap). The token is never part of the
 * request text.
 *
 * <p>Scope: the API tells a restricted token nothing about its account ({@code GET /token} has
 * no account id; {@code GET /account} needs full access and would cost a request on every cold
 * JVM, breaking "a repeated read costs zero requests"). So the scope is the token's SHA-256
 * digest ({@link dev.sparkfathom.client.ApiToken#digest()}): stricter than the account (two
 * tokens of one account do not share entries, which costs a refetch, never a leak), and two
 * tokens of different accounts can never share. Only the digest's hash enters the key; the
 * digest itself is not written anywhere.
 *
 * @param hex 64 hex digits
 */
public record CacheKey(String hex) implements Serializable {
  static final String VERSION = "sparkfathom-cache-key-1";

  public CacheKey {
    Objects.requireNonNull(hex, "hex");
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a cache key is 64 lower-case hex digits; got: '" + hex + "'");
    }
  }

  /**
   * @param scope the token's digest
   * @param endpoint base URL, API revision and path
   * @param parameters the request's query parameters, in the order they are sent
   * @param extras what else decides the partition's answer (window, zone, row-cap reading)
   */
  public static CacheKey of(String scope, String endpoint, Map<String, String> parameters, List<String> extras) {
    MessageDigest sha = sha256();
    field(sha, VERSION);
    field(sha, Objects.requireNonNull(scope, "scope"));
    field(sha, endpoint);
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      field(sha, e.getKey());
      field(sha, e.getValue());
    }
    field(sha, "--");
    for (String x : extras) {
      field(sha, x);
    }
    return new CacheKey(HexFormat.of().formatHex(sha.digest()));
  }

  /** Length-prefixed, so no two different requests hash the same text. */
  private static void field(MessageDigest sha, String s) {
    byte[] b = String.valueOf(s).getBytes(StandardCharsets.UTF_8);
    sha.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
    sha.update(b);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  @Override
  public String toString() {
    return hex;
  }
}
