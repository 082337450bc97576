package dev.sparkfathom.read.pushdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.api.DateGrouping;
import dev.sparkfathom.api.Field;
import dev.sparkfathom.api.Filter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.StringStartsWith;
import org.junit.jupiter.api.Test;

class FilterTranslationTest {
  static final PushdownContext CTX = new PushdownContext(
      List.of(Field.PATHNAME), DateGrouping.DAY, ZoneId.of("Europe/Berlin"), true);

  @Test
  void translationSurvivesJavaSerialization() throws IOException, ClassNotFoundException {
    FilterTranslation t = FilterTranslator.translate(new org.apache.spark.sql.sources.Filter[] {
        new EqualTo("pathname", "/"), new StringStartsWith("pathname", "/b"),
        new GreaterThanOrEqual("date", LocalDate.of(2024, 3, 1)),
        new In("pathname", new Object[] {"/a", "/b"}), new GreaterThan("pageviews", 1L)}, CTX);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(t);
      out.writeObject(CTX);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(t);
      assertThat(in.readObject()).isEqualTo(CTX);
    }
  }

  @Test
  void handBuiltTranslationDerivesItsClassifications() {
    EqualTo exact = new EqualTo("pathname", "/");
    StringStartsWith widening = new StringStartsWith("pathname", "/b");
    GreaterThan kept = new GreaterThan("pageviews", 1L);
    FilterTranslation t = new FilterTranslation(List.of(Filter.is(Field.PATHNAME, "/")), BucketRange.ALL,
        false, List.of(exact, widening), List.of(widening, kept));
    assertThat(t.classifications()).containsExactly(
        new FilterClassification(exact, PushKind.EXACT, ""),
        new FilterClassification(widening, PushKind.WIDENING, ""),
        new FilterClassification(kept, PushKind.KEPT, ""));
    assertThat(t.fullyExact()).isFalse();
  }

  @Test
  void classificationDescribesItself() {
    assertThat(new FilterClassification(new EqualTo("pathname", "/"), PushKind.EXACT, "pathname is '/'"))
        .hasToString("EqualTo(pathname,/): exact (pathname is '/')");
  }

  @Test
  void contextNeedsAZone() {
    assertThatThrownBy(() -> new PushdownContext(List.of(), null, null, true))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("zone");
  }

  @Test
  void translationIsTheSameWhateverTheOrderOfTheFilters() {
    org.apache.spark.sql.sources.Filter a = new EqualTo("pathname", "/");
    org.apache.spark.sql.sources.Filter b = new org.apache.spark.sql.sources.IsNotNull("pathname");
    org.apache.spark.sql.sources.Filter c = new GreaterThanOrEqual("date", LocalDate.of(2024, 3, 1));
    FilterTranslation abc = FilterTranslator.translate(new org.apache.spark.sql.sources.Filter[] {a, b, c}, CTX);
    FilterTranslation cba = FilterTranslator.translate(new org.apache.spark.sql.sources.Filter[] {c, b, a}, CTX);
    assertThat(cba.fathomFilters()).isEqualTo(abc.fathomFilters());
    assertThat(cba.dateRange()).isEqualTo(abc.dateRange());
    assertThat(cba.postScan()).isEqualTo(abc.postScan()).isEmpty();
  }
}
