package dev.sparkfathom.emulator.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Entity;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import dev.sparkfathom.emulator.engine.EngineQuery;
import dev.sparkfathom.emulator.engine.ResultRow;
import dev.sparkfathom.emulator.generator.DemoData;
import dev.sparkfathom.emulator.generator.DemoDataSettings;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonlTest {
  private static final String SITE =
      "{\"type\":\"site\",\"id\":\"CDBUGS\",\"name\":\"Bugs\",\"created_at\":\"2020-07-27 12:01:01\"}";
  private static final String EVENT = "{\"type\":\"event\",\"id\":\"signed-up\",\"site_id\":"
      + "\"CDBUGS\",\"name\":\"Signed up\",\"created_at\":\"2020-08-21 15:24:00\"}";

  @Test
  void exportThenLoadGivesTheSameFileAndTheSameAnswers() throws IOException {
    DemoDataSettings settings = DemoDataSettings.defaults().withDays(4).withPageviewsPerDay(800);
    ColumnarDataStore original = new ColumnarDataStore();
    DemoData.generate(original, settings);
    String exported = export(original);

    ColumnarDataStore copy = new ColumnarDataStore();
    copy.load(new StringReader(exported), true);
    assertThat(export(copy)).isEqualTo(exported);

    StringWriter streamed = new StringWriter();
    DemoData.writeJsonl(settings, streamed);
    ColumnarDataStore fromStream = new ColumnarDataStore();
    fromStream.load(new StringReader(streamed.toString()), false);
    assertThat(export(fromStream)).isEqualTo(exported);

    for (SiteRecord site : original.sites()) {
      EngineQuery q = new EngineQuery(Entity.PAGEVIEW, site.id(), Entity.PAGEVIEW.aggregates(),
          List.of(Field.PATHNAME, Field.COUNTRY_CODE, Field.ENTRY_PAGE, Field.EXIT_PAGE,
              Field.CITY), DateGrouping.HOUR,
          ZoneId.of("Europe/Berlin"), null, null,
          List.of(Filter.isNot(Field.BROWSER, "Chrome")), null, null);
      assertThat(plain(copy.aggregate(q))).isEqualTo(plain(original.aggregate(q)))
          .isNotEmpty();
      for (EventRecord event : original.events(site.id())) {
        EngineQuery e = new EngineQuery(Entity.EVENT, event.id(), Entity.EVENT.aggregates(),
            List.of(Field.REFERRER_HOSTNAME, Field.ENTRY_PAGE), DateGrouping.DAY,
            ZoneId.of("UTC"), null, null,
            List.of(), null, null);
        assertThat(plain(copy.aggregate(e))).isEqualTo(plain(original.aggregate(e)));
      }
    }
  }

  @Test
  void writesTheSpecFormatCutsFractionsAndConvertsOffsets() throws IOException {
    ColumnarDataStore store = new ColumnarDataStore();
    store.load(new StringReader(String.join("\n", SITE, EVENT,
        "{\"type\":\"pageview\",\"site_id\":\"CDBUGS\",\"timestamp\":\"2024-03-10T15:03:11.999+01:00\","
            + "\"pathname\":\"/a\",\"country_code\":null,\"new_session\":true,\"duration\":35}",
        "{\"type\":\"conversion\",\"site_id\":\"CDBUGS\",\"event_id\":\"signed-up\","
            + "\"timestamp\":\"2024-03-10T14:05:00Z\",\"unique\":true,\"value\":1999}")), false);
    assertThat(export(store)).isEqualTo(String.join("\n",
        "{\"type\":\"site\",\"id\":\"CDBUGS\",\"name\":\"Bugs\",\"sharing\":\"none\","
            + "\"created_at\":\"2020-07-27 12:01:01\"}",
        EVENT,
        "{\"type\":\"pageview\",\"site_id\":\"CDBUGS\",\"timestamp\":\"2024-03-10T14:03:11Z\","
            + "\"pathname\":\"/a\",\"new_session\":true,\"unique\":false,\"bounce\":false,"
            + "\"duration\":35}",
        "{\"type\":\"conversion\",\"site_id\":\"CDBUGS\",\"event_id\":\"signed-up\","
            + "\"timestamp\":\"2024-03-10T14:05:00Z\",\"unique\":true,\"value\":1999}",
        ""));
  }

  @Test
  void addingLoadMayReferToWhatTheStoreHolds() throws IOException {
    ColumnarDataStore store = new ColumnarDataStore();
    store.load(new StringReader(SITE + "\n" + EVENT), false);
    store.load(new StringReader("{\"type\":\"conversion\",\"site_id\":\"CDBUGS\","
        + "\"event_id\":\"signed-up\",\"timestamp\":\"2024-03-10T14:05:00Z\"}"), false);
    assertThat(store.recordCount()).isEqualTo(1);
    assertThatThrownBy(() -> store.load(new StringReader("{\"type\":\"conversion\",\"site_id\":"
        + "\"CDBUGS\",\"event_id\":\"signed-up\",\"timestamp\":\"2024-03-10T14:05:00Z\"}"), true))
        .hasMessage("line 1: conversion for unknown event 'signed-up' (define the event on an "
            + "earlier line)");
  }

  @Test
  void badLinesNameTheLineAndTheProblem() {
    assertLoadFails("{\"type\":\"pagevew\"}",
        "line 1: unknown type 'pagevew'; expected one of site, event, milestone, pageview, conversion");
    assertLoadFails(SITE + "\n{\"type\":\"pageview\",\"site_id\":\"CDBUGS\","
            + "\"timestamp\":\"2024-03-10 14:03:11\"}",
        "line 2: bad timestamp '2024-03-10 14:03:11': expected ISO-8601 with Z or an offset, "
            + "e.g. 2024-03-10T14:03:11Z");
    assertLoadFails(SITE + "\n{\"type\":\"conversion\",\"site_id\":\"CDBUGS\","
            + "\"event_id\":\"nope\",\"timestamp\":\"2024-03-10T14:03:11Z\"}",
        "line 2: conversion for unknown event 'nope' (define the event on an earlier line)");
    assertLoadFails("{\"type\":\"pageview\",\"site_id\":\"NOSUCH\","
            + "\"timestamp\":\"2024-03-10T14:03:11Z\"}",
        "line 1: a pageview for unknown site 'NOSUCH' (define the site on an earlier line)");
    assertLoadFails(SITE + "\n\n{\"type\":\"pageview\",\"site_id\":\"CDBUGS\","
            + "\"timestamp\":\"2024-03-10T14:03:11Z\",\"pathnme\":\"/a\"}",
        "line 3: unknown key 'pathnme'");
    assertLoadFails("{\"type\":\"site\",\"id\":\"X\",\"name\":\"X\",\"timestamp\":\"x\","
            + "\"created_at\":\"2020-07-27 12:01:01\"}",
        "line 1: a site has no key 'timestamp'");
    assertLoadFails("{\"type\":\"site\",\"id\":\"X\",\"created_at\":\"2020-07-27 12:01:01\"}",
        "line 1: a site needs a non-empty 'name'");
    assertLoadFails("{\"type\":\"site\",\"id\":\"X\",\"name\":\"X\","
            + "\"created_at\":\"2020-07-27T12:01:01\"}",
        "line 1: bad created_at '2020-07-27T12:01:01': expected YYYY-MM-DD HH:MM:SS in UTC");
    assertLoadFails("{\"type\":\"site\",\"id\":\"X\",\"name\":\"X\",\"sharing\":\"all\","
            + "\"created_at\":\"2020-07-27 12:01:01\"}",
        "line 1: sharing must be one of none, private, public; got: 'all'");
    assertLoadFails(SITE + "\n{\"type\":\"pageview\",\"site_id\":\"CDBUGS\","
            + "\"timestamp\":\"2024-03-10T14:03:11Z\",\"duration\":3.5}",
        "line 2: 'duration' must be a whole number; got: 3.5");
    assertLoadFails(SITE + "\n{\"type\":\"pageview\",\"site_id\":\"CDBUGS\","
            + "\"timestamp\":\"2024-03-10T14:03:11Z\",\"bounce\":\"yes\"}",
        "line 2: 'bounce' must be true or false; got: yes");
    assertLoadFails(SITE + "\n{\"type\":\"pageview\",\"site_id\":\"CDBUGS\","
            + "\"timestamp\":\"2024-03-10T14:03:11Z\",\"pathname\":7}",
        "line 2: 'pathname' must be a string or null; got: 7");
    assertLoadFails(SITE + "\n" + EVENT.replace("CDBUGS", "OTHERS"),
        "line 2: an event for unknown site 'OTHERS' (define the site on an earlier line)");
    assertLoadFails("{\"id\":\"X\"}",
        "line 1: no 'type'; expected one of site, event, milestone, pageview, conversion");
    assertLoadFails("[1,2]", "line 1: not a JSON object");
    assertLoadFails("{} {}", "line 1: more than one JSON value on the line");
  }

  @Test
  void conversionMustNameItsEventsSite() {
    String other = "{\"type\":\"site\",\"id\":\"OTHERS\",\"name\":\"O\","
        + "\"created_at\":\"2020-07-27 12:01:01\"}";
    assertLoadFails(String.join("\n", SITE, other, EVENT, "{\"type\":\"conversion\","
            + "\"site_id\":\"OTHERS\",\"event_id\":\"signed-up\","
            + "\"timestamp\":\"2024-03-10T14:03:11Z\"}"),
        "line 4: event 'signed-up' belongs to site 'CDBUGS', not 'OTHERS'");
  }

  @Test
  void brokenJsonIsReportedWithItsLine() {
    ColumnarDataStore store = new ColumnarDataStore();
    assertThatThrownBy(() -> store.load(new StringReader(SITE + "\n{\"type\":"), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("line 2: not valid JSON: ");
  }

  @Test
  void aFailedLoadLeavesTheStoreAsItWas() throws IOException {
    ColumnarDataStore store = new ColumnarDataStore();
    store.load(new StringReader(SITE), false);
    String before = export(store);
    String bad = "{\"type\":\"site\",\"id\":\"NEWONE\",\"name\":\"N\","
        + "\"created_at\":\"2020-07-27 12:01:01\"}\n{\"type\":\"nope\"}";
    assertThatThrownBy(() -> store.load(new StringReader(bad), true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.load(new StringReader(bad), false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(export(store)).isEqualTo(before);
  }

  private static void assertLoadFails(String jsonl, String message) {
    ColumnarDataStore store = new ColumnarDataStore();
    assertThatThrownBy(() -> store.load(new StringReader(jsonl), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  private static String export(ColumnarDataStore store) throws IOException {
    StringWriter out = new StringWriter();
    store.export(out);
    return out.toString();
  }

  private static List<List<Object>> plain(List<ResultRow> rows) {
    return rows.stream().map(r -> List.<Object>of(String.valueOf(r.date()),
        Arrays.asList(r.fields()), Arrays.asList(r.metrics()))).toList();
  }

  private static List<String> text(List<ResultRow> rows) {
    return rows.stream().map(r -> r.date() + " " + Arrays.toString(r.fields()) + " "
        + Arrays.toString(r.metrics())).toList();
  }

  @Test
  void todaysKeysRoundTrip() throws IOException {
    String in = String.join("\n",
        "{\"type\":\"site\",\"id\":\"CDBUGS\",\"name\":\"Bugs\",\"sharing\":\"none\","
            + "\"created_at\":\"2020-07-27 12:01:01\",\"timezone\":\"Asia/Kolkata\","
            + "\"multi_domain\":true,\"multi_domain_option\":\"separate\"}",
        "{\"type\":\"event\",\"id\":\"buy\",\"site_id\":\"CDBUGS\",\"name\":\"Buy\","
            + "\"created_at\":\"2020-08-21 15:24:00\",\"currency\":\"euro\"}",
        "{\"type\":\"milestone\",\"id\":\"0b6a8a3e-4a4f-4d2b-9f0e-1c2d3e4f5a6b\","
            + "\"site_id\":\"CDBUGS\",\"name\":\"Launch\",\"milestone_date\":\"2024-05-01\","
            + "\"created_at\":\"2024-06-01 12:00:00\"}",
        "{\"type\":\"pageview\",\"site_id\":\"CDBUGS\",\"timestamp\":\"2024-03-10T14:03:11Z\","
            + "\"pathname\":\"/a\",\"city\":\"Pune\",\"domain\":\"shop.example\","
            + "\"session_id\":\"s1\",\"new_session\":true,\"unique\":false,\"bounce\":false,"
            + "\"duration\":3}",
        "{\"type\":\"conversion\",\"site_id\":\"CDBUGS\",\"event_id\":\"buy\","
            + "\"timestamp\":\"2024-03-10T14:05:00Z\",\"session_id\":\"s1\",\"unique\":true,"
            + "\"value\":5}") + "\n";
    ColumnarDataStore store = new ColumnarDataStore();
    store.load(new StringReader(in), true);
    assertThat(export(store)).isEqualTo(in);
    assertThat(store.site("CDBUGS").orElseThrow().timezone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    assertThat(store.milestones("CDBUGS")).singleElement()
        .satisfies(m -> assertThat(m.name()).isEqualTo("Launch"));
  }

  @Test
  void derivedOrBadNewKeysAreRefused() {
    assertThatThrownBy(() -> new ColumnarDataStore().load(new StringReader(SITE + "\n"
        + "{\"type\":\"pageview\",\"site_id\":\"CDBUGS\",\"timestamp\":\"2024-03-10T14:03:11Z\","
        + "\"entry_page\":\"/\"}"), true))
        .hasMessage("line 2: 'entry_page' is derived (the first or last pathname of the "
            + "record's session_id); a record must not give it");
    assertThatThrownBy(() -> new ColumnarDataStore().load(new StringReader(
        "{\"type\":\"site\",\"id\":\"CDBUGS\",\"name\":\"Bugs\",\"created_at\":"
            + "\"2020-07-27 12:01:01\",\"timezone\":\"+02:00\"}"), true))
        .hasMessage("line 1: timezone must be a TZ database name such as UTC or Europe/London; "
            + "got: '+02:00'");
    assertThatThrownBy(() -> new ColumnarDataStore().load(new StringReader(SITE + "\n"
        + "{\"type\":\"milestone\",\"id\":\"m1\",\"site_id\":\"CDBUGS\",\"name\":\"x\","
        + "\"milestone_date\":\"May 1\",\"created_at\":\"2024-06-01 12:00:00\"}"), true))
        .hasMessage("line 2: bad milestone_date 'May 1': expected YYYY-MM-DD");
  }

  @Test
  void aSessionThatGrowsInALaterLoadMovesTheExitPageOfItsEarlierPageviews() throws IOException {
    ColumnarDataStore store = new ColumnarDataStore();
    store.load(new StringReader(SITE + "\n"
        + "{\"type\":\"pageview\",\"site_id\":\"CDBUGS\",\"timestamp\":\"2024-03-10T14:00:00Z\","
        + "\"pathname\":\"/first\",\"session_id\":\"v\"}\n"), true);
    EngineQuery q = new EngineQuery(Entity.PAGEVIEW, "CDBUGS", List.of(dev.sparkfathom.api.Aggregate.PAGEVIEWS),
        List.of(Field.PATHNAME, Field.ENTRY_PAGE, Field.EXIT_PAGE), null, ZoneId.of("UTC"), null,
        null, List.of(), null, null);
    assertThat(text(store.aggregate(q))).containsExactly("null [/first, /first, /first] [1]");
    store.load(new StringReader(
        "{\"type\":\"pageview\",\"site_id\":\"CDBUGS\",\"timestamp\":\"2024-03-10T14:05:00Z\","
        + "\"pathname\":\"/last\",\"session_id\":\"v\"}\n"
        + "{\"type\":\"pageview\",\"site_id\":\"CDBUGS\",\"timestamp\":\"2024-03-10T13:59:00Z\","
        + "\"pathname\":\"/earlier\",\"session_id\":\"v\"}\n"), false);
    assertThat(text(store.aggregate(q))).containsExactly(
        "null [/earlier, /earlier, /last] [1]", "null [/first, /earlier, /last] [1]",
        "null [/last, /earlier, /last] [1]");
  }
}
