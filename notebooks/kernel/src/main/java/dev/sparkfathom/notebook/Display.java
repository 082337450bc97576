package dev.sparkfathom.notebook;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Rich output of a notebook cell. The kernel host installs the sink; a cell calls {@link
 * #show(Object)} (or ends with an expression whose value is a {@link Renderable} or an image,
 * which the host shows the same way). Every display carries a {@code text/plain} form too, so a
 * notebook reads without images and the outputs check can compare it exactly.
 */
public final class Display {
  /** Something a cell can show as an image, with a plain-text summary of what it shows. */
  public interface Renderable {
    byte[] png();

    String summary();
  }

  /** Receives one display: MIME type to content (base64 for binary types). */
  @FunctionalInterface
  interface Sink {
    void display(Map<String, String> bundle);
  }

  private static volatile Sink sink;

  private Display() {}

  static void install(Sink s) {
    sink = s;
  }

  /** Whether {@code value} is something {@link #show} can draw. */
  public static boolean isRich(Object value) {
    return value instanceof Renderable || value instanceof RenderedImage;
  }

  /**
   * Shows a chart or an image in the cell's output.
   *
   * @throws IllegalArgumentException for anything else, naming its class
   * @throws IllegalStateException outside the notebook kernel (with JJava, use {@code
   *     display(chart.image())})
   */
  public static void show(Object value) {
    Sink s = sink;
    if (s == null) {
      throw new IllegalStateException("Display.show works in the spark-fathom notebook kernel only;"
          + " elsewhere write the chart with Chart.png() or Chart.image()");
    }
    Map<String, String> bundle = new LinkedHashMap<>();
    if (value instanceof Renderable r) {
      bundle.put("image/png", Base64.getEncoder().encodeToString(r.png()));
      bundle.put("text/plain", r.summary());
    } else if (value instanceof RenderedImage image) {
      bundle.put("image/png", Base64.getEncoder().encodeToString(png(image)));
      bundle.put("text/plain", "image " + image.getWidth() + "x" + image.getHeight());
    } else {
      throw new IllegalArgumentException("Display.show takes a Display.Renderable (a chart of"
          + " Charts) or a java.awt.image.RenderedImage; got: "
          + (value == null ? "null" : value.getClass().getName()));
    }
    s.display(bundle);
  }

  static byte[] png(RenderedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the image as PNG: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }
}
