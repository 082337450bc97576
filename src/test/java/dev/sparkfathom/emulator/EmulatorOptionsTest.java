package dev.sparkfathom.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.emulator.server.FaultSettings;
import dev.sparkfathom.emulator.server.Permission;
import dev.sparkfathom.emulator.server.RangeLimits;
import dev.sparkfathom.emulator.server.RateLimits;
import dev.sparkfathom.emulator.server.ResponseStyle;
import dev.sparkfathom.emulator.server.RowLimits;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmulatorOptionsTest {
  @Test
  void defaults() throws UsageException {
    EmulatorOptions o = EmulatorOptions.parse();
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.tokens()).isEmpty();
    assertThat(o.style()).isEqualTo(ResponseStyle.OBSERVED);
    assertThat(o.data()).isNull();
    assertThat(o.seed()).isEqualTo(42);
    assertThat(o.days()).isEqualTo(90);
    assertThat(o.pageviewsPerDay()).isEqualTo(2000);
    assertThat(o.live()).isFalse();
    assertThat(o.rateLimits()).isEqualTo(RateLimits.FATHOM);
    assertThat(o.rangeLimits()).isEqualTo(RangeLimits.CURRENT);
    assertThat(o.faults()).isEqualTo(FaultSettings.NONE.withSeed(42));
    assertThat(o.help()).isFalse();
    assertThat(o.api()).isEqualTo(ApiVersion.CURRENT);
    assertThat(o.rowLimits()).isEqualTo(new RowLimits(500, 1000));
    assertThat(o.concurrencyLimit()).isEqualTo(2);
  }

  @Test
  void legacyApiKeepsTheDocsPageHourRange() throws UsageException {
    EmulatorOptions o = EmulatorOptions.parse("--api", "legacy");
    assertThat(o.api()).isEqualTo(ApiVersion.LEGACY);
    assertThat(o.rangeLimits()).isEqualTo(RangeLimits.FATHOM);
    assertThat(EmulatorOptions.parse("--api=legacy", "--hour-range-days", "3").rangeLimits())
        .isEqualTo(new RangeLimits(6, 3));
  }

  @Test
  void rowAndConcurrencyLimitFlags() throws UsageException {
    EmulatorOptions o = EmulatorOptions.parse("--default-row-limit", "3", "--max-row-limit=5",
        "--concurrency-limit", "4");
    assertThat(o.rowLimits()).isEqualTo(new RowLimits(3, 5));
    assertThat(o.concurrencyLimit()).isEqualTo(4);
    assertThatThrownBy(() -> EmulatorOptions.parse("--default-row-limit", "9", "--max-row-limit", "5"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--max-row-limit (5) must be at least --default-row-limit (9)");
    assertThatThrownBy(() -> EmulatorOptions.parse("--api", "v2"))
        .hasMessage("--api must be one of current, legacy; got: 'v2'");
    assertThatThrownBy(() -> EmulatorOptions.parse("--max-row-limit", "0"))
        .hasMessage("--max-row-limit must be a whole number of at least 1; got: '0'");
  }

  @Test
  void everyFlagInBothSpellings() throws UsageException {
    EmulatorOptions o = EmulatorOptions.parse("--port", "0", "--token", "ci:s:admin", "--token=ro:t:read",
        "--style=documented", "--data", "x.jsonl", "--seed", "-5", "--days", "7", "--pageviews-per-day=10",
        "--live", "--aggregation-limit", "100", "--entity-limit", "5000", "--day-range-months", "12",
        "--hour-range-days", "14", "--fault-error-rate", "0.1", "--fault-delay-ms", "20",
        "--fault-disconnect-rate", ".2", "--fault-truncate-rate", "0.3", "--fault-garbage-rate", "1",
        "--fault-seed", "9");
    assertThat(o.port()).isZero();
    assertThat(o.tokens()).extracting(t -> t.name() + "/" + t.permission().spec()).containsExactly("ci/admin", "ro/read");
    assertThat(o.tokens().get(1).permission()).isEqualTo(Permission.READ);
    assertThat(o.style()).isEqualTo(ResponseStyle.DOCUMENTED);
    assertThat(o.data()).isEqualTo(Path.of("x.jsonl"));
    assertThat(o.seed()).isEqualTo(-5);
    assertThat(o.days()).isEqualTo(7);
    assertThat(o.pageviewsPerDay()).isEqualTo(10);
    assertThat(o.live()).isTrue();
    assertThat(o.rateLimits()).isEqualTo(new RateLimits(100, 5000));
    assertThat(o.rangeLimits()).isEqualTo(new RangeLimits(12, 14));
    assertThat(o.faults()).isEqualTo(new FaultSettings(0.1, Duration.ofMillis(20), 0.2, 0.3, 1, 9));
  }

  @Test
  void badFlagsNameTheFlagAndWhatItAccepts() {
    assertThatThrownBy(() -> EmulatorOptions.parse("--style", "fancy"))
        .hasMessage("--style must be one of observed, documented; got: 'fancy'");
    assertThatThrownBy(() -> EmulatorOptions.parse("--port", "70000"))
        .hasMessage("--port must be a whole number from 0 to 65535; got: '70000'");
    assertThatThrownBy(() -> EmulatorOptions.parse("--aggregation-limit", "0"))
        .hasMessage("--aggregation-limit must be a whole number of at least 1; got: '0'");
    assertThatThrownBy(() -> EmulatorOptions.parse("--fault-error-rate", "2"))
        .hasMessage("--fault-error-rate must be a number from 0 to 1; got: '2'");
    assertThatThrownBy(() -> EmulatorOptions.parse("--seed", "x"))
        .hasMessage("--seed must be a whole number; got: 'x'");
    assertThatThrownBy(() -> EmulatorOptions.parse("--days"))
        .hasMessage("--days needs a value");
    assertThatThrownBy(() -> EmulatorOptions.parse("--colour", "red"))
        .hasMessage("unknown flag '--colour'; see --help");
    assertThatThrownBy(() -> EmulatorOptions.parse("--live=yes"))
        .hasMessage("--live takes no value; got: 'yes'");
    assertThatThrownBy(() -> EmulatorOptions.parse("--token", "ci:hidden:owner"))
        .hasMessage("--token: token 'ci' has permission 'owner'; accepted: admin, read, "
            + "site=SITE_ID[,SITE_ID..], or a comma-separated list of *, all-sites-readonly, "
            + "read:SITE_ID, manage:SITE_ID");
    assertThatThrownBy(() -> EmulatorOptions.parse("--token", "ci:a:admin", "--token", "ci:b:read"))
        .hasMessage("--token names must be unique");
  }

  @Test
  void helpIsAFlag() throws UsageException {
    assertThat(EmulatorOptions.parse("--help").help()).isTrue();
  }

  @Test
  void toStringShowsNoSecret() throws UsageException {
    assertThat(EmulatorOptions.parse("--token", "ci:very-secret:admin").toString()).doesNotContain("very-secret");
  }
}
