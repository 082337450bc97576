package dev.sparkfathom.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
  private static List<FaultInjector.Plan> plans(FaultInjector f, int n) {
    List<FaultInjector.Plan> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(f.next());
    }
    return out;
  }

  @Test
  void sameSeedSameFaults() {
    FaultSettings s = new FaultSettings(0.2, Duration.ofMillis(5), 0.1, 0.1, 0.1, 77);
    List<FaultInjector.Plan> a = plans(new FaultInjector(s), 200);
    List<FaultInjector.Plan> b = plans(new FaultInjector(s), 200);
    assertThat(a).isEqualTo(b);
    assertThat(a).extracting(FaultInjector.Plan::faultName)
        .contains("error", "disconnect", "truncate", "garbage", null);
    assertThat(a).allSatisfy(p -> assertThat(p.delay()).isEqualTo(Duration.ofMillis(5)));
  }

  @Test
  void settingSettingsRestartsTheSequence() {
    FaultSettings s = new FaultSettings(0.5, Duration.ZERO, 0, 0, 0, 3);
    FaultInjector f = new FaultInjector(s);
    List<FaultInjector.Plan> first = plans(f, 20);
    f.settings(s);
    assertThat(plans(f, 20)).isEqualTo(first);
  }

  @Test
  void noneNeverFaults() {
    assertThat(plans(new FaultInjector(FaultSettings.NONE), 50)).containsOnly(FaultInjector.Plan.NONE);
  }

  @Test
  void ratesAreChecked() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FaultSettings.NONE.withTruncateRate(1.5))
        .hasMessage("truncate rate must be from 0 to 1; got: 1.5");
  }
}
