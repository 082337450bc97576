package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.client.model.CurrentContent;
import dev.sparkfathom.client.model.CurrentReferrer;
import dev.sparkfathom.client.model.CurrentVisitors;
import dev.sparkfathom.client.model.Page;
import dev.sparkfathom.client.model.Site;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property-based tests of the decoders with hand-rolled generators from fixed seeds (so a
 * failure replays): generated answers decode to exactly the rows they were made from, and
 * damaged answers (cut anywhere, a byte changed, a span dropped or repeated, a token put in)
 * either decode or raise what the client expects of a decoder: Jackson's parse exception (a
 * damaged body, retried) or {@link BodyShapeException} (a wrong shape, final). Never another
 * exception, never a hang.
 */
class DecoderPropertiesTest {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int CASES = 120;
  private static final int MUTATIONS = 40;
  private static final String[] WORDS = {"/", "/pricing", "", "un", "Chrome", "Firefox",
      "Zürich", "東京", "a\"quote", "back\\slash", "tab\there", "line\nbreak", "😀", "\u0000x",
      "null", "12", "-0.5e3"};
  private static final char[] NOISE = "{}[]\",:0123456789.-eE+ntrufalsx\\ \u00e9".toCharArray();

  private static final AggregationQuery QUERY = AggregationQuery.pageviews("SITE")
      .apiVersion(ApiVersion.LEGACY)
      .aggregates(Aggregate.PAGEVIEWS, Aggregate.VISITS, Aggregate.AVG_DURATION, Aggregate.BOUNCE_RATE)
      .fieldGrouping(Field.PATHNAME, Field.BROWSER).dateGrouping(DateGrouping.DAY)
      .dateFrom(LocalDateTime.of(2024, 1, 1, 0, 0)).dateTo(LocalDateTime.of(2024, 12, 31, 23, 59, 59))
      .build();

  /** A generated answer: the body and the rows it must decode to. */
  private record Generated(byte[] body, List<AggregationRow> rows) {}

  private static String word(Random r) {
    int k = r.nextInt(WORDS.length + 3);
    if (k < WORDS.length) {
      return WORDS[k];
    }
    if (k == WORDS.length) {
      return null;
    }
    StringBuilder s = new StringBuilder();
    for (int i = r.nextInt(12); i > 0; i--) {
      s.appendCodePoint(r.nextInt(4) == 0 ? 0x20 + r.nextInt(0x2FFF) : 'a' + r.nextInt(26));
    }
    return s.toString();
  }

  static Generated aggregation(Random r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<AggregationRow> rows = new ArrayList<>();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      boolean listObject = r.nextBoolean();
      if (listObject) {
        g.writeStartObject();
        g.writeStringField("object", "list");
        if (r.nextBoolean()) {
          g.writeBooleanField("has_more", false);
        }
        g.writeFieldName("data");
      }
      g.writeStartArray();
      for (int i = r.nextInt(30); i > 0; i--) {
        LocalDate day = LocalDate.of(2024, 1, 1).plusDays(r.nextInt(366));
        String path = word(r);
        String browser = word(r);
        long pageviews = r.nextInt(5) == 0 ? r.nextLong() : r.nextInt(100_000);
        long visits = r.nextInt(1000);
        double duration = r.nextInt(4) == 0 ? r.nextInt(500) : r.nextDouble() * 1e4;
        Double bounce = r.nextInt(6) == 0 ? null : r.nextDouble();
        List<Runnable> keys = new ArrayList<>();
        g.writeStartObject();
        List<String[]> order = new ArrayList<>();
        order.add(new String[] {"date"});
        order.add(new String[] {"pathname"});
        order.add(new String[] {"browser"});
        order.add(new String[] {"pageviews"});
        order.add(new String[] {"visits"});
        order.add(new String[] {"avg_duration"});
        order.add(new String[] {"bounce_rate"});
        order.add(new String[] {"extra"});
        java.util.Collections.shuffle(order, r);
        for (String[] k : order) {
          switch (k[0]) {
            case "date" -> g.writeStringField("date", day.toString());
            case "pathname" -> g.writeStringField("pathname", path);
            case "browser" -> g.writeStringField("browser", browser);
            case "pageviews" -> {
              if (r.nextBoolean()) {
                g.writeNumberField("pageviews", pageviews);
              } else {
                g.writeStringField("pageviews", r.nextBoolean() ? Long.toString(pageviews) : pageviews + ".0000");
              }
            }
            case "visits" -> g.writeStringField("visits", Long.toString(visits));
            case "avg_duration" -> {
              if (r.nextBoolean()) {
                g.writeNumberField("avg_duration", duration);
              } else {
                g.writeStringField("avg_duration", Double.toString(duration));
              }
            }
            case "bounce_rate" -> {
              if (bounce == null) {
                g.writeNullField("bounce_rate");
              } else {
                g.writeNumberField("bounce_rate", bounce);
              }
            }
            default -> {
              if (r.nextBoolean()) {
                g.writeFieldName("extra");
                g.writeStartObject();
                g.writeArrayFieldStart("nested");
                g.writeNumber(1);
                g.writeEndArray();
                g.writeEndObject();
              }
            }
          }
        }
        g.writeEndObject();
        rows.add(new AggregationRow(day.atStartOfDay(), new String[] {path, browser},
            new Number[] {pageviews, visits, duration, bounce}));
      }
      g.writeEndArray();
      if (listObject) {
        g.writeEndObject();
      }
    }
    return new Generated(out.toByteArray(), rows);
  }

  static byte[] mutate(byte[] body, Random r) {
    if (body.length == 0) {
      return new byte[] {(byte) NOISE[r.nextInt(NOISE.length)]};
    }
    int at = r.nextInt(body.length);
    String s = new String(body, StandardCharsets.ISO_8859_1);
    String m = switch (r.nextInt(5)) {
      case 0 -> s.substring(0, at); // cut short
      case 1 -> s.substring(0, at) + NOISE[r.nextInt(NOISE.length)] + s.substring(at + 1); // a byte changed
      case 2 -> s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + r.nextInt(20))); // a span dropped
      case 3 -> {
        int end = Math.min(s.length(), at + 1 + r.nextInt(40));
        yield s.substring(0, end) + s.substring(at, end) + s.substring(end); // a span repeated
      }
      default -> s.substring(0, at)
          + List.of("null", "true", "{}", "[]", "\"\"", "1e999", "-", "\"x\":", ",", "\"2024-13-45\"")
              .get(r.nextInt(10)) + s.substring(at);
    };
    return m.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static <T> T decode(BodyDecoder<T> d, byte[] body) throws IOException, BodyShapeException {
    try (JsonParser p = JSON.createParser(body)) {
      return d.decode(p);
    }
  }

  /** Decodes, and fails the test on any exception but the two a decoder may raise. */
  private static <T> void decodesOrRaisesItsOwn(BodyDecoder<T> d, byte[] body, long seed) {
    try {
      decode(d, body);
    } catch (JsonProcessingException | BodyShapeException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } catch (Throwable other) {
      throw new AssertionError("seed " + seed + ": " + other + " on body "
          + new String(body, StandardCharsets.UTF_8), other);
    }
  }

  @Test
  void generatedAggregationAnswersDecodeExactly() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (long seed = 0; seed < CASES; seed++) {
        Generated g = aggregation(new Random(seed));
        assertThat(decode(new AggregationDecoder(QUERY), g.body())).as("seed %s", seed)
            .isEqualTo(g.rows());
      }
    });
  }

  @Test
  void damagedAggregationAnswersDecodeOrRaiseTheDecodersOwnException() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      int refused = 0;
      for (long seed = 0; seed < CASES; seed++) {
        Random r = new Random(seed);
        byte[] body = aggregation(r).body();
        for (int i = 0; i < MUTATIONS; i++) {
          body = i % 8 == 0 ? mutate(aggregation(r).body(), r) : mutate(body, r);
          try {
            decode(new AggregationDecoder(QUERY), body);
          } catch (JsonProcessingException | BodyShapeException e) {
            refused++;
          } catch (Throwable other) {
            throw new AssertionError("seed " + seed + " mutation " + i + ": " + other + " on body "
                + new String(body, StandardCharsets.UTF_8), other);
          }
        }
      }
      assertThat(refused).as("damaged bodies refused").isGreaterThan(CASES * MUTATIONS / 4);
    });
  }

  @Test
  void aCutAnswerIsNeverTakenForAShorterOne() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (long seed = 0; seed < CASES; seed++) {
        Random r = new Random(seed);
        Generated g = aggregation(r);
        for (int cut = 0; cut < g.body().length; cut += 1 + r.nextInt(7)) {
          byte[] part = java.util.Arrays.copyOf(g.body(), cut);
          try {
            List<AggregationRow> rows = decode(new AggregationDecoder(QUERY), part);
            throw new AssertionError("seed " + seed + ": a body cut at " + cut + " of "
                + g.body().length + " decoded to " + rows.size() + " rows");
          } catch (JsonProcessingException | BodyShapeException expected) {
            // refused, as it must be
          }
        }
      }
    });
  }

  static byte[] currentVisitors(Random r, List<CurrentVisitors> model) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<CurrentContent> content = new ArrayList<>();
    List<CurrentReferrer> referrers = new ArrayList<>();
    long total = r.nextInt(10_000);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      if (r.nextBoolean()) {
        g.writeNumberField("total", total);
      } else {
        g.writeStringField("total", Long.toString(total));
      }
      g.writeArrayFieldStart("content");
      for (int i = r.nextInt(6); i > 0; i--) {
        CurrentContent c = new CurrentContent(word(r), word(r), r.nextInt(100));
        content.add(c);
        g.writeStartObject();
        g.writeStringField("hostname", c.hostname());
        g.writeStringField("pathname", c.pathname());
        g.writeNumberField("total", c.total());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("referrers");
      for (int i = r.nextInt(6); i > 0; i--) {
        CurrentReferrer c = new CurrentReferrer(word(r), word(r), r.nextInt(100));
        referrers.add(c);
        g.writeStartObject();
        g.writeStringField("referrer_hostname", c.referrerHostname());
        g.writeStringField("referrer_pathname", c.referrerPathname());
        g.writeStringField("total", Long.toString(c.total()));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    model.add(new CurrentVisitors(total, content, referrers));
    return out.toByteArray();
  }

  @Test
  void currentVisitorsDecodeExactlyAndDamagedOnesRaiseTheDecodersOwnException() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (long seed = 0; seed < CASES; seed++) {
        Random r = new Random(seed);
        List<CurrentVisitors> model = new ArrayList<>();
        byte[] body = currentVisitors(r, model);
        assertThat(decode(new CurrentVisitorsDecoder(), body)).as("seed %s", seed).isEqualTo(model.get(0));
        for (int i = 0; i < MUTATIONS; i++) {
          decodesOrRaisesItsOwn(new CurrentVisitorsDecoder(), mutate(body, r), seed);
        }
      }
    });
  }

  static byte[] sitesPage(Random r, List<String> ids) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("object", "list");
      g.writeStringField("url", "/v1/sites");
      g.writeBooleanField("has_more", r.nextBoolean());
      g.writeArrayFieldStart("data");
      for (int i = r.nextInt(5); i > 0; i--) {
        String id = "S" + Integer.toString(r.nextInt(1 << 20), 36).toUpperCase(java.util.Locale.ROOT);
        ids.add(id);
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("object", "site");
        g.writeStringField("name", word(r));
        g.writeStringField("sharing", "none");
        g.writeStringField("created_at", "2024-03-01 10:00:00");
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  @Test
  void entityPagesDecodeTheirItemsAndDamagedOnesRaiseTheDecodersOwnException() {
    BodyDecoder<Page<Site>> sites = EntityDecoders.page("site", EntityDecoders::site);
    BodyDecoder<Site> one = EntityDecoders.one("site", "site", EntityDecoders::site);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (long seed = 0; seed < CASES; seed++) {
        Random r = new Random(seed);
        List<String> ids = new ArrayList<>();
        byte[] body = sitesPage(r, ids);
        Page<Site> page;
        try {
          page = decode(sites, body);
        } catch (BodyShapeException e) {
          throw new AssertionError("seed " + seed + ": " + e.getMessage() + " on "
              + new String(body, StandardCharsets.UTF_8), e);
        }
        assertThat(page.data()).extracting(Site::id).as("seed %s", seed).isEqualTo(ids);
        for (int i = 0; i < MUTATIONS; i++) {
          byte[] damaged = mutate(body, r);
          decodesOrRaisesItsOwn(sites, damaged, seed);
          decodesOrRaisesItsOwn(one, damaged, seed);
          decodesOrRaisesItsOwn(EntityDecoders.token(), damaged, seed);
        }
      }
    });
  }
}
