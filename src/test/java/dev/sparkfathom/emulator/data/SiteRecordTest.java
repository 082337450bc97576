package dev.sparkfathom.emulator.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class SiteRecordTest {
  private static final LocalDateTime CREATED = LocalDateTime.parse("2024-01-01T10:00:00");

  @Test
  void toStringRedactsTheSharePassword() {
    assertThat(new SiteRecord("AAAAAA", "Alpha", "private", "hunter2", CREATED).toString())
        .isEqualTo("SiteRecord[id=AAAAAA, name=Alpha, sharing=private, sharePassword=***, "
            + "createdAt=2024-01-01T10:00, timezone=UTC, multiDomain=false, "
            + "multiDomainOption=combined]");
  }

  @Test
  void toStringShowsAnAbsentSharePassword() {
    assertThat(new SiteRecord("AAAAAA", "Alpha", "none", null, CREATED).toString())
        .isEqualTo("SiteRecord[id=AAAAAA, name=Alpha, sharing=none, sharePassword=null, "
            + "createdAt=2024-01-01T10:00, timezone=UTC, multiDomain=false, "
            + "multiDomainOption=combined]");
  }
}
