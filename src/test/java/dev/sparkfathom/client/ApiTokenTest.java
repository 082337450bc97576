package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.budget.TokenKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiTokenTest {
  @AfterEach
  void reset() {
    RateLimiter.resetSharedForTests();
  }

  @Test
  void theDigestIsTheWholeSha256AndTheFingerprintOnlyItsPrefix() {
    ApiToken t = ApiToken.of("abc");

    // SHA-256("abc"), the FIPS 180-2 test vector.
    assertThat(t.digest()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(t.fingerprint()).isEqualTo("ba7816bf");
  }

  @Test
  void tokensWhoseFingerprintsCollideHaveDifferentKeys() {
    ApiToken[] pair = FingerprintCollision.find();

    assertThat(pair[0]).isNotEqualTo(pair[1]);
    assertThat(pair[0].fingerprint()).isEqualTo(pair[1].fingerprint());
    assertThat(pair[0].digest()).isNotEqualTo(pair[1].digest());
    ClientConfig a = ClientConfig.defaults(pair[0]);
    ClientConfig b = ClientConfig.defaults(pair[1]);
    assertThat(a.budgetKey()).isNotEqualTo(b.budgetKey());
    assertThat(TokenKey.of(a)).isEqualTo(a.budgetKey()).isNotEqualTo(TokenKey.of(b));
    assertThat(RateLimiter.shared(a).sharesBudgetWith(RateLimiter.shared(b))).isFalse();
  }

  @Test
  void theKeyHoldsNeitherTheSecretNorAnythingShorterThanTheDigest() {
    ApiToken t = ApiToken.of("sk_live_SECRET");
    String key = ClientConfig.defaults(t).budgetKey();

    assertThat(key).doesNotContain("sk_live_SECRET")
        .isEqualTo(ClientConfig.DEFAULT_BASE_URL + "#" + t.digest());
  }
}
