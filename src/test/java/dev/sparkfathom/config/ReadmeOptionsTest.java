package dev.sparkfathom.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's options table is the documented constants, row for row, so the two cannot drift. */
class ReadmeOptionsTest {
  static String table() {
    StringBuilder s = new StringBuilder("| option | default | meaning |\n| --- | --- | --- |\n");
    for (FathomOptions.Info o : FathomOptions.ALL) {
      String d = o.defaultValue().isEmpty() ? "" : "`" + o.defaultValue() + "`";
      s.append("| `").append(o.key()).append("` | ").append(d).append(" | ").append(o.doc()).append(" |\n");
    }
    return s.toString();
  }

  @Test
  void readmeListsEveryOptionWithItsDefault() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String start = "<!-- options:start -->\n";
    String end = "<!-- options:end -->";
    String section = readme.substring(readme.indexOf(start) + start.length(), readme.indexOf(end));
    assertThat(section).as("README options table; regenerate it from FathomOptions.ALL").isEqualTo(table());
  }

  @Test
  void documentedDefaultsAreTheParsedDefaults() {
    ReadSpec spec = ReadSpec.parse(java.util.Map.of("site_id", "S", "token", "t"), java.util.Map.of());
    assertThat(FathomOptions.ALL).anySatisfy(o -> {
      assertThat(o.key()).isEqualTo(FathomOptions.PARTITIONS);
      assertThat(o.defaultValue()).isEqualTo(Integer.toString(spec.partitions()));
    });
    assertThat(Integer.toString(spec.maxRequests())).isEqualTo(FathomOptions.ALL.stream()
        .filter(o -> o.key().equals(FathomOptions.MAX_REQUESTS)).findFirst().orElseThrow().defaultValue());
    assertThat(spec.client().baseUrl()).isEqualTo(FathomOptions.DEFAULT_BASE_URL);
  }
}
