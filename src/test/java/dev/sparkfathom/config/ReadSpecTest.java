package dev.sparkfathom.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadSpecTest {
  private static final String SECRET = "tok-SECRET-123";

  private static Map<String, String> base() {
    Map<String, String> m = new HashMap<>();
    m.put("site_id", "CDBUGS");
    m.put("token", SECRET);
    return m;
  }

  private static ReadSpec parse(Map<String, String> options) {
    return ReadSpec.parse(options, Map.of());
  }

  private static ReadSpec with(String key, String value) {
    Map<String, String> m = base();
    m.put(key, value);
    return parse(m);
  }

  private static void assertRefused(String key, String value, String message) {
    assertThatThrownBy(() -> with(key, value)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void defaultsArePageviewsWithAllAggregatesInUtc() {
    ReadSpec spec = parse(base());
    assertThat(spec.entity()).isEqualTo(Entity.PAGEVIEW);
    assertThat(spec.entityId()).isEqualTo("CDBUGS");
    assertThat(spec.aggregates()).containsExactly(Aggregate.PAGEVIEWS, Aggregate.VISITS,
        Aggregate.UNIQUES, Aggregate.AVG_DURATION, Aggregate.BOUNCE_RATE);
    assertThat(spec.fieldGrouping()).isEmpty();
    assertThat(spec.dateGrouping()).isNull();
    assertThat(spec.timezone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(spec.dateFrom()).isNull();
    assertThat(spec.dateTo()).isNull();
    assertThat(spec.partitions()).isEqualTo(1);
    assertThat(spec.maxRequests()).isEqualTo(100);
    assertThat(spec.pushdown()).isTrue();
    assertThat(spec.assumeDocumentedSemantics()).isTrue();
    assertThat(spec.client().baseUrl()).isEqualTo("https://api.usefathom.com/v1");
    assertThat(spec.client().aggregationRequestsPerMinute()).isEqualTo(10);
    assertThat(spec.client().entityRequestsPerHour()).isEqualTo(2000);
    assertThat(spec.client().readTimeout()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void keysAreCaseInsensitiveAndListsKeepTheirOrder() {
    Map<String, String> m = base();
    m.put("AGGREGATES", " visits , pageviews");
    m.put("Field_Grouping", "pathname,country_code");
    m.put("date_grouping", "Day");
    m.put("TimeZone", "Europe/Berlin");
    ReadSpec spec = parse(m);
    assertThat(spec.aggregates()).containsExactly(Aggregate.VISITS, Aggregate.PAGEVIEWS);
    assertThat(spec.fieldGrouping()).containsExactly(Field.PATHNAME, Field.COUNTRY_CODE);
    assertThat(spec.dateGrouping()).isEqualTo(DateGrouping.DAY);
    assertThat(spec.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
  }

  @Test
  void eventReadsTakeEventIdAndEventAggregates() {
    Map<String, String> m = new HashMap<>(Map.of("entity", "event", "event_id", "signed-up", "token", SECRET));
    ReadSpec spec = parse(m);
    assertThat(spec.entity()).isEqualTo(Entity.EVENT);
    assertThat(spec.entityId()).isEqualTo("signed-up");
    assertThat(spec.aggregates()).containsExactly(Aggregate.CONVERSIONS, Aggregate.UNIQUE_CONVERSIONS, Aggregate.VALUE);
  }

  @Test
  void dateOnlyBoundsCoverWholeDays() {
    Map<String, String> m = base();
    m.put("date_from", "2024-01-01");
    m.put("date_to", "2024-01-31");
    ReadSpec spec = parse(m);
    assertThat(spec.dateFrom()).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 0));
    assertThat(spec.dateTo()).isEqualTo(LocalDateTime.of(2024, 1, 31, 23, 59, 59));
    assertThat(with("date_from", "2024-02-29 13:05:09").dateFrom()).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 5, 9));
    assertThat(with("date_to", "2024-02-29T13:05:09").dateTo()).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 5, 9));
  }

  @Test
  void rawFiltersAreParsedOnce() {
    ReadSpec spec = with("filters", "[{\"property\":\"country\",\"operator\":\"is\",\"value\":\"US\"}]");
    assertThat(spec.filters()).containsExactly(Filter.is(Field.COUNTRY_CODE, "US"));
  }

  @Test
  void tokenComesFromTheEnvironmentWhenNoOptionGivesIt() {
    ReadSpec spec = ReadSpec.parse(Map.of("site_id", "X"), Map.of("FATHOM_API_TOKEN", "envtoken"));
    assertThat(spec.client().token().reveal()).isEqualTo("envtoken");
    ReadSpec option = ReadSpec.parse(Map.of("site_id", "X", "token", "opt"), Map.of("FATHOM_API_TOKEN", "envtoken"));
    assertThat(option.client().token().reveal()).isEqualTo("opt");
  }

  @Test
  void missingTokenNamesEveryPlaceToSetIt() {
    assertThatThrownBy(() -> ReadSpec.parse(Map.of("site_id", "X"), Map.of()))
        .hasMessage("No API token: set option 'token.file' or 'token' (or spark.datasource.fathom.token.file,"
            + " spark.datasource.fathom.token), or FATHOM_API_TOKEN");
  }

  @Test
  void hourTypeIsLocalByDefaultTimestampOnRequestAndNothingElse() {
    assertThat(parse(base()).hourAsTimestamp()).isFalse();
    assertThat(with("hour_type", "timestamp_ntz").hourAsTimestamp()).isFalse();
    assertThat(with("hour_type", "Timestamp").hourAsTimestamp()).isTrue();
    assertThat(with("hour_type", "timestamp")).isNotEqualTo(parse(base()));
    assertRefused("hour_type", "instant", "'hour_type' must be one of timestamp_ntz, timestamp; got: 'instant'");
  }

  @Test
  void missingEntityIdIsRefused() {
    assertThatThrownBy(() -> parse(new HashMap<>(Map.of("token", SECRET))))
        .hasMessage("'entity_id' is required: the site id to report on (or 'site_id')");
  }

  @Test
  void badValuesNameTheOptionTheValueAndWhatIsAccepted() {
    assertRefused("date_grouping", "weekly",
        "'date_grouping' must be one of hour, day, month, year; got: 'weekly'");
    assertRefused("entity", "visitor", "'entity' must be one of pageview, event; got: 'visitor'");
    assertRefused("timezone", "+02:00",
        "'timezone' must be a TZ database name such as UTC or Europe/Berlin; got: '+02:00'");
    assertRefused("aggregates", "pageviews,conversions",
        "'aggregates': aggregate for entity pageview must be one of pageviews, visits, uniques, avg_duration, bounce_rate; got: 'conversions'");
    assertRefused("aggregates", "pageviews,,visits",
        "'aggregates' must be a comma-separated list without empty items; got: 'pageviews,,visits'");
    assertRefused("aggregates", "visits,visits", "'aggregates' names visits twice");
    assertRefused("field_grouping", "path",
        "'field_grouping' field must be one of hostname, pathname, referrer_hostname, referrer_pathname, browser, country_code, device_type, utm_campaign, utm_content, utm_medium, utm_source, utm_term, keyword, q, ref, s, entry_page, exit_page, referrer_source, city, state, region, operating_system; got: 'path'");
    assertRefused("timezone", "Mars/Olympus",
        "'timezone' must be a TZ database name such as UTC or Europe/Berlin; got: 'Mars/Olympus'");
    assertRefused("date_from", "2024-13-01",
        "'date_from' must be a local time YYYY-MM-DD or YYYY-MM-DD HH:MM:SS; got: '2024-13-01'");
    assertRefused("date_to", "yesterday",
        "'date_to' must be a local time YYYY-MM-DD or YYYY-MM-DD HH:MM:SS; got: 'yesterday'");
    assertRefused("partitions", "0", "'partitions' must be an integer from 1 to 1000; got: '0'");
    assertRefused("partitions", "two", "'partitions' must be an integer from 1 to 1000; got: 'two'");
    assertRefused("window.day_months", "7", "'window.day_months' must be an integer from 1 to 6; got: '7'");
    assertRefused("window.hour_days", "32", "'window.hour_days' must be an integer from 1 to 31; got: '32'");
    assertRefused("pushdown", "yes", "'pushdown' must be true or false; got: 'yes'");
    assertRefused("pushdown.assume_documented_semantics", "1",
        "'pushdown.assume_documented_semantics' must be true or false; got: '1'");
    assertRefused("base_url", "http://api.usefathom.com/v1",
        "'base_url' may use http:// only for a loopback host (localhost, 127.0.0.1, ::1); use https:// for 'api.usefathom.com'");
    assertRefused("filters", "{\"property\":\"pathname\"}",
        "'filters' must be a JSON array of {\"property\",\"operator\",\"value\"} objects; got: {\"property\":\"pathname\"}");
  }

  @Test
  void anIdThatCouldLeaveItsPathSegmentIsRefusedAtLoad() {
    assertRefused("site_id", "..", "'site_id': site id '..' is not a valid id: it would name a directory,"
        + " not an object; an id must not be empty, '.' or '..', nor hold '/', '\\', '?', '#' or control characters");
    Map<String, String> m = new HashMap<>(Map.of("entity", "event", "entity_id", "a/b", "token", SECRET));
    assertThatThrownBy(() -> parse(m)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'entity_id': event id 'a/b' is not a valid id: it holds '/'; ");
  }

  @Test
  void aTokenWithNonAsciiCharactersIsRefusedAtLoadWithoutEchoingIt() {
    assertRefused("token", "tök\u00e9n42", "'token': the API token must hold only printable ASCII characters"
        + " (it is sent in an HTTP header); character 2 of 7 is not");
    assertThatThrownBy(() -> with("token", "tök\u00e9n42")).hasMessageNotContaining("tök");
  }

  @Test
  void partitionsWithoutDateGroupingIsRefused() {
    assertRefused("partitions", "4", "'partitions' applies only to date-grouped reads, which are split into"
        + " date windows; without 'date_grouping' a read is one request. Set 'date_grouping' (hour, day,"
        + " month or year) or drop 'partitions'");
    Map<String, String> m = base();
    m.put("partitions", "4");
    m.put("date_grouping", "day");
    assertThat(parse(m).partitions()).isEqualTo(4);
  }

  @Test
  void aSessionWidePartitionsAppliesOnlyToDateGroupedReads() {
    Map<String, String> m = base();
    m.put("partitions", "4");

    ReadSpec spec = ReadSpec.parse(m, Map.of(), Set.of("partitions"));

    assertThat(spec.dateGrouping()).isNull();
    assertThat(spec.partitions()).isEqualTo(4);
  }

  @Test
  void anUnknownKeyFromTheSessionSaysSo() {
    Map<String, String> m = base();
    m.put("aggregate", "visits");
    m.put("Field_Groupings", "pathname");

    assertThatThrownBy(() -> ReadSpec.parse(m, Map.of(), Set.of("aggregate", "token")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown options 'aggregate' (from the session setting"
            + " spark.datasource.fathom.aggregate), 'field_groupings'; accepted: entity, ");
  }

  @Test
  void theTokenCanComeFromAFileWhoseContentNoMessageShows(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("fathom-token");
    Files.writeString(file, "file-SECRET-77\n");
    Map<String, String> m = base();
    m.remove("token");
    m.put("token.file", file.toString());

    ReadSpec spec = parse(m);

    assertThat(spec.client().token().reveal()).isEqualTo("file-SECRET-77");
    assertThat(spec.toString()).doesNotContain("file-SECRET-77");
    Files.writeString(file, "bad SECRET\n");
    assertThatThrownBy(() -> parse(m)).hasMessage("'token.file': the API token must not contain whitespace")
        .hasMessageNotContaining("SECRET");
  }

  @Test
  void anUnreadableOrEmptyTokenFileIsNamedNotItsContent(@TempDir Path dir) throws Exception {
    Map<String, String> m = base();
    m.remove("token");
    m.put("token.file", dir.resolve("missing").toString());
    assertThatThrownBy(() -> parse(m)).hasMessage("'token.file': cannot read the file "
        + dir.resolve("missing") + " (NoSuchFileException)");
    Path empty = Files.writeString(dir.resolve("empty"), " \n");
    m.put("token.file", empty.toString());
    assertThatThrownBy(() -> parse(m)).hasMessage("'token.file': the file " + empty + " holds no token");
  }

  @Test
  void tokenAndTokenFileOnOneLevelAreRefusedAndTheReadsOwnWinsOverTheSessions(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("t"), "from-file");
    Map<String, String> m = base();
    m.put("token.file", file.toString());
    assertThatThrownBy(() -> parse(m)).hasMessage("give one of 'token' and 'token.file', not both");

    assertThat(ReadSpec.parse(m, Map.of(), Set.of("token")).client().token().reveal()).isEqualTo("from-file");
    assertThat(ReadSpec.parse(m, Map.of(), Set.of("token.file")).client().token().reveal()).isEqualTo(SECRET);
  }

  @Test
  void fromAfterToIsRefused() {
    Map<String, String> m = base();
    m.put("date_from", "2024-02-01");
    m.put("date_to", "2024-01-31");
    assertThatThrownBy(() -> parse(m))
        .hasMessage("'date_from' (2024-02-01) must not be after 'date_to' (2024-01-31)");
  }

  @Test
  void unknownOptionsAreRefusedNotIgnored() {
    assertRefused("aggregate", "visits", "unknown option 'aggregate'; accepted: "
        + String.join(", ", FathomOptions.ALL.stream().map(FathomOptions.Info::key).toList()));
  }

  @Test
  void aPathIsRefusedNotIgnored() {
    assertThatThrownBy(() -> with("path", "CDBUGS")).hasMessageStartingWith("unknown option 'path'; accepted: entity, ");
  }

  @Test
  void aliasesMustAgreeWithEntityId() {
    Map<String, String> m = base();
    m.put("entity_id", "OTHER");
    assertThatThrownBy(() -> parse(m))
        .hasMessage("'entity_id' ('OTHER') and 'site_id' ('CDBUGS') disagree; give one of them");
    Map<String, String> wrong = new HashMap<>(Map.of("event_id", "x", "token", SECRET));
    assertThatThrownBy(() -> parse(wrong))
        .hasMessage("'event_id' does not apply to entity pageview; use 'site_id' or 'entity_id'");
  }

  @Test
  void tokenNeverShowsInToStringOrMessages() throws Exception {
    ReadSpec spec = parse(base());
    assertThat(spec.toString()).doesNotContain(SECRET).contains("redacted");
    assertThatThrownBy(() -> with("token", "has space")).hasMessageNotContaining("has space");
    // Serializable, as it travels to executors.
    new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(spec);
  }

  @Test
  void equalOptionsGiveEqualSpecs() {
    assertThat(parse(base())).isEqualTo(parse(base())).hasSameHashCodeAs(parse(base()));
    assertThat(with("timezone", "Europe/Berlin")).isNotEqualTo(parse(base()));
  }

  @Test
  void everyOptionHasAKeyInLowerCaseAndIsListedOnce() {
    List<String> keys = FathomOptions.ALL.stream().map(FathomOptions.Info::key).toList();
    assertThat(keys).doesNotHaveDuplicates().allSatisfy(k -> assertThat(k).isLowerCase());
  }
}
