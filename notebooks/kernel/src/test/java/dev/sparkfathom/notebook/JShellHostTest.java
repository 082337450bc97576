package dev.sparkfathom.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host as the Python kernel drives it: cells in, JSON lines out. One host for the class
 * (a JShell takes a second or two to start), so cells also show that state carries over.
 */
class JShellHostTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ByteArrayOutputStream protocol = new ByteArrayOutputStream();
  private static final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private static PrintStream originalOut;
  private static PrintStream originalErr;
  private static JShellHost host;

  @BeforeAll
  static void start() {
    originalOut = System.out;
    originalErr = System.err;
    host = new JShellHost(new PrintStream(protocol, true, StandardCharsets.UTF_8),
        new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterAll
  static void restore() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  @BeforeEach
  void clear() {
    protocol.reset();
  }

  private static List<JsonNode> run(String cell) throws IOException {
    protocol.reset();
    host.run(cell);
    List<JsonNode> messages = new ArrayList<>();
    for (String line : protocol.toString(StandardCharsets.UTF_8).split("\n")) {
      messages.add(JSON.readTree(line));
    }
    assertThat(messages).last().satisfies(m -> assertThat(m.get("type").asText()).isEqualTo("done"));
    return messages.subList(0, messages.size() - 1);
  }

  private static String describe(JsonNode m) {
    return switch (m.get("type").asText()) {
      case "stream" -> m.get("name").asText() + ":" + m.get("text").asText();
      case "result" -> "result:" + m.get("data").get("text/plain").asText();
      case "display" -> "display:" + m.get("data").get("text/plain").asText()
          + (m.get("data").has("image/png") ? " +png" : "");
      case "error" -> "error:" + m.get("ename").asText() + ":" + m.get("evalue").asText();
      default -> m.toString();
    };
  }

  @Test
  void printsThenShowsTheLastExpressionsValue() throws IOException {
    assertThat(run("System.out.println(\"hello\"); int x = 2;\nx + 40").stream().map(JShellHostTest::describe))
        .containsExactly("stdout:hello\n", "result:42");
  }

  @Test
  void declarationsCarryOverToLaterCellsAndShowNothing() throws IOException {
    assertThat(run("String word = \"fathom\";\nint twice(int n) { return 2 * n; }")).isEmpty();
    assertThat(run("twice(word.length())").stream().map(JShellHostTest::describe)).containsExactly("result:12");
  }

  @Test
  void stdoutAndStderrKeepTheirOrder() throws IOException {
    assertThat(run("System.err.println(\"a\");\nSystem.out.println(\"b\");\nSystem.out.println(\"c\");\n"
        + "System.err.println(\"d\");").stream().map(JShellHostTest::describe))
        .containsExactly("stderr:a\n", "stdout:b\nc\n", "stderr:d\n");
  }

  @Test
  void compileErrorNamesTheCellLineAndPointsAtTheSymbol() throws IOException {
    List<JsonNode> out = run("int y = 1;\n  int z = undefinedThing + 1;\nSystem.out.println(\"never\");");

    assertThat(out).singleElement().satisfies(m -> {
      assertThat(describe(m)).isEqualTo("error:CompilationError:cell line 2: cannot find symbol");
      List<String> traceback = new ArrayList<>();
      m.get("traceback").forEach(t -> traceback.add(t.asText()));
      assertThat(traceback.get(0)).startsWith("cell line 2: error: cannot find symbol");
      assertThat(traceback.subList(1, 3)).containsExactly(
          "      int z = undefinedThing + 1;",
          "              ^");
    });
  }

  @Test
  void exceptionStopsTheCellAndNamesItsLine() throws IOException {
    List<JsonNode> out = run("System.out.println(\"before\");\n"
        + "if (true) throw new IllegalStateException(\"no site 'X'\");\nSystem.out.println(\"after\");");

    assertThat(out.stream().map(JShellHostTest::describe))
        .containsExactly("stdout:before\n", "error:java.lang.IllegalStateException:no site 'X'");
    List<String> traceback = new ArrayList<>();
    out.get(1).get("traceback").forEach(t -> traceback.add(t.asText()));
    assertThat(traceback).first().isEqualTo("java.lang.IllegalStateException: no site 'X'");
    assertThat(traceback).endsWith("in cell line 2:",
        "    if (true) throw new IllegalStateException(\"no site 'X'\");");
  }

  @Test
  void causesAreListed() throws IOException {
    List<JsonNode> out = run("throw new RuntimeException(\"outer\", new java.io.IOException(\"inner\"))");

    List<String> traceback = new ArrayList<>();
    out.get(0).get("traceback").forEach(t -> traceback.add(t.asText()));
    assertThat(traceback).contains("Caused by: java.io.IOException: inner");
  }

  @Test
  void unfinishedCellIsACompilationErrorAtItsEnd() throws IOException {
    assertThat(run("void f() {\n  int a = 1;\n").stream().map(JShellHostTest::describe))
        .containsExactly("error:CompilationError:cell line 2: reached end of file while parsing");
  }

  @Test
  void imageAsLastExpressionIsDisplayedAsPng() throws IOException {
    List<JsonNode> out = run("var img = new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);\nimg");

    assertThat(out.stream().map(JShellHostTest::describe)).containsExactly("display:image 3x2 +png");
    byte[] png = java.util.Base64.getDecoder().decode(out.get(0).get("data").get("image/png").asText());
    assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  @Test
  void displayShowCallsKeepOrderWithPrintedText() throws IOException {
    assertThat(run("System.out.println(\"chart:\");\n"
        + "dev.sparkfathom.notebook.Display.show(new java.awt.image.BufferedImage(1, 1, 1));\n"
        + "System.out.println(\"done\");").stream().map(JShellHostTest::describe))
        .containsExactly("stdout:chart:\n", "display:image 1x1 +png", "stdout:done\n");
  }

  @Test
  void displayOfSomethingElseSaysWhatItTakes() throws IOException {
    assertThat(run("dev.sparkfathom.notebook.Display.show(\"text\");").stream().map(JShellHostTest::describe))
        .containsExactly("error:java.lang.IllegalArgumentException:Display.show takes a Display.Renderable"
            + " (a chart of Charts) or a java.awt.image.RenderedImage; got: java.lang.String");
  }

  @Test
  void cellsAreReadByByteLengthInUtf8() throws IOException {
    byte[] cell = "String s = \"Zürich → 東京\";".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.write((cell.length + "\n").getBytes(StandardCharsets.US_ASCII));
    in.write(cell);
    in.write("2\n;;".getBytes(StandardCharsets.US_ASCII));
    ByteArrayInputStream input = new ByteArrayInputStream(in.toByteArray());

    assertThat(JShellHost.readCell(input)).isEqualTo("String s = \"Zürich → 東京\";");
    assertThat(JShellHost.readCell(input)).isEqualTo(";;");
    assertThat(JShellHost.readCell(input)).isNull();
  }
}
