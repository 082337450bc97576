package dev.sparkfathom.client.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelValidationTest {
  @Test
  void siteNameIsRequiredAndAtMost255Characters() {
    assertThatThrownBy(() -> SiteCreate.named(" ")).hasMessage("site name is required");
    assertThatThrownBy(() -> SiteCreate.named(null)).hasMessage("site name is required");
    assertThatThrownBy(() -> SiteCreate.named("x".repeat(256)))
        .hasMessage("site name must be at most 255 characters; got: 256");
    assertThat(SiteCreate.named("x".repeat(255)).name()).hasSize(255);
    // 255 characters outside the BMP are 510 chars of Java: still 255 characters
    assertThat(SiteCreate.named("😀".repeat(255)).name()).hasSize(510);
  }

  @Test
  void privateSharingNeedsAPasswordAndOnlyPrivateTakesOne() {
    assertThatThrownBy(() -> new SiteCreate("A", Sharing.PRIVATE, null))
        .hasMessage("share_password is required when sharing is private");
    assertThatThrownBy(() -> new SiteCreate("A", Sharing.PUBLIC, "pw"))
        .hasMessage("share_password applies only to private sharing; sharing is public");
    assertThat(new SiteCreate("A", Sharing.PRIVATE, "pw").toFormParameters())
        .containsExactly(Map.entry("name", "A"), Map.entry("sharing", "private"), Map.entry("share_password", "pw"));
    assertThat(SiteCreate.named("A").toFormParameters()).containsExactly(Map.entry("name", "A"));
  }

  @Test
  void aSiteUpdateMustChangeSomething() {
    assertThatThrownBy(() -> new SiteUpdate(null, null, null))
        .hasMessage("a site update must change name, sharing, share_password,"
            + " timezone, multi_domain or multi_domain_option");
    assertThatThrownBy(() -> SiteUpdate.rename("")).hasMessage("site name is required");
    assertThatThrownBy(() -> SiteUpdate.share(Sharing.PRIVATE, "")) 
        .hasMessage("share_password is required when sharing is private");
    assertThat(SiteUpdate.share(Sharing.NONE, null).toFormParameters())
        .containsExactly(Map.entry("sharing", "none"));
    assertThat(new SiteUpdate(null, null, "new-pw").toFormParameters())
        .containsExactly(Map.entry("share_password", "new-pw"));
  }

  @Test
  void eventNamesAreValidatedLikeSiteNames() {
    assertThatThrownBy(() -> new EventCreate("")).hasMessage("event name is required");
    assertThatThrownBy(() -> new EventUpdate("y".repeat(300)))
        .hasMessage("event name must be at most 255 characters; got: 300");
    assertThat(new EventCreate("Signed up").toFormParameters()).containsExactly(Map.entry("name", "Signed up"));
  }

  @Test
  void sharingParsesTheApiSpellingsOnly() {
    assertThat(Sharing.parse("private")).isEqualTo(Sharing.PRIVATE);
    assertThatThrownBy(() -> Sharing.parse("Secret"))
        .hasMessage("sharing must be one of none, private, public; got: 'Secret'");
  }

  @Test
  void pageLimitIsOneToHundred() {
    assertThatThrownBy(() -> PageRequest.ofLimit(0)).hasMessage("limit must be between 1 and 100; got: 0");
    assertThatThrownBy(() -> PageRequest.ofLimit(101)).hasMessage("limit must be between 1 and 100; got: 101");
    assertThat(PageRequest.ofLimit(1).limit()).isEqualTo(1);
    assertThat(PageRequest.ofLimit(100).toParameters()).containsExactly(Map.entry("limit", "100"));
  }

  @Test
  void aPageRequestHasAtMostOneCursorAndMovesItInItsDirection() {
    assertThatThrownBy(() -> new PageRequest(10, "A", "B"))
        .hasMessage("give starting_after or ending_before, not both");
    assertThatThrownBy(() -> PageRequest.FIRST.withStartingAfter(""))
        .hasMessage("starting_after must be an object id; got: ''");
    assertThat(PageRequest.ofLimit(5).next("X")).isEqualTo(new PageRequest(5, "X", null));
    assertThat(new PageRequest(5, null, "Z").next("Y")).isEqualTo(new PageRequest(5, null, "Y"));
    assertThat(new PageRequest(5, null, "Z").toParameters())
        .containsExactly(Map.entry("limit", "5"), Map.entry("ending_before", "Z"));
  }

  @Test
  void pagesAndVisitorListsAreImmutableCopies() {
    java.util.List<String> data = new java.util.ArrayList<>(java.util.List.of("a"));
    Page<String> page = new Page<>(data, false);
    data.add("b");
    assertThat(page.data()).containsExactly("a");
  }
}
