package dev.sparkfathom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.generator.DemoData;
import dev.sparkfathom.emulator.generator.DemoDataSettings;
import dev.sparkfathom.emulator.server.RateLimits;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code java} and {@code sql} block of README.md as written, against the emulator
 * with its demo data, the way the README tells a user to: a fresh JVM with
 * {@code FATHOM_BASE_URL} and {@code FATHOM_API_TOKEN} set to the emulator's URL and token.
 *
 * <p>A Java block's leading {@code import} lines go to the top of a generated class and the rest
 * becomes one method; the blocks run in README order in one JVM, then each SQL block's
 * statements in the Spark session (with the base URL set, as {@code spark-sql --conf} would),
 * showing every result. A block is left out only when the line before it is
 * {@code <!-- readme-test: skip (reason) -->}; the default is that every block runs.
 */
class ReadmeExamplesIT {
  /** A fence at the start of a line, or indented inside a list item (the indent is removed). */
  private static final Pattern BLOCK =
      Pattern.compile("(?m)^( *)```(java|sql)\\n(.*?)^\\1```$", Pattern.DOTALL);
  private static final Pattern SKIP = Pattern.compile("<!-- readme-test: skip \\((.+)\\) -->\\s*$");

  /** One fenced block of the README. */
  record Block(int number, String language, String code, String skipReason) {}

  static List<Block> blocks(String readme) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(readme);
    while (m.find()) {
      String before = readme.substring(0, m.start()).stripTrailing();
      String lastLine = before.substring(before.lastIndexOf('\n') + 1);
      Matcher skip = SKIP.matcher(lastLine);
      String code = m.group(3).replaceAll("(?m)^" + m.group(1), "");
      out.add(new Block(out.size() + 1, m.group(2), code, skip.find() ? skip.group(1) : null));
    }
    return out;
  }

  /** A class whose main runs the Java blocks as methods, then the SQL blocks' statements. */
  static String program(List<Block> blocks) {
    Set<String> imports = new LinkedHashSet<>(List.of("import org.apache.spark.sql.SparkSession;"));
    StringBuilder methods = new StringBuilder();
    StringBuilder main = new StringBuilder();
    for (Block b : blocks) {
      if (b.skipReason() != null || !b.language().equals("java")) {
        continue;
      }
      StringBuilder body = new StringBuilder();
      for (String line : b.code().split("\n", -1)) {
        if (line.startsWith("import ")) {
          imports.add(line.trim());
        } else {
          body.append("    ").append(line).append('\n');
        }
      }
      methods.append("  static void block").append(b.number()).append("() throws Exception {\n")
          .append(body).append("  }\n\n");
      main.append("    block").append(b.number()).append("();\n")
          .append("    System.out.println(\"README block ").append(b.number()).append(" ran\");\n");
    }
    main.append("    SparkSession spark = SparkSession.builder().config(\"spark.datasource.fathom.base_url\",\n"
        + "        System.getenv(\"FATHOM_BASE_URL\")).getOrCreate();\n");
    for (Block b : blocks) {
      if (b.skipReason() != null || !b.language().equals("sql")) {
        continue;
      }
      for (String statement : b.code().split(";\\s*\\n")) {
        if (!statement.isBlank()) {
          main.append("    spark.sql(").append(javaString(statement.strip())).append(").show(false);\n");
        }
      }
      main.append("    System.out.println(\"README block ").append(b.number()).append(" ran\");\n");
    }
    return String.join("\n", imports) + "\n\npublic class ReadmeExamples {\n" + methods
        + "  public static void main(String[] args) throws Exception {\n" + main
        + "    spark.stop();\n  }\n}\n";
  }

  private static String javaString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  @Test
  void everyBlockIsRunUnlessMarkedWithAReason() throws Exception {
    List<Block> blocks = blocks(Files.readString(Path.of("README.md")));

    assertThat(blocks).filteredOn(b -> b.skipReason() == null).extracting(Block::language)
        .contains("java", "sql").hasSizeGreaterThanOrEqualTo(4);
    assertThat(blocks).filteredOn(b -> b.skipReason() != null)
        .allSatisfy(b -> assertThat(b.skipReason()).hasSizeGreaterThan(10));
    assertThat(blocks(
        "a\n```java\nint x;\n```\n<!-- readme-test: skip (only a fragment here) -->\n```sql\nSELECT 1;\n```\n"))
        .containsExactly(new Block(1, "java", "int x;\n", null),
            new Block(2, "sql", "SELECT 1;\n", "only a fragment here"));
  }

  @Test
  void theReadmeExamplesRunAsWrittenAgainstTheEmulator(@TempDir Path dir) throws Exception {
    List<Block> blocks = blocks(Files.readString(Path.of("README.md")));
    ColumnarDataStore store = new ColumnarDataStore();
    // As the README's emulator command: demo traffic up to today (fewer pageviews, for speed).
    DemoData.generate(store, DemoDataSettings.defaults().withStartDate(LocalDate.now(ZoneOffset.UTC)
        .minusDays(90)).withDays(91).withPageviewsPerDay(1500));
    try (FathomEmulator emulator = FathomEmulator.builder().store(store)
        .rateLimits(new RateLimits(1_000, 2_000)).start()) {
      Path source = dir.resolve("ReadmeExamples.java");
      Files.writeString(source, program(blocks));
      String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      compile(source, dir, classpath);

      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
          .filter(a -> a.startsWith("--add-") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions"))
          .forEach(command::add);
      command.addAll(List.of("-Xmx2g", "-Dspark.ui.enabled=false", "-Dspark.driver.host=127.0.0.1",
          "-Dspark.driver.bindAddress=127.0.0.1", "-Dspark.sql.warehouse.dir=" + dir.resolve("warehouse"),
          "-Dlog4j2.configurationFile=log4j2-test.properties",
          "-cp", dir + File.pathSeparator + classpath, "ReadmeExamples"));
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().put("FATHOM_BASE_URL", emulator.baseUrl());
      pb.environment().put("FATHOM_API_TOKEN", emulator.adminToken());
      pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      Path log = dir.resolve("output.txt");
      pb.redirectOutput(log.toFile());
      Process p = pb.start();
      boolean done = p.waitFor(5, TimeUnit.MINUTES);
      if (!done) {
        p.destroyForcibly();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      System.out.println(output);

      assertThat(done).as("the examples finished in 5 minutes").isTrue();
      assertThat(p.exitValue()).as("exit status; output:%n%s", output).isZero();
      for (Block b : blocks) {
        if (b.skipReason() == null) {
          assertThat(output).contains("README block " + b.number() + " ran");
        }
      }
      assertThat(emulator.requestLog()).as("the examples read the demo site from the emulator")
          .anySatisfy(r -> assertThat(r.parameters()).containsEntry("entity_id", "CDBUGS"))
          .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }
  }

  private static void compile(Path source, Path out, String classpath) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      boolean ok = javac.getTask(null, files, diagnostics,
          List.of("-d", out.toString(), "-cp", classpath, "-proc:none"), null,
          files.getJavaFileObjects(source.toFile())).call();
      assertThat(ok).as("the README's Java compiles:%n%s", diagnostics.getDiagnostics()).isTrue();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
