package dev.sparkfathom.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.emulator.data.SiteRecord;
import dev.sparkfathom.emulator.server.SimpleDataStore;
import dev.sparkfathom.emulator.server.TestHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorMainTest {
  private final List<String> calls = new ArrayList<>();
  private final EmulatorMain main = new EmulatorMain(SimpleDataStore::new,
      (store, seed, days, perDay) -> {
        calls.add("demo " + seed + " " + days + " " + perDay);
        store.putSite(new SiteRecord("DEMOAA", "Demo", "none", null, LocalDateTime.parse("2024-01-01T00:00:00")));
      },
      (store, seed, perDay, clock) -> {
        calls.add("live " + seed + " " + perDay);
        return () -> calls.add("live stopped");
      });
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void startsWithDemoDataAndPrintsTheGeneratedTokenOnce() throws Exception {
    try (EmulatorMain.Running r = main.start(EmulatorOptions.parse("--port", "0", "--seed", "3", "--days", "2",
        "--pageviews-per-day", "5", "--live"), print)) {
      FathomEmulator e = r.emulator();
      assertThat(calls).containsExactly("demo 3 2 5", "live 3 5");
      String text = printed();
      assertThat(text).contains("Fathom emulator listening on " + e.baseUrl() + "\n");
      assertThat(text).contains("Token (admin, generated for this run, shown once): " + e.adminToken() + "\n");
      assertThat(text.split(e.adminToken(), -1)).hasSize(2);
      assertThat(text).contains("e.g. curl -H \"Authorization: Bearer $TOKEN\" " + e.baseUrl() + "/account\n");
      assertThat(text).contains("Data: 1 site, 0 records (demo data, seed 3, 2 days x 5 pageviews/day), live\n"
          + "Sites: DEMOAA (Demo)\n");
      String root = e.baseUrl().substring(0, e.baseUrl().length() - 3);
      assertThat(new TestHttp(root, e.adminToken()).get("/v1/sites").body()).contains("DEMOAA");
    }
    assertThat(calls).endsWith("live stopped");
  }

  @Test
  void givenTokensAreListedByNameOnly(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data.jsonl");
    Files.writeString(data, "{\"type\":\"site\",\"id\":\"FILEAA\",\"name\":\"F\",\"created_at\":\"2020-01-01 00:00:00\"}\n");
    try (EmulatorMain.Running r = main.start(EmulatorOptions.parse("--port=0", "--data", data.toString(),
        "--token", "ci:very-secret:admin", "--token", "one:other-secret:site=FILEAA"), print)) {
      assertThat(calls).isEmpty();
      assertThat(printed()).contains("Tokens (secrets as given on the command line): ci (admin), one (site=FILEAA)")
          .doesNotContain("very-secret").doesNotContain("other-secret")
          .contains("(loaded from " + data + ")");
      assertThat(r.emulator().store().sites()).extracting(SiteRecord::id).containsExactly("FILEAA");
    }
  }

  @Test
  void badFlagExitsWith2AndSaysWhy() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = main.run(new String[] {"--style", "loud"}, print, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("fathom-emulator: --style must be one of observed, documented; got: 'loud'" + System.lineSeparator());
  }

  @Test
  void aPortInUseIsOneLineSayingSo() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = main.run(new String[] {"--port", Integer.toString(taken.getLocalPort())}, print,
          new PrintStream(err, true, StandardCharsets.UTF_8));

      assertThat(code).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("fathom-emulator: cannot listen on 127.0.0.1:"
          + taken.getLocalPort() + " (see --port): Address already in use" + System.lineSeparator());
    }
  }

  @Test
  void theMavenTargetTakesTheEmulatorsExitCodesSoMavenAddsNoStackTrace() throws IOException {
    // exec:exec@emulator fails the build on any other exit code, and the plugin then prints
    // 30 lines of its own stack trace under the emulator's one-line message.
    String pom = Files.readString(Path.of("pom.xml"));
    String emulator = pom.substring(pom.indexOf("<id>emulator</id>"));
    emulator = emulator.substring(0, emulator.indexOf("</execution>"));
    assertThat(emulator.replaceAll("\\s+", "")).contains("<successCodes><successCode>0</successCode>"
        + "<successCode>1</successCode><successCode>2</successCode></successCodes>");
  }

  @Test
  void manySitesAreListedUpToTen() {
    SimpleDataStore store = new SimpleDataStore();
    for (int i = 0; i < 12; i++) {
      store.putSite(new SiteRecord("SITE" + (char) ('A' + i) + "A", "S" + i, "none", null,
          LocalDateTime.parse("2024-01-01T00:00:00")));
    }

    assertThat(EmulatorMain.describeSites(store)).isEqualTo("Sites: SITEAA (S0), SITEBA (S1), SITECA (S2),"
        + " SITEDA (S3), SITEEA (S4), SITEFA (S5), SITEGA (S6), SITEHA (S7), SITEIA (S8), SITEJA (S9)"
        + " and 2 more (GET /v1/sites)");
    assertThat(EmulatorMain.describeSites(new SimpleDataStore()))
        .isEqualTo("Sites: none (load records with POST /_emulator/data)");
  }

  @Test
  void helpPrintsUsage() {
    assertThat(main.run(new String[] {"--help"}, print, print)).isZero();
    assertThat(printed()).isEqualTo(EmulatorOptions.USAGE);
  }

  @Test
  void missingDataFileExitsWith1() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = main.run(new String[] {"--port", "0", "--data", "/nonexistent/x.jsonl"}, print,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("fathom-emulator: cannot read --data "
        + "/nonexistent/x.jsonl: java.nio.file.NoSuchFileException: /nonexistent/x.jsonl" + System.lineSeparator());
  }
}
