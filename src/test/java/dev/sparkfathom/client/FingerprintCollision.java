package dev.sparkfathom.client;

import java.util.HashMap;
import java.util.Map;

/** Two distinct tokens whose 32-bit {@link ApiToken#fingerprint()} is the same, by brute force. */
public final class FingerprintCollision {
  private static ApiToken[] found;

  private FingerprintCollision() {}

  /** Found once per JVM (a birthday search: about 80 000 SHA-256s, well under a second). */
  public static synchronized ApiToken[] find() {
    if (found == null) {
      Map<String, String> seen = new HashMap<>();
      for (long i = 0; ; i++) {
        String secret = "collide-" + i;
        String other = seen.putIfAbsent(ApiToken.of(secret).fingerprint(), secret);
        if (other != null) {
          found = new ApiToken[] {ApiToken.of(other), ApiToken.of(secret)};
          break;
        }
      }
    }
    return found.clone();
  }
}
