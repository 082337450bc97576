package dev.sparkfathom.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParamsAndIdsTest {
  @Test
  void formBodyFollowsQueryAndLastValueWins() {
    Params p = Params.parse("name=a&sharing=none", "name=b&x=%2F%20y&name=c");
    assertThat(p.asMap()).containsExactly(
        java.util.Map.entry("sharing", "none"), java.util.Map.entry("x", "/ y"), java.util.Map.entry("name", "c"));
  }

  @Test
  void malformedEscapeIs400() {
    assertThatThrownBy(() -> Params.parse("name=%zz", null))
        .hasMessage("malformed percent-encoding in the parameters: '%zz'");
  }

  @Test
  void slugsLikeLaravel() {
    assertThat(Ids.slug("Purchase early access")).isEqualTo("purchase-early-access");
    assertThat(Ids.slug("  Crème Brûlée — 2x! ")).isEqualTo("creme-brulee-2x");
    assertThat(Ids.slug("!!!")).isEqualTo("event");
  }

  @Test
  void eventIdsGetANumericSuffixWhenTaken() {
    Set<String> taken = Set.of("signed-up", "signed-up-2");
    assertThat(Ids.newEventId("Signed up", taken::contains)).isEqualTo("signed-up-3");
  }

  @Test
  void siteIdsAreSixUpperCaseLettersFromTheSeed() {
    String a = Ids.newSiteId(new Random(7), id -> false);
    assertThat(a).matches("[A-Z]{6}");
    assertThat(Ids.newSiteId(new Random(7), id -> false)).isEqualTo(a);
    assertThat(Ids.newSiteId(new Random(7), List.of(a)::contains)).isNotEqualTo(a).matches("[A-Z]{6}");
  }
}
