package dev.sparkfathom.read;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * What the ITs that start JVMs of their own (Spark drivers, executors, workers, a coordinator)
 * share: the java binary, the flags Spark's launcher adds on Java 17, this JVM's classpath, and
 * a stand-in {@code SPARK_HOME} made of the Maven jars.
 */
final class ChildJvm {
  private ChildJvm() {}

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The JVM flags Spark's launcher adds on Java 17 (as the pom's surefire argLine). */
  static String flags() {
    return "-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector"
        + " --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED"
        + " --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED"
        + " --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED"
        + " --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED"
        + " --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"
        + " --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
        + " --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED"
        + " --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"
        + " --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false";
  }

  /** This JVM's classpath; failsafe may hide it in a manifest-only jar. */
  static List<String> testClasspath() throws IOException {
    List<String> entries = new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
    if (entries.size() == 1 && entries.get(0).contains("surefirebooter")) {
      try (JarFile jar = new JarFile(entries.get(0))) {
        String cp = jar.getManifest().getMainAttributes().getValue("Class-Path");
        entries.clear();
        for (String url : cp.split(" ")) {
          entries.add(Path.of(java.net.URI.create(url)).toString());
        }
      }
    }
    return entries;
  }

  /**
   * A stand-in SPARK_HOME under {@code work} for workers and executors: {@code jars/} links
   * every jar of {@code classpath} (Spark's own, as Maven resolved them), and the launcher's
   * Scala build directory exists; {@code work/log4j2.properties} logs WARN, and the connector's
   * INFO, to stderr.
   */
  static Path sparkHome(Path work, List<String> classpath) throws IOException {
    Path home = work.resolve("spark-home");
    Path jars = home.resolve("jars");
    Files.createDirectories(jars);
    Files.createDirectories(home.resolve("launcher").resolve("target").resolve("scala-2.13"));
    for (String e : classpath) {
      Path p = Path.of(e);
      if (e.endsWith(".jar") && Files.isRegularFile(p)) {
        Path link = jars.resolve(p.getFileName());
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, p.toAbsolutePath());
        }
      }
    }
    Files.writeString(work.resolve("log4j2.properties"), String.join("\n",
        "rootLogger.level = warn",
        "rootLogger.appenderRef.stdout.ref = console",
        "appender.console.type = Console",
        "appender.console.name = console",
        "appender.console.target = SYSTEM_ERR",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n",
        "logger.fathom.name = dev.sparkfathom",
        "logger.fathom.level = info", ""));
    return home;
  }
}
