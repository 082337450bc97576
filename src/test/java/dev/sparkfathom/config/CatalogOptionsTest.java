package dev.sparkfathom.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogOptionsTest {
  @Test
  void optionsOfAReadArePassedThrough() {
    Map<String, String> read = Map.of("site_id", "CDBUGS", "aggregates", "visits");

    assertThat(CatalogOptions.toReadOptions(read)).isSameAs(read);
  }

  @Test
  void aSessionCatalogTableGivesItsOptionsWithoutThePrefixAndDropsSparksProperties() {
    // What Spark 4.2's V2SessionCatalog hands the source for CREATE TABLE t USING fathom
    // OPTIONS (site_id 'CDBUGS', aggregates 'visits') LOCATION ... COMMENT ...
    Map<String, String> props = new LinkedHashMap<>();
    props.put("option.site_id", "CDBUGS");
    props.put("option.Aggregates", "visits");
    props.put("site_id", "CDBUGS");
    props.put("Aggregates", "visits");
    props.put("provider", "fathom");
    props.put("owner", "someone");
    props.put("location", "file:/tmp/t");
    props.put("comment", "daily visits");
    props.put("external", "true");
    props.put("is_managed_location", "false");
    props.put("path", "file:/tmp/t");

    assertThat(CatalogOptions.toReadOptions(props))
        .containsExactly(Map.entry("site_id", "CDBUGS"), Map.entry("Aggregates", "visits"));
  }

  @Test
  void aTablePropertyThatIsNoOptionIsRefusedNotIgnored() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("option.site_id", "CDBUGS");
    props.put("site_id", "CDBUGS");
    props.put("provider", "fathom");
    props.put("team", "growth");
    props.put("aggregates", "visits"); // TBLPROPERTIES (aggregates ...): no option.aggregates

    assertThatThrownBy(() -> CatalogOptions.toReadOptions(props))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("table properties 'aggregates', 'team' of a fathom table: give the report's"
            + " settings in OPTIONS (...), not TBLPROPERTIES");
  }

  @Test
  void aBareCopyWithAnotherValueIsNotTakenForSparksCopy() {
    Map<String, String> props = Map.of("option.site_id", "CDBUGS", "site_id", "OTHER", "provider", "fathom");

    assertThatThrownBy(() -> CatalogOptions.toReadOptions(props))
        .hasMessageStartingWith("table property 'site_id' of a fathom table");
  }
}
