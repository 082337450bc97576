package dev.sparkfathom.emulator.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulator's notion of now: rate-limit windows, {@code created_at}, the default
 * {@code date_to} and current visitors all read it. It follows the system clock until a test
 * sets it to a fixed instant or advances it, so tests of time-dependent behaviour never sleep.
 * Advancing while following the system clock shifts it by an offset; {@link #followSystem()}
 * drops both the fixed instant and the offset. Thread-safe.
 */
public final class EmulatorClock extends Clock {
  private record State(Instant fixed, Duration offset) {}

  private final Clock system;
  private final AtomicReference<State> state;

  private EmulatorClock(Clock system, State initial) {
    this.system = system;
    this.state = new AtomicReference<>(initial);
  }

  /** A clock that follows the system clock until told otherwise. */
  public static EmulatorClock system() {
    return new EmulatorClock(Clock.systemUTC(), new State(null, Duration.ZERO));
  }

  /** A clock standing still at {@code instant} until set or advanced. */
  public static EmulatorClock fixedAt(Instant instant) {
    return new EmulatorClock(
        Clock.systemUTC(), new State(Objects.requireNonNull(instant, "instant"), Duration.ZERO));
  }

  /** Stops the clock at {@code instant}. */
  public void setFixed(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    state.set(new State(instant, Duration.ZERO));
  }

  /** Moves the clock forward (or back, with a negative amount) by {@code amount}. */
  public void advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    state.updateAndGet(s -> s.fixed != null
        ? new State(s.fixed.plus(amount), Duration.ZERO)
        : new State(null, s.offset.plus(amount)));
  }

  /** Follows the system clock again, without offset. */
  public void followSystem() {
    state.set(new State(null, Duration.ZERO));
  }

  /** True while the clock stands still. */
  public boolean isFixed() {
    return state.get().fixed != null;
  }

  @Override
  public Instant instant() {
    State s = state.get();
    return s.fixed != null ? s.fixed : system.instant().plus(s.offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    EmulatorClock source = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return source.withZone(other);
      }

      @Override
      public Instant instant() {
        return source.instant();
      }
    };
  }

  @Override
  public String toString() {
    State s = state.get();
    return s.fixed != null ? "EmulatorClock[fixed at " + s.fixed + "]"
        : "EmulatorClock[system" + (s.offset.isZero() ? "" : " " + s.offset) + "]";
  }
}
