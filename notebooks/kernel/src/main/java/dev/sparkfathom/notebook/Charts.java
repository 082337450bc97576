package dev.sparkfathom.notebook;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * One-line charts of a DataFrame for notebooks: {@code Charts.line(daily, "date", "pageviews",
 * "visits")} draws each numeric column against a date, timestamp or number column, sorted by it;
 * {@code Charts.bar(top, "pathname", "visits")} draws one bar per row, in the DataFrame's order.
 * The result shows itself when it is a cell's last expression in the spark-fathom kernel, and
 * gives {@link ChartView#png()} or {@link ChartView#image()} anywhere else (JJava: {@code
 * display(chart.image())}). Dates are drawn in UTC with English labels, whatever the JVM's
 * defaults, so a chart does not change with the machine it runs on.
 */
public final class Charts {
  static final int WIDTH = 900;
  static final int HEIGHT = 420;
  /** Rows a chart collects to the driver at most; a chart of more would be unreadable anyway. */
  static final int MAX_ROWS = 10_000;

  private Charts() {}

  /** A line per numeric column in {@code ys} against {@code x}, sorted by x. */
  public static LineChart line(Dataset<Row> df, String x, String... ys) {
    Objects.requireNonNull(df, "df");
    if (ys.length == 0) {
      throw new IllegalArgumentException("Charts.line needs at least one column to draw against '"
          + x + "'; numeric columns: " + numericColumns(df));
    }
    StructField xField = field(df, x, "x");
    if (!(xField.dataType() instanceof DateType || xField.dataType() instanceof TimestampType
        || xField.dataType() instanceof NumericType)) {
      throw new IllegalArgumentException("Charts.line: x column '" + x + "' must be a date, timestamp"
          + " or number; got: " + xField.dataType().simpleString());
    }
    for (String y : ys) {
      numeric(df, y);
    }
    List<Row> rows = collect(df.select(x, ys));
    rows.sort((a, b) -> compareX(a.get(0), b.get(0)));
    return new LineChart(x, List.of(ys), xField.dataType(), rows);
  }

  /** One bar per row: {@code category} (any column, shown as text) against numeric {@code value}. */
  public static BarChart bar(Dataset<Row> df, String category, String value) {
    Objects.requireNonNull(df, "df");
    field(df, category, "category");
    numeric(df, value);
    return new BarChart(category, value, collect(df.select(category, value)));
  }

  private static List<Row> collect(Dataset<Row> df) {
    List<Row> rows = new ArrayList<>(df.limit(MAX_ROWS + 1).collectAsList());
    if (rows.size() > MAX_ROWS) {
      throw new IllegalArgumentException("Charts draw at most " + MAX_ROWS
          + " rows; aggregate or filter the DataFrame first");
    }
    return rows;
  }

  private static StructField field(Dataset<Row> df, String name, String role) {
    for (StructField f : df.schema().fields()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("Charts: no " + role + " column '" + name + "'; columns: "
        + Arrays.toString(df.columns()));
  }

  private static void numeric(Dataset<Row> df, String name) {
    DataType t = field(df, name, "value").dataType();
    if (!(t instanceof NumericType)) {
      throw new IllegalArgumentException("Charts: column '" + name + "' must be numeric; got: "
          + t.simpleString() + "; numeric columns: " + numericColumns(df));
    }
  }

  private static List<String> numericColumns(Dataset<Row> df) {
    return Arrays.stream(df.schema().fields()).filter(f -> f.dataType() instanceof NumericType)
        .map(StructField::name).toList();
  }

  /** Orders x values: nulls last; dates and timestamps as instants, numbers by value. */
  static int compareX(Object a, Object b) {
    Object x = xValue(a);
    Object y = xValue(b);
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : 1) : -1;
    }
    if (x instanceof Instant i && y instanceof Instant j) {
      return i.compareTo(j);
    }
    return Double.compare(((Number) x).doubleValue(), ((Number) y).doubleValue());
  }

  /** A date, timestamp or number as a point on the axis: dates and timestamps as instants. */
  static Object xValue(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (v instanceof LocalDate d) {
      return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (v instanceof Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC);
    }
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("Charts: cannot place " + v.getClass().getName() + " on an axis");
  }

  private static double number(Object v) {
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
  }

  /** A chart that can be shown in a notebook or written as a PNG. */
  public abstract static class ChartView implements Display.Renderable {
    protected String title = "";
    protected int width = WIDTH;
    protected int height = HEIGHT;

    abstract Chart<?, ?> build();

    @Override
    public byte[] png() {
      try {
        return BitmapEncoder.getBitmapBytes(build(), BitmapEncoder.BitmapFormat.PNG);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot encode the chart as PNG: " + e.getMessage(), e);
      }
    }

    public BufferedImage image() {
      return BitmapEncoder.getBufferedImage(build());
    }

    /** Shows the chart in the cell's output (the spark-fathom kernel only). */
    public void show() {
      Display.show(this);
    }

    @Override
    public String toString() {
      return summary();
    }

    static void style(Styler s) {
      s.setChartBackgroundColor(Color.WHITE);
      s.setLegendPosition(Styler.LegendPosition.InsideNW);
      s.setAntiAlias(true);
    }
  }

  /** Lines against a date, timestamp or number; {@link #mark} adds labelled vertical lines. */
  public static final class LineChart extends ChartView {
    private final String x;
    private final List<String> ys;
    private final DataType xType;
    private final List<Row> rows;
    private final List<Object[]> marks = new ArrayList<>();

    LineChart(String x, List<String> ys, DataType xType, List<Row> rows) {
      this.x = x;
      this.ys = ys;
      this.xType = xType;
      this.rows = rows;
      this.title = String.join(", ", ys) + " by " + x;
    }

    public LineChart title(String t) {
      this.title = Objects.requireNonNull(t, "title");
      return this;
    }

    public LineChart size(int w, int h) {
      this.width = w;
      this.height = h;
      return this;
    }

    /** A vertical line at {@code at} (a LocalDate, date, timestamp or number) with a label. */
    public LineChart mark(Object at, String label) {
      marks.add(new Object[] {xValue(Objects.requireNonNull(at, "at")), Objects.requireNonNull(label, "label")});
      return this;
    }

    private boolean temporal() {
      return xType instanceof DateType || xType instanceof TimestampType;
    }

    private double axis(Object comparable) {
      return comparable instanceof Instant i ? i.toEpochMilli() : ((Number) comparable).doubleValue();
    }

    @Override
    XYChart build() {
      XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(x)
          .yAxisTitle(ys.size() == 1 ? ys.get(0) : "").build();
      style(chart.getStyler());
      chart.getStyler().setTimezone(TimeZone.getTimeZone(ZoneOffset.UTC));
      chart.getStyler().setLocale(Locale.ENGLISH);
      chart.getStyler().setDatePattern(xType.equals(DataTypes.TimestampType) ? "MM-dd HH:mm" : "yyyy-MM-dd");
      chart.getStyler().setMarkerSize(rows.size() > 60 ? 0 : 4);
      chart.getStyler().setXAxisLabelRotation(0);
      chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
      chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
      double top = 0;
      for (int i = 0; i < ys.size(); i++) {
        List<Object> xs = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Row r : rows) {
          Object v = r.get(0);
          if (v == null) {
            continue;
          }
          Object c = xValue(v);
          xs.add(c instanceof Instant inst ? Date.from(inst) : (Object) Double.valueOf(axis(c)));
          double y = number(r.get(i + 1));
          values.add(y);
          if (!Double.isNaN(y)) {
            top = Math.max(top, y);
          }
        }
        chart.addSeries(ys.get(i), xs, values);
      }
      chart.getStyler().setAnnotationLineColor(new Color(200, 60, 60));
      chart.getStyler().setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
          BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      chart.getStyler().setAnnotationTextFontColor(new Color(160, 40, 40));
      for (int i = 0; i < marks.size(); i++) {
        double at = axis(marks.get(i)[0]);
        chart.addAnnotation(new AnnotationLine(at, true, false));
        double labelY = top * (0.97 - 0.06 * (i % 4));
        chart.addAnnotation(new AnnotationText((String) marks.get(i)[1], at, labelY, false));
      }
      return chart;
    }

    /** What the chart draws, in words: the range of x, each series' total and peak, the marks. */
    @Override
    public String summary() {
      StringBuilder b = new StringBuilder("line chart '").append(title).append("': ")
          .append(rows.size()).append(" points");
      if (!rows.isEmpty()) {
        b.append(", ").append(x).append(' ').append(label(rows.get(0).get(0))).append(" .. ")
            .append(label(rows.get(rows.size() - 1).get(0)));
      }
      for (int i = 0; i < ys.size(); i++) {
        double total = 0;
        double max = Double.NEGATIVE_INFINITY;
        Object at = null;
        for (Row r : rows) {
          double y = number(r.get(i + 1));
          if (Double.isNaN(y)) {
            continue;
          }
          total += y;
          if (y > max) {
            max = y;
            at = r.get(0);
          }
        }
        b.append("\n  ").append(ys.get(i)).append(": total ").append(format(total));
        if (at != null) {
          b.append(", peak ").append(format(max)).append(" at ").append(label(at));
        }
      }
      for (Object[] m : marks) {
        b.append("\n  mark '").append(m[1]).append("' at ").append(label(m[0]));
      }
      return b.toString();
    }

    private String label(Object v) {
      Object c = v instanceof Number ? v : xValue(v);
      if (c instanceof Instant i) {
        return temporal() && !xType.equals(DataTypes.TimestampType)
            ? LocalDate.ofInstant(i, ZoneOffset.UTC).toString()
            : LocalDateTime.ofInstant(i, ZoneOffset.UTC) + "Z";
      }
      return c instanceof Number n ? format(n.doubleValue()) : String.valueOf(c);
    }
  }

  /** One bar per row, in the DataFrame's order. */
  public static final class BarChart extends ChartView {
    private final String category;
    private final String value;
    private final List<Row> rows;

    BarChart(String category, String value, List<Row> rows) {
      this.category = category;
      this.value = value;
      this.rows = rows;
      this.title = value + " by " + category;
    }

    public BarChart title(String t) {
      this.title = Objects.requireNonNull(t, "title");
      return this;
    }

    public BarChart size(int w, int h) {
      this.width = w;
      this.height = h;
      return this;
    }

    @Override
    CategoryChart build() {
      CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title)
          .xAxisTitle(category).yAxisTitle(value).build();
      style(chart.getStyler());
      chart.getStyler().setLegendVisible(false);
      chart.getStyler().setXAxisLabelRotation(rows.size() > 6 ? 30 : 0);
      List<String> names = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (Row r : rows) {
        names.add(String.valueOf(r.get(0)));
        values.add(number(r.get(1)));
      }
      chart.addSeries(value, names, values);
      return chart;
    }

    @Override
    public String summary() {
      StringBuilder b = new StringBuilder("bar chart '").append(title).append("': ")
          .append(rows.size()).append(" bars");
      for (Row r : rows) {
        b.append("\n  ").append(r.get(0)).append(": ").append(format(number(r.get(1))));
      }
      return b.toString();
    }
  }
}
