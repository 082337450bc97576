package dev.sparkfathom.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.ApiVersion;
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
  void partitionCacheBoundTakesBytesWithBinarySuffixesAndZeroKeepsNone() {
    assertThat(parse(base()).cachePartitionBytes()).as("not given: only the JVM's bound").isEqualTo(Long.MAX_VALUE);
    assertThat(with("cache.partition_bytes", "0").cachePartitionBytes()).isZero();
    assertThat(with("cache.partition_bytes", "1500").cachePartitionBytes()).isEqualTo(1500);
    assertThat(with("cache.partition_bytes", "64k").cachePartitionBytes()).isEqualTo(64L << 10);
    assertThat(with("cache.partition_bytes", " 32 M ").cachePartitionBytes()).isEqualTo(32L << 20);
    assertThat(with("CACHE.PARTITION_BYTES", "2g").cachePartitionBytes()).isEqualTo(2L << 30);
    assertThat(with("cache.partition_bytes", "64m")).isNotEqualTo(with("cache.partition_bytes", "32m"));
  }

  @Test
  void partitionCacheBoundRefusesWhatIsNotAByteCount() {
    String accepted = "'cache.partition_bytes' must be a number of bytes from 0 to 9223372036854775807,"
        + " optionally followed by k, m or g (KiB, MiB, GiB), e.g. 64m; got: ";
    assertRefused("cache.partition_bytes", "lots", accepted + "'lots'");
    assertRefused("cache.partition_bytes", "-1", accepted + "'-1'");
    assertRefused("cache.partition_bytes", "1.5g", accepted + "'1.5g'");
    assertRefused("cache.partition_bytes", "64mb", accepted + "'64mb'");
    assertRefused("cache.partition_bytes", "99999999999999999999", accepted + "'99999999999999999999'");
    assertRefused("cache.partition_bytes", "9999999999999g", accepted + "'9999999999999g'");
  }

  @Test
  void defaultsArePageviewsWithAllAggregatesInTheSitesTimezone() {
    ReadSpec spec = parse(base());
    assertThat(spec.api()).isEqualTo(ApiVersion.CURRENT);
    assertThat(spec.timezone()).as("the site's, resolved at planning").isNull();
    assertThat(spec.timezoneGiven()).isFalse();
    assertThat(spec.withSiteTimezone(ZoneId.of("Europe/Berlin")).timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(spec.rowLimit()).isEqualTo(1000);
    assertThat(spec.hourWindowDays()).isEqualTo(7);
    assertThat(spec.client().apiVersion()).isEqualTo(ApiVersion.CURRENT);
  }

  @Test
  void legacyDefaultsArePageviewsWithAllAggregatesInUtc() {
    ReadSpec spec = with("api", "legacy");
    assertThat(spec.hourWindowDays()).isEqualTo(14);
    assertThat(spec.client().apiVersion()).isEqualTo(ApiVersion.LEGACY);
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
  void eventReadsTakeSiteAndEventName() {
    Map<String, String> m = new HashMap<>(Map.of("entity", "event", "site_id", "CDBUGS", "event", "Signed up", "token", SECRET));
    ReadSpec spec = parse(m);
    assertThat(spec.entityId()).isEqualTo("CDBUGS");
    assertThat(spec.siteId()).isEqualTo("CDBUGS");
    assertThat(spec.eventName()).isEqualTo("Signed up");
    assertThat(spec.aggregates()).containsExactly(Aggregate.CONVERSIONS, Aggregate.UNIQUE_CONVERSIONS, Aggregate.VALUE);
  }

  @Test
  void goalCodesAreRefusedTodayWithAWhy() {
    for (String key : List.of("event_id", "entity_id")) {
      Map<String, String> m = new HashMap<>(Map.of("entity", "event", key, "signed-up", "event", "x", "token", SECRET));
      assertThatThrownBy(() -> parse(m)).hasMessage("'" + key + "' ('signed-up') cannot name an event: today's"
          + " Fathom API no longer reports events by goal code, only by site and name; use 'site_id' (the"
          + " site) and 'event' (the event's name), or set 'api' to legacy for the old API");
    }
    Map<String, String> noName = new HashMap<>(Map.of("entity", "event", "site_id", "S", "token", SECRET));
    assertThatThrownBy(() -> parse(noName)).hasMessage("'event' is required for entity event: the name of"
        + " the event to report on (with 'site_id', its site)");
    assertRefused("event", "x", "'event' names an event of entity event in today's API; this read is of entity pageview");
  }

  @Test
  void todaysOptionsAreCheckedAgainstTodaysApi() {
    assertRefused("request.row_limit", "1001", "'request.row_limit' must be an integer from 1 to 1000; got: '1001'");
    assertRefused("request.row_limit", "0", "'request.row_limit' must be an integer from 1 to 1000; got: '0'");
    assertThat(with("request.row_limit", "7").rowLimit()).isEqualTo(7);
    assertRefused("window.hour_days", "8", "'window.hour_days' must be an integer from 1 to 7; got: '8'");
    assertRefused("field_grouping", "q", "'field_grouping': q is no longer a grouping field of Fathom's API"
        + " (today's API dropped q and s); set 'api' to legacy to read the old API");
    assertRefused("field_grouping", "domain", "'field_grouping' field must be one of hostname, pathname,"
        + " referrer_hostname, referrer_pathname, browser, country_code, device_type, utm_campaign, utm_content,"
        + " utm_medium, utm_source, utm_term, keyword, ref, entry_page, exit_page, referrer_source, city, state,"
        + " region, operating_system; got: 'domain' (domain can be filtered but not grouped)");
    assertThat(with("field_grouping", "entry_page,exit_page,referrer_source,city,state,region,operating_system")
        .fieldGrouping()).hasSize(7);
    assertThat(with("filters", "[{\"property\":\"domain\",\"operator\":\"matching\",\"value\":\"^shop\"}]")
        .filters()).hasSize(1);
    assertRefused("filters", "[{\"property\":\"country_code\",\"operator\":\"is like\",\"value\":\"D\"}]",
        "'filters': filter property country_code does not accept operator 'is like'; it accepts: is, is not");
    Map<String, String> m = base();
    m.put("api", "legacy");
    m.put("request.row_limit", "5");
    assertThatThrownBy(() -> parse(m)).hasMessage("'request.row_limit' applies to today's API only (the legacy"
        + " API has no row cap); remove it or set 'api' to current");
    assertRefused("api", "v2", "'api' must be one of current, legacy; got: 'v2'");
  }

  @Test
  void legacyEventReadsTakeEventIdAndEventAggregates() {
    Map<String, String> m = new HashMap<>(Map.of("entity", "event", "event_id", "signed-up", "token", SECRET, "api", "legacy"));
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
  void budgetOptionsReachTheClientAndTheirBadValuesAreNamed() {
    ReadSpec defaults = parse(base());
    assertThat(defaults.client().maxInFlight()).isEqualTo(2);
    assertThat(defaults.client().maxWait()).isEqualTo(java.time.Duration.ofMinutes(10));
    assertThat(defaults.budgetCoordinator()).isNull();
    Map<String, String> m = base();
    m.put("rate.max_in_flight", "3");
    m.put("rate.max_wait", "0");
    m.put("budget.coordinator", "jobs.example.com:7480");
    ReadSpec set = parse(m);
    assertThat(set.client().maxInFlight()).isEqualTo(3);
    assertThat(set.client().maxWait()).isZero();
    assertThat(set.budgetCoordinator()).isEqualTo("jobs.example.com:7480");
    assertThat(with("budget.coordinator", "[::1]:7480").budgetCoordinator()).isEqualTo("[::1]:7480");

    assertRefused("rate.max_in_flight", "0", "'rate.max_in_flight' must be an integer from 1 to 100; got: '0'");
    assertRefused("rate.max_wait", "10m", "'rate.max_wait' must be an integer from 0 to 86400; got: '10m'");
    assertRefused("budget.coordinator", "jobs.example.com",
        "'budget.coordinator' must be host:port with a port from 1 to 65535, e.g. coordinator.example.com:7480; got: 'jobs.example.com'");
    assertRefused("budget.coordinator", "jobs:70000",
        "'budget.coordinator' must be host:port with a port from 1 to 65535, e.g. coordinator.example.com:7480; got: 'jobs:70000'");
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
        "'field_grouping' field must be one of hostname, pathname, referrer_hostname, referrer_pathname, browser, country_code, device_type, utm_campaign, utm_content, utm_medium, utm_source, utm_term, keyword, ref, entry_page, exit_page, referrer_source, city, state, region, operating_system; got: 'path'");
    assertRefused("timezone", "Mars/Olympus",
        "'timezone' must be a TZ database name such as UTC or Europe/Berlin; got: 'Mars/Olympus'");
    assertRefused("date_from", "2024-13-01",
        "'date_from' must be a local time YYYY-MM-DD or YYYY-MM-DD HH:MM:SS; got: '2024-13-01'");
    assertRefused("date_to", "yesterday",
        "'date_to' must be a local time YYYY-MM-DD or YYYY-MM-DD HH:MM:SS; got: 'yesterday'");
    assertRefused("partitions", "0", "'partitions' must be an integer from 1 to 1000; got: '0'");
    assertRefused("partitions", "two", "'partitions' must be an integer from 1 to 1000; got: 'two'");
    assertRefused("window.day_months", "7", "'window.day_months' must be an integer from 1 to 6; got: '7'");
    assertThatThrownBy(() -> parse(new HashMap<>(Map.of("site_id", "S", "token", SECRET, "api", "legacy",
        "window.hour_days", "32")))).hasMessage("'window.hour_days' must be an integer from 1 to 31; got: '32'");
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
    Map<String, String> m = new HashMap<>(Map.of("entity", "event", "entity_id", "a/b", "token", SECRET, "api", "legacy"));
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
