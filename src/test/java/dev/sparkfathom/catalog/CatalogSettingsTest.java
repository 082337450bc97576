package dev.sparkfathom.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogSettingsTest {
  @Test
  void readOptionsAreKeptLowerCaseAndTheTableOwnOptionsWin() {
    CatalogSettings s = CatalogSettings.parse(Map.of("Token", "secret-1", "TimeZone", "Europe/Berlin",
        "cache.sites_seconds", "60"), Map.of());
    assertThat(s.cacheTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.readOptions(Map.of("site_id", "ABC"))).containsEntry("timezone", "Europe/Berlin")
        .containsEntry("site_id", "ABC").doesNotContainKey("cache.sites_seconds");
    assertThat(s.toString()).doesNotContain("secret-1");
  }

  @Test
  void optionsEachTableSetsAreRefusedNamingThem() {
    assertThatThrownBy(() -> CatalogSettings.parse(Map.of("token", "t", "aggregates", "visits"), Map.of()))
        .hasMessageStartingWith("catalog option 'aggregates' is not accepted: each table of the fathom catalog"
            + " sets it for itself; accepted catalog options: api, timezone, hour_type, date_from, date_to, partitions,");
  }

  @Test
  void badValuesFailWithTheReadPathsMessages() {
    assertThatThrownBy(() -> CatalogSettings.parse(Map.of("token", "t", "timezone", "Mars/Base"), Map.of()))
        .hasMessage("fathom catalog: 'timezone' must be a TZ database name such as UTC or Europe/Berlin; got: 'Mars/Base'");
    assertThatThrownBy(() -> CatalogSettings.parse(Map.of("token", "t", "cache.sites_seconds", "soon"), Map.of()))
        .hasMessage("'cache.sites_seconds' must be an integer from 0 to 86400; got: 'soon'");
    assertThatThrownBy(() -> CatalogSettings.parse(Map.of(), Map.of()))
        .hasMessage("fathom catalog: No API token: set option 'token.file' or 'token' (or"
            + " spark.sql.catalog.<name>.token.file, spark.sql.catalog.<name>.token), or FATHOM_API_TOKEN");
    assertThatThrownBy(() -> CatalogSettings.parse(Map.of("token", "t", "colour", "red"), Map.of()))
        .hasMessage("fathom catalog: unknown option 'colour'; accepted catalog options: " + String.join(", ",
            CatalogSettings.accepted()));
    assertThat(CatalogSettings.accepted()).contains("token", "token.file", "hour_type", "timezone", "max_requests", "cache.sites_seconds")
        .doesNotContain("field_grouping", "site_id", "entity");
  }
}
