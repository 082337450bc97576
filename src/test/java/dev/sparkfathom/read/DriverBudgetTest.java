package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DriverBudgetTest {
  @Test
  void theStandaloneSecretComesFromSparksConfElseTheEnvironment() {
    Map<String, String> env = Map.of("FATHOM_BUDGET_SECRET", " from-the-environment ");
    assertThat(DriverBudget.standaloneSecret("from-the-conf", env)).isEqualTo("from-the-conf");
    assertThat(DriverBudget.standaloneSecret(null, env)).isEqualTo("from-the-environment");
    assertThat(DriverBudget.standaloneSecret(" ", env)).isEqualTo("from-the-environment");
    assertThat(DriverBudget.standaloneSecret(null, Map.of())).isNull();
    assertThat(DriverBudget.standaloneSecret("", Map.of("FATHOM_BUDGET_SECRET", ""))).isNull();
  }
}
