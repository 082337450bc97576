package dev.sparkfathom.emulator.junit;

import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.server.FaultSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link FathomEmulator} for JUnit 5 tests, on a free port:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FathomEmulatorExtension FATHOM =
 *     new FathomEmulatorExtension(b -> b.store(new ColumnarDataStore()));
 *
 * @Test
 * void readsPageviews(FathomEmulator fathom) { ... fathom.baseUrl() ... }
 * }</pre>
 *
 * <p>Registered on a {@code static} field, one emulator serves the whole test class (started
 * before all, closed after all), which keeps tests fast; registered on an instance field, each
 * test gets a fresh one. Before each test the request log is cleared, the rate-limit counters
 * are reset and the faults go back to those of the builder, so tests do not see each other's
 * requests; the store and the clock are shared as they are (a test that changes data or the
 * clock should set what it needs itself). Test methods may take a {@link FathomEmulator}
 * parameter.
 *
 * <p>The emulator answers today's API unless the builder says otherwise: a test written
 * against the docs page's behaviour (UTC reports, no row cap, events by goal code) configures
 * {@code new FathomEmulatorExtension(b -> b.api(ApiVersion.LEGACY).store(store))}.
 */
public final class FathomEmulatorExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {
  private final Consumer<FathomEmulator.Builder> configure;
  private FathomEmulator emulator;
  private FaultSettings initialFaults;
  private boolean perTest;
  private String owner;

  /** @param configure sets up the builder; it must at least give a store */
  public FathomEmulatorExtension(Consumer<FathomEmulator.Builder> configure) {
    this.configure = Objects.requireNonNull(configure, "configure");
  }

  /** The running emulator. */
  public FathomEmulator emulator() {
    if (emulator == null) {
      throw new IllegalStateException("the emulator runs only while tests run");
    }
    return emulator;
  }

  public String baseUrl() {
    return emulator().baseUrl();
  }

  public String adminToken() {
    return emulator().adminToken();
  }

  /**
   * JUnit also calls this for each {@code @Nested} class of the registering class: they share
   * the outer class's emulator, which only the outer class's {@link #afterAll} closes.
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    if (emulator == null) {
      owner = context.getUniqueId();
      emulator = startNew();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getUniqueId().equals(owner)) {
      owner = null;
      stop();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (emulator == null) {
      perTest = true;
      emulator = startNew();
    }
    emulator.clearRequestLog();
    emulator.resetRateLimits();
    emulator.faults(initialFaults);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FathomEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return emulator();
  }

  private FathomEmulator startNew() {
    FathomEmulator.Builder b = FathomEmulator.builder();
    configure.accept(b);
    try {
      FathomEmulator e = b.start();
      initialFaults = e.faults();
      return e;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Fathom emulator", e);
    }
  }

  private void stop() {
    if (emulator != null) {
      emulator.close();
      emulator = null;
    }
  }
}
