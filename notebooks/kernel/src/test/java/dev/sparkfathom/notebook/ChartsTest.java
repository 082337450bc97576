package dev.sparkfathom.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * Charts from rows as a DataFrame would hand them over (no Spark session needed): what the
 * summary says, that the PNG is a real image of the asked size, and marks.
 */
class ChartsTest {
  private static List<Row> daily() {
    List<Row> rows = new ArrayList<>();
    // out of order on purpose: the chart sorts by x
    rows.add(RowFactory.create(Date.valueOf("2024-03-03"), 30L, 10L));
    rows.add(RowFactory.create(Date.valueOf("2024-03-01"), 10L, 5L));
    rows.add(RowFactory.create(Date.valueOf("2024-03-02"), 50L, null));
    rows.sort((a, b) -> Charts.compareX(a.get(0), b.get(0)));
    return rows;
  }

  @Test
  void lineSummaryGivesRangeTotalsPeaksAndMarks() {
    Charts.LineChart chart = new Charts.LineChart("date", List.of("pageviews", "visits"),
        DataTypes.DateType, daily()).title("Daily").mark(LocalDate.of(2024, 3, 2), "launch");

    assertThat(chart.summary()).isEqualTo("""
        line chart 'Daily': 3 points, date 2024-03-01 .. 2024-03-03
          pageviews: total 90, peak 50 at 2024-03-02
          visits: total 15, peak 10 at 2024-03-03
          mark 'launch' at 2024-03-02""");
  }

  @Test
  void linePngIsAnImageOfTheAskedSize() throws IOException {
    byte[] png = new Charts.LineChart("date", List.of("pageviews"), DataTypes.DateType, daily())
        .size(400, 200).mark(Date.valueOf("2024-03-02"), "launch").png();

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(400);
    assertThat(image.getHeight()).isEqualTo(200);
  }

  @Test
  void barSummaryListsEveryBarInOrder() {
    Charts.BarChart chart = new Charts.BarChart("pathname", "visits", List.of(
        RowFactory.create("/", 120L), RowFactory.create("/pricing", 40L), RowFactory.create(null, 3L)));

    assertThat(chart.summary()).isEqualTo("""
        bar chart 'visits by pathname': 3 bars
          /: 120
          /pricing: 40
          null: 3""");
    assertThat(chart.image().getWidth()).isEqualTo(Charts.WIDTH);
  }

  @Test
  void numbersOnXAreAccepted() {
    Charts.LineChart chart = new Charts.LineChart("hour", List.of("visits"), DataTypes.IntegerType,
        List.of(RowFactory.create(1, 2.5), RowFactory.create(2, 4.25)));

    assertThat(chart.summary()).isEqualTo("""
        line chart 'visits by hour': 2 points, hour 1 .. 2
          visits: total 6.750, peak 4.250 at 2""");
  }

  @Test
  void markOfSomethingThatIsNotOnAnAxisIsRefused() {
    Charts.LineChart chart = new Charts.LineChart("date", List.of("pageviews"), DataTypes.DateType, daily());

    assertThatThrownBy(() -> chart.mark("2024-03-02", "launch"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Charts: cannot place java.lang.String on an axis");
  }
}
