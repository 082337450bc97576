package dev.sparkfathom.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.server.SimpleDataStore;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class FathomEmulatorExtensionPerTestTest {
  private static final Set<FathomEmulator> SEEN = new HashSet<>();

  @RegisterExtension
  final FathomEmulatorExtension fathom = new FathomEmulatorExtension(b -> b.store(new SimpleDataStore()));

  @RepeatedTest(2)
  void eachTestGetsItsOwnEmulator() {
    assertThat(SEEN.add(fathom.emulator())).isTrue();
  }

  @AfterAll
  static void bothWereDistinct() {
    assertThat(SEEN).hasSize(2);
  }
}
