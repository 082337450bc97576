package dev.sparkfathom.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.server.FaultSettings;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.SimpleDataStore;
import dev.sparkfathom.emulator.server.TestHttp;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FathomEmulatorExtensionTest {
  @RegisterExtension
  static final FathomEmulatorExtension FATHOM = new FathomEmulatorExtension(
      b -> b.store(new SimpleDataStore()).token("ci:secret:admin").rateLimits(new RateLimits(1, 100)));

  private static int firstPort;

  private static TestHttp http() {
    return new TestHttp(FATHOM.baseUrl().replaceFirst("/v1$", ""), FATHOM.adminToken());
  }

  @Test
  @Order(1)
  void firstTestUsesTheBudgetAndLeavesFaultsOn(FathomEmulator injected) {
    assertThat(injected).isSameAs(FATHOM.emulator());
    firstPort = injected.port();
    assertThat(http().get("/v1/current_visitors?site_id=X").statusCode()).isEqualTo(404);
    assertThat(FATHOM.emulator().requestLog()).hasSize(1);
    FATHOM.emulator().faults(FaultSettings.NONE.withErrorRate(1));
  }

  @Test
  @Order(2)
  void secondTestSharesTheEmulatorButStartsClean() {
    assertThat(FATHOM.emulator().port()).isEqualTo(firstPort);
    assertThat(FATHOM.emulator().requestLog()).isEmpty();
    assertThat(FATHOM.emulator().faults()).isEqualTo(FaultSettings.NONE);
    assertThat(http().get("/v1/current_visitors?site_id=X").statusCode()).isEqualTo(404); // not 429
  }

  @Nested
  class InANestedClass {
    @Test
    void nestedClassesShareTheOuterEmulator() {
      assertThat(FATHOM.emulator().port()).isEqualTo(firstPort);
      assertThat(http().get("/v1/current_visitors?site_id=X").statusCode()).isEqualTo(404);
    }
  }
}
