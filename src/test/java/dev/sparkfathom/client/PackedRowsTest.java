package dev.sparkfathom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.NumberInput;
import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Field;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The packed rows and the fast paths of {@link PackedDecoder}: each checked against the plain
 * way of doing the same (String's UTF-8, BigDecimal, Long.parseLong, the typed rows), over
 * seeded random inputs and the edges.
 */
class PackedRowsTest {
  private static final AggregationQuery QUERY = AggregationQuery.pageviews("SITE")
      .apiVersion(ApiVersion.LEGACY)
      .aggregates(Aggregate.PAGEVIEWS, Aggregate.AVG_DURATION)
      .fieldGrouping(Field.PATHNAME, Field.BROWSER).dateGrouping(DateGrouping.DAY)
      .dateFrom(LocalDateTime.of(2024, 1, 1, 0, 0)).dateTo(LocalDateTime.of(2024, 12, 31, 23, 59, 59))
      .build();

  private static PackedRows decode(String body) throws Exception {
    try (JsonParser p = HttpExecutor.JSON.createParser(body.getBytes(StandardCharsets.UTF_8))) {
      return new PackedDecoder(QUERY).decode(p);
    }
  }

  @Test
  void theDictionaryHoldsEachValueOnceAsStringsUtf8() {
    Random r = new Random(14);
    Utf8Dictionary d = new Utf8Dictionary();
    List<String> seen = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String s;
      if (!seen.isEmpty() && r.nextBoolean()) {
        s = seen.get(r.nextInt(seen.size()));
      } else {
        StringBuilder b = new StringBuilder();
        for (int n = r.nextInt(8); n > 0; n--) {
          int k = r.nextInt(5);
          b.appendCodePoint(k == 0 ? 0x80 + r.nextInt(0x780) : k == 1 ? 0x800 + r.nextInt(0xD000)
              : k == 2 ? 0x1F600 + r.nextInt(50) : 'a' + r.nextInt(3));
        }
        s = b.toString();
      }
      char[] padded = ("xx" + s + "yy").toCharArray();
      int id = d.idOf(padded, 2, s.length());
      int first = seen.indexOf(s);
      if (first >= 0) {
        assertThat(id).isEqualTo(ids.get(first));
      } else {
        seen.add(s);
        ids.add(id);
      }
      assertThat(d.bytes(id)).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
      assertThat(d.text(id)).isEqualTo(s);
    }
    assertThat(d.size()).isEqualTo(seen.size());
  }

  @Test
  void valuesOfEqualByteLengthButOtherTextAreNotConfused() {
    Utf8Dictionary d = new Utf8Dictionary();
    int e = d.idOf("é");
    int ab = d.idOf("ab");
    int euro = d.idOf("€");
    int abc = d.idOf("abc");
    assertThat(List.of(e, ab, euro, abc)).doesNotHaveDuplicates();
    assertThat(d.idOf("é")).isEqualTo(e);
    assertThat(d.idOf("abc")).isEqualTo(abc);
  }

  @Test
  void aLoneSurrogateIsNeverSharedAndKeepsItsText() {
    Utf8Dictionary d = new Utf8Dictionary();
    int q = d.idOf("a?");
    int lone = d.idOf("a\ud800");
    assertThat(lone).isNotEqualTo(q);
    assertThat(d.idOf("a\ud800")).isNotEqualTo(lone);
    assertThat(d.text(lone)).isEqualTo("a\ud800");
    // Spark's bytes of it are what UTF8String.fromString gives: Java's UTF-8 with '?'
    assertThat(d.bytes(lone)).isEqualTo("a\ud800".getBytes(StandardCharsets.UTF_8));
    assertThat(d.text(q)).isEqualTo("a?");
  }

  @Test
  void plainDigitStringsReadAsLongParseLongDoes() {
    Random r = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      String s = Long.toString(Math.abs(r.nextLong()) % (long) Math.pow(10, 1 + r.nextInt(18)));
      if (r.nextInt(10) == 0) {
        s = "0" + s;
      }
      char[] c = s.toCharArray();
      assertThat(PackedDecoder.digits(c, 0, c.length)).as(s)
          .isEqualTo(s.length() > 18 ? -1 : Long.parseLong(s));
    }
    for (String no : List.of("", "-1", "1.0", "1e3", "+1", " 1", "1234567890123456789", "１")) {
      assertThat(PackedDecoder.digits(no.toCharArray(), 0, no.length())).as(no).isEqualTo(-1);
    }
  }

  @Test
  void plainDecimalsReadAsBigDecimalReadsThem() {
    Random r = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      if (r.nextBoolean()) {
        b.append('-');
      }
      b.append(r.nextInt(4) == 0 ? "0" : Long.toString(r.nextLong() >>> (1 + r.nextInt(63))));
      if (r.nextInt(4) > 0) {
        b.append('.');
        for (int n = 1 + r.nextInt(17); n > 0; n--) {
          b.append((char) ('0' + r.nextInt(10)));
        }
      }
      String s = b.toString();
      if (s.length() > 30) {
        continue;
      }
      char[] c = s.toCharArray();
      assertThat(PackedDecoder.plainDecimal(c, 0, c.length)).as(s).isTrue();
      double fast = NumberInput.parseDouble(c, 0, c.length, true);
      assertThat(fast == 0 ? 0.0 : fast).as(s).isEqualTo(new BigDecimal(s).doubleValue());
    }
    for (String no : List.of("", "-", ".5", "1.", "1e5", "+1", "1.5e-3", "NaN", "Infinity", "0x10",
        "1d", " 1", "1 ", "--1", "1.2.3", "１")) {
      assertThat(PackedDecoder.plainDecimal(no.toCharArray(), 0, no.length())).as(no).isFalse();
    }
  }

  @Test
  void manyRowsCrossChunksAndDecodeAsTheTypedRowsSay() throws Exception {
    Random r = new Random(9);
    StringBuilder body = new StringBuilder("[");
    List<AggregationRow> want = new ArrayList<>();
    int n = PackedRows.CHUNK * 2 + 17;
    for (int i = 0; i < n; i++) {
      String path = r.nextInt(20) == 0 ? null : "/p" + r.nextInt(300);
      Long pv = r.nextInt(15) == 0 ? null : (long) r.nextInt(1_000_000);
      Double dur = r.nextInt(15) == 0 ? null : r.nextInt(100_000) / 100.0;
      LocalDateTime day = LocalDateTime.of(2024, 1, 1, 0, 0).plusDays(r.nextInt(300));
      body.append(i == 0 ? "" : ",").append("{\"date\":\"").append(day.toLocalDate()).append('"')
          .append(",\"pathname\":").append(path == null ? "null" : '"' + path + '"')
          .append(",\"browser\":\"Firefox\"")
          .append(",\"pageviews\":").append(pv == null ? "null" : '"' + pv.toString() + '"')
          .append(dur == null ? "" : ",\"avg_duration\":" + dur).append('}');
      want.add(new AggregationRow(day, new String[] {path, "Firefox"}, new Number[] {pv, dur}));
    }
    PackedRows rows = decode(body.append(']').toString());
    assertThat(rows.size()).isEqualTo(n);
    assertThat(rows.toRows()).isEqualTo(want);
    assertThat(rows.valueCount()).isLessThanOrEqualTo(301);
    assertThat(rows.bucketCount()).isLessThanOrEqualTo(300);
    assertThat(PackedRows.of(QUERY, want).toRows()).isEqualTo(want);
    // per row: two ids and the bucket (12), two metrics (16), a null bit; plus the dictionary
    assertThat(rows.heldBytes() / n).isBetween(28L, 40L);
  }

  @Test
  void aKeyGivenTwiceCountsAsItsLastValue() throws Exception {
    PackedRows rows = decode("[{\"date\":\"2024-01-02\",\"pageviews\":\"5\",\"pageviews\":null,"
        + "\"avg_duration\":null,\"avg_duration\":2.5,\"pathname\":\"/a\",\"pathname\":null,"
        + "\"browser\":null,\"browser\":\"x\"}]");
    assertThat(rows.toRows()).containsExactly(new AggregationRow(LocalDateTime.of(2024, 1, 2, 0, 0),
        new String[] {null, "x"}, new Number[] {null, 2.5}));
  }

  @Test
  void numbersOfEveryFormReadAsTheExactPathReadsThem() throws Exception {
    PackedRows rows = decode("[{\"date\":\"2024-01-02\",\"pageviews\":12,\"avg_duration\":\"-0.0\"},"
        + "{\"date\":\"2024-01-02\",\"pageviews\":\"12.000\",\"avg_duration\":\"1.5e2\"},"
        + "{\"date\":\"2024-01-02\",\"pageviews\":\"-3\",\"avg_duration\":7},"
        + "{\"date\":\"2024-01-02\",\"pageviews\":1.0E1,\"avg_duration\":-0.0}]");
    assertThat(rows.toRows()).extracting(r -> List.of(r.metrics())).containsExactly(
        List.of(12L, 0.0), List.of(12L, 150.0), List.of(-3L, 7.0), List.of(10L, 0.0));
    assertThat(Double.doubleToRawLongBits(rows.doubleMetric(0, 1))).isZero();
    assertThat(Double.doubleToRawLongBits(rows.doubleMetric(3, 1))).isZero();
  }

  @Test
  void refusedValuesNameTheRowAndTheMetric() {
    assertThatThrownBy(() -> decode("[{\"date\":\"2024-01-02\"},{\"date\":\"2024-01-02\",\"pageviews\":\"12.5\"}]"))
        .isInstanceOf(BodyShapeException.class)
        .hasMessage("aggregation row 1 metric 'pageviews' must be a whole number; got: '12.5'");
    assertThatThrownBy(() -> decode("[{\"date\":\"2024-01-02\",\"avg_duration\":\"fast\"}]"))
        .isInstanceOf(BodyShapeException.class)
        .hasMessage("aggregation row 0 metric 'avg_duration' is not a number; got: 'fast'");
    assertThatThrownBy(() -> decode("[{\"date\":\"2024-01-02\",\"pathname\":[1]}]"))
        .isInstanceOf(BodyShapeException.class)
        .hasMessage("aggregation row 0 'pathname' must be a string");
    assertThatThrownBy(() -> decode("[{\"pathname\":\"/\"}]"))
        .isInstanceOf(BodyShapeException.class)
        .hasMessage("aggregation row 0 has no 'date' although the query groups by day");
    assertThatThrownBy(() -> decode("[{\"date\":\"2024-01-02\"}, 3]"))
        .isInstanceOf(BodyShapeException.class)
        .hasMessage("aggregation row 1 must be a JSON object; got number");
  }
}
