package dev.sparkfathom.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runnable emulator jar that {@code mvn package} builds ({@code
 * target/fathom-emulator-<version>.jar}, see {@code src/assembly/emulator.xml}), started as its
 * own process with nothing but {@code java -jar}: it must find Jackson inside itself, print its
 * URL and token, and answer requests.
 */
class EmulatorJarIT {
  private static final Pattern URL = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/v1)");
  private static final Pattern TOKEN = Pattern.compile("shown once\\): (\\S+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private static Path jar;

  @BeforeAll
  static void findJar() throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of("target"), "fathom-emulator-*.jar")) {
      d.forEach(found::add);
    }
    assertThat(found).as("run the package phase first (mvn verify does)").hasSize(1);
    jar = found.get(0);
  }

  private static Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Reads the process's output until the line that ends the start-up banner. */
  private static String readBanner(Process p) throws Exception {
    CompletableFuture<String> banner = CompletableFuture.supplyAsync(() -> {
      StringBuilder text = new StringBuilder();
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          text.append(line).append('\n');
          if (line.startsWith("Style: ")) {
            return text.toString();
          }
        }
      } catch (IOException e) {
        text.append("<read failed: ").append(e).append('>');
      }
      return text.append("<process ended before its banner>").toString();
    });
    return banner.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private static String group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    assertThat(m.find()).as("'%s' in:%n%s", p, text).isTrue();
    return m.group(1);
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void javaDashJarServesDemoDataOnItsOwn() throws Exception {
    Process p = start("--port", "0", "--days", "3", "--pageviews-per-day", "300", "--seed", "7",
        "--style", "documented");
    try {
      String banner = readBanner(p);
      assertThat(banner).contains("demo data, seed 7, 3 days x 300 pageviews/day");
      String baseUrl = group(URL, banner);
      String token = group(TOKEN, banner);

      HttpResponse<String> sites = get(baseUrl + "/sites", token);
      assertThat(sites.statusCode()).isEqualTo(200);
      assertThat(sites.body()).startsWith("{\"object\":\"list\",\"url\":\"/v1/sites\"")
          .contains("\"name\":\"Bugs Bunny Portfolio\"");
      Matcher firstSite = Pattern.compile("\"id\":\"([A-Z]+)\"").matcher(sites.body());
      assertThat(firstSite.find()).isTrue();

      HttpResponse<String> total = get(baseUrl + "/aggregations?entity=pageview&entity_id="
          + firstSite.group(1) + "&aggregates=pageviews", token);
      assertThat(total.statusCode()).isEqualTo(200);
      assertThat(total.body()).matches("\\{\"object\":\"list\",.*\"data\":\\[\\{\"pageviews\":[1-9]\\d*}]}");

      assertThat(get(baseUrl + "/sites", "not-a-token").statusCode()).isEqualTo(401);
      assertThat(p.isAlive()).isTrue();
    } finally {
      p.destroy();
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }
  }

  @Test
  void badFlagExitsWithTwoAndSaysWhichFlag() throws Exception {
    Process p = start("--colour", "blue");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("fathom-emulator: unknown flag '--colour'; see --help" + System.lineSeparator());
    assertThat(p.exitValue()).isEqualTo(2);
  }

  @Test
  void jarHoldsTheEmulatorAndJacksonButNotTheConnector() throws IOException {
    List<String> names = new ArrayList<>();
    try (JarFile j = new JarFile(jar.toFile())) {
      j.stream().map(JarEntry::getName).forEach(names::add);
      assertThat(j.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(EmulatorMain.class.getName());
    }
    assertThat(names).contains("dev/sparkfathom/emulator/EmulatorMain.class",
        "com/fasterxml/jackson/databind/ObjectMapper.class", "com/fasterxml/jackson/core/JsonFactory.class");
    assertThat(names).filteredOn(n -> n.endsWith(".class"))
        .allMatch(n -> n.startsWith("dev/sparkfathom/emulator/") || n.startsWith("dev/sparkfathom/api/")
            || n.startsWith("com/fasterxml/jackson/"), "only the emulator, the API vocabulary and Jackson")
        .noneMatch(n -> n.startsWith("dev/sparkfathom/emulator/junit/"));
  }
}
