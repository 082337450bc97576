package dev.sparkfathom.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PaginationTest {
  private static final List<String> IDS = List.of("a", "b", "c", "d", "e");

  private static Pagination.Page<String> page(Map<String, String> params) {
    return Pagination.page(IDS, Function.identity(), Pagination.Request.parse(Params.of(params)));
  }

  @Test
  void defaultsToTenFromTheStart() {
    assertThat(page(Map.of())).isEqualTo(new Pagination.Page<>(IDS, false));
  }

  @Test
  void startingAfterGoesForward() {
    assertThat(page(Map.of("limit", "2", "starting_after", "a")))
        .isEqualTo(new Pagination.Page<>(List.of("b", "c"), true));
    assertThat(page(Map.of("limit", "2", "starting_after", "c")))
        .isEqualTo(new Pagination.Page<>(List.of("d", "e"), false));
    assertThat(page(Map.of("starting_after", "e"))).isEqualTo(new Pagination.Page<>(List.of(), false));
  }

  @Test
  void endingBeforeGoesBackwardNewestFirst() {
    assertThat(page(Map.of("limit", "2", "ending_before", "e")))
        .isEqualTo(new Pagination.Page<>(List.of("d", "c"), true));
    assertThat(page(Map.of("limit", "2", "ending_before", "c")))
        .isEqualTo(new Pagination.Page<>(List.of("b", "a"), false));
  }

  @Test
  void rejectsUnknownCursors() {
    assertThatThrownBy(() -> page(Map.of("ending_before", "zz")))
        .hasMessage("'ending_before' must be the id of an object in this list; got: 'zz'");
  }
}
