package dev.sparkfathom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import dev.sparkfathom.api.ApiVersion;
import dev.sparkfathom.emulator.FathomEmulator;
import dev.sparkfathom.emulator.data.ColumnarDataStore;
import dev.sparkfathom.emulator.data.SiteRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar that {@code mvn package} attaches ({@code target/spark-fathom-*-shaded.jar}):
 * OkHttp, Okio and Kotlin bundled only under {@code dev/sparkfathom/shaded/}, nothing that
 * the cluster provides (Spark, Scala, Jackson) bundled, the data source registered, and the
 * relocated classes really loadable and usable from a class loader that sees nothing else.
 */
class ShadedJarIT {
  private static final String SHADED = "dev/sparkfathom/shaded/";
  private static Path jar;
  private static List<String> classes;

  @BeforeAll
  static void findJar() throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of("target"), "spark-fathom-*-shaded.jar")) {
      d.forEach(found::add);
    }
    assertThat(found).as("run the package phase first (mvn verify does)").hasSize(1);
    jar = found.get(0);
    classes = new ArrayList<>();
    try (JarFile j = new JarFile(jar.toFile())) {
      j.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).forEach(classes::add);
    }
    System.out.printf("shaded jar %s: %,d bytes, %d classes (%d relocated)%n", jar.getFileName(),
        Files.size(jar), classes.size(), classes.stream().filter(n -> n.startsWith(SHADED)).count());
  }

  @Test
  void okhttpOkioAndKotlinAreOnlyPresentRelocated() {
    assertThat(classes).noneMatch(n -> n.startsWith("okhttp3/") || n.startsWith("okio/")
        || n.startsWith("kotlin/") || n.startsWith("org/jetbrains/"));
    assertThat(classes).contains(SHADED + "okhttp3/OkHttpClient.class",
        SHADED + "okio/Buffer.class", SHADED + "kotlin/Unit.class");
    assertThat(classes).allMatch(n -> n.startsWith("dev/sparkfathom/")
        || n.startsWith("META-INF/versions/"), "only the project's and relocated classes");
  }

  @Test
  void providedLibrariesAreNotBundled() {
    assertThat(classes).noneMatch(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/")
        || n.startsWith("com/fasterxml/") || n.startsWith("org/junit/"));
  }

  @Test
  void dataSourceIsRegisteredAsAService() throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      JarEntry e = j.getJarEntry("META-INF/services/org.apache.spark.sql.sources.DataSourceRegister");
      assertThat(e).isNotNull();
      try (InputStream in = j.getInputStream(e)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList())
            .containsExactly("dev.sparkfathom.FathomDataSource");
      }
    }
  }

  @Test
  void relocatedOkHttpLoadsAndInstantiatesWithoutTheOriginal() throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Class<?> config = loader.loadClass("dev.sparkfathom.client.ClientConfig");
      assertThat(config.getClassLoader()).isSameAs(loader);
      Class<?> ok = loader.loadClass("dev.sparkfathom.shaded.okhttp3.OkHttpClient");
      Object client = ok.getConstructor().newInstance();
      assertThat(client.getClass().getName()).isEqualTo("dev.sparkfathom.shaded.okhttp3.OkHttpClient");
      assertThatThrownBy(() -> loader.loadClass("okhttp3.OkHttpClient"))
          .isInstanceOf(ClassNotFoundException.class);
    }
  }

  /**
   * The shaded client end to end: a loader that sees only the shaded jar and Jackson (which
   * Spark provides) calls the in-process emulator. Every class of the call path, OkHttp's
   * included, must come from the shaded jar.
   */
  @Test
  void shadedClientTalksToTheEmulatorWithOnlyJacksonBesideIt() throws Exception {
    ColumnarDataStore store = new ColumnarDataStore();
    store.putSite(new SiteRecord("SHADED", "Shaded", "none", null, LocalDateTime.of(2024, 1, 1, 0, 0)));
    URL jackson = JsonFactory.class.getProtectionDomain().getCodeSource().getLocation();
    try (FathomEmulator emu = FathomEmulator.builder().api(ApiVersion.LEGACY).store(store).start();
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL(), jackson},
            ClassLoader.getPlatformClassLoader())) {
      Class<?> tokenClass = loader.loadClass("dev.sparkfathom.client.ApiToken");
      Class<?> configClass = loader.loadClass("dev.sparkfathom.client.ClientConfig");
      Class<?> clientClass = loader.loadClass("dev.sparkfathom.client.FathomClient");
      Object token = tokenClass.getMethod("of", String.class).invoke(null, emu.adminToken());
      Object config = configClass.getMethod("defaults", tokenClass).invoke(null, token);
      config = configClass.getMethod("withBaseUrl", String.class).invoke(config, emu.baseUrl());
      Object client = clientClass.getMethod("create", configClass).invoke(null, config);

      Object site = clientClass.getMethod("getSite", String.class).invoke(client, "SHADED");

      assertThat(site.getClass().getClassLoader()).isSameAs(loader);
      assertThat(site).hasToString("Site[id=SHADED, name=Shaded, sharing=none, createdAt=2024-01-01 00:00:00,"
          + " timezone=null, multiDomain=null, multiDomainOption=null]");
      assertThat(emu.requestLog()).singleElement()
          .satisfies(e -> assertThat(e.path()).isEqualTo("/v1/sites/SHADED"));
    }
  }
}
