package dev.sparkfathom.read.pushdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class BucketRangeTest {
  static final LocalDateTime JAN = LocalDateTime.parse("2024-01-01T00:00");
  static final LocalDateTime FEB = LocalDateTime.parse("2024-02-01T00:00");
  static final LocalDateTime MAR = LocalDateTime.parse("2024-03-01T00:00");

  @Test
  void emptyRangeIsRefused() {
    assertThatThrownBy(() -> new BucketRange(FEB, JAN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a bucket range must not be empty; got first 2024-02-01T00:00 after last 2024-01-01T00:00");
  }

  @Test
  void intersectionKeepsTheTighterEnds() {
    assertThat(BucketRange.from(JAN).intersect(BucketRange.upTo(FEB))).contains(new BucketRange(JAN, FEB));
    assertThat(BucketRange.ALL.intersect(BucketRange.only(FEB))).contains(BucketRange.only(FEB));
    assertThat(BucketRange.from(FEB).intersect(BucketRange.upTo(JAN))).isEmpty();
  }

  @Test
  void containsIsInclusive() {
    BucketRange r = new BucketRange(JAN, FEB);
    assertThat(r.contains(JAN)).isTrue();
    assertThat(r.contains(FEB)).isTrue();
    assertThat(r.contains(MAR)).isFalse();
    assertThat(BucketRange.ALL.contains(MAR)).isTrue();
  }

  @Test
  void hullSpansBoth() {
    assertThat(BucketRange.only(JAN).hull(BucketRange.only(MAR))).isEqualTo(new BucketRange(JAN, MAR));
    assertThat(BucketRange.upTo(JAN).hull(BucketRange.only(MAR))).isEqualTo(BucketRange.upTo(MAR));
  }

  @Test
  void describesOpenEnds() {
    assertThat(BucketRange.ALL).hasToString("all buckets");
    assertThat(BucketRange.from(JAN)).hasToString("2024-01-01T00:00 .. *");
    assertThat(BucketRange.upTo(FEB)).hasToString("* .. 2024-02-01T00:00");
  }
}
