package dev.sparkfathom.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldRulesTest {
  @Test
  void todaysGroupingFieldsAreTheReferenceList() {
    assertThat(Field.groupingFields(ApiVersion.CURRENT).stream().map(Field::apiName).sorted())
        .containsExactlyElementsOf(
            List.of("browser", "city", "country_code", "device_type", "entry_page", "exit_page",
                    "hostname", "keyword", "operating_system", "pathname", "ref",
                    "referrer_hostname", "referrer_pathname", "referrer_source", "region",
                    "state", "utm_campaign", "utm_content", "utm_medium", "utm_source",
                    "utm_term")
                .stream().sorted().toList());
  }

  @Test
  void legacyGroupingFieldsAreTheDocsPageList() {
    assertThat(Field.groupingNames(ApiVersion.LEGACY))
        .isEqualTo("hostname, pathname, referrer_hostname, referrer_pathname, browser, "
            + "country_code, device_type, utm_campaign, utm_content, utm_medium, utm_source, "
            + "utm_term, keyword, q, ref, s");
  }

  @Test
  void textPropertiesAcceptAllSixOperatorsToday() {
    for (String name : List.of("domain", "hostname", "pathname", "entry_page", "exit_page",
        "referrer_hostname", "referrer_pathname", "referrer_source", "ref", "utm_campaign",
        "utm_source", "utm_medium", "utm_content", "utm_term")) {
      assertThat(Field.parseFilterProperty(name, ApiVersion.CURRENT).operators(ApiVersion.CURRENT))
          .as(name)
          .containsExactly(FilterOperator.values());
    }
  }

  @Test
  void categoricalPropertiesAcceptOnlyIsAndIsNotToday() {
    for (String name : List.of("device_type", "operating_system", "browser", "country_code",
        "city", "state", "region")) {
      assertThat(Field.parseFilterProperty(name, ApiVersion.CURRENT).operators(ApiVersion.CURRENT))
          .as(name)
          .containsExactly(FilterOperator.IS, FilterOperator.IS_NOT);
    }
  }

  @Test
  void legacyPropertiesAcceptTheFourOldOperators() {
    assertThat(Field.DEVICE_TYPE.operators(ApiVersion.LEGACY))
        .containsExactly(FilterOperator.IS, FilterOperator.IS_NOT, FilterOperator.IS_LIKE,
            FilterOperator.IS_NOT_LIKE);
    assertThat(Field.CITY.operators(ApiVersion.LEGACY)).isEmpty();
    assertThat(Field.DOMAIN.filterable(ApiVersion.LEGACY)).isFalse();
  }

  @Test
  void domainIsFilteredButNeverGrouped() {
    assertThat(Field.DOMAIN.filterable(ApiVersion.CURRENT)).isTrue();
    assertThat(Field.DOMAIN.groupable(ApiVersion.CURRENT)).isFalse();
    assertThatThrownBy(() -> Field.parse("domain", ApiVersion.CURRENT))
        .hasMessageEndingWith("got: 'domain' (domain can be filtered but not grouped)");
    assertThatThrownBy(() -> Field.parse("domain")).hasMessageContaining("got: 'domain'");
  }

  @Test
  void keywordIsGroupedButNeverFiltered() {
    assertThat(Field.KEYWORD.groupable(ApiVersion.CURRENT)).isTrue();
    assertThatThrownBy(() -> Field.KEYWORD.checkOperator(FilterOperator.IS, ApiVersion.CURRENT))
        .hasMessageStartingWith("filter property keyword cannot be filtered; filterable properties: ");
  }

  @Test
  void qAndSAreGoneToday() {
    assertThat(Field.Q.exists(ApiVersion.CURRENT)).isFalse();
    assertThat(Field.S.groupable(ApiVersion.CURRENT)).isFalse();
    assertThat(Field.S.groupable(ApiVersion.LEGACY)).isTrue();
    assertThatThrownBy(() -> Field.parse("q", ApiVersion.CURRENT))
        .hasMessageStartingWith("field_grouping field must be one of hostname, pathname,")
        .hasMessageEndingWith("; got: 'q'");
  }

  @Test
  void anOperatorAPropertyDoesNotAcceptIsNamedWithTheAcceptedOnes() {
    assertThatThrownBy(
            () -> Field.DEVICE_TYPE.checkOperator(FilterOperator.IS_LIKE, ApiVersion.CURRENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("filter property device_type does not accept operator 'is like'; it accepts: is, is not");
    Field.PATHNAME.checkOperator(FilterOperator.MATCHING, ApiVersion.CURRENT);
    assertThatThrownBy(
            () -> Field.PATHNAME.checkOperator(FilterOperator.MATCHING, ApiVersion.LEGACY))
        .hasMessage("filter property pathname does not accept operator 'matching'; it accepts: is, is not, is like, is not like");
  }

  @Test
  void operatorsThatKeepNulls() {
    assertThat(List.of(FilterOperator.values()).stream().filter(FilterOperator::keepsNulls))
        .containsExactly(FilterOperator.IS_NOT, FilterOperator.IS_NOT_LIKE, FilterOperator.NOT_MATCHING);
  }

  @Test
  void countryIsTheAliasOfCountryCodeInBothRevisions() {
    assertThat(Field.parseFilterProperty("country", ApiVersion.CURRENT)).isEqualTo(Field.COUNTRY_CODE);
    assertThat(Field.parseFilterProperty("country", ApiVersion.LEGACY)).isEqualTo(Field.COUNTRY_CODE);
    assertThatThrownBy(() -> Field.parseFilterProperty("city", ApiVersion.LEGACY))
        .hasMessageEndingWith("; got: 'city'");
  }
}
