package dev.sparkfathom.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenGrantTest {
  @Test
  void parsesTheThreePermissions() {
    assertThat(TokenGrant.parse("ci:s3cret:admin").permission()).isEqualTo(Permission.ADMIN);
    assertThat(TokenGrant.parse("ro:s3cret:read").permission()).isEqualTo(Permission.READ);
    assertThat(TokenGrant.parse("one:s3cret:site=CDBUGS,ABCDEF").permission())
        .isEqualTo(Permission.ofSites(Set.of("CDBUGS", "ABCDEF")));
  }

  @Test
  void secretMayHoldColons() {
    TokenGrant t = TokenGrant.parse("ci:a:b:c:admin");
    assertThat(t.name()).isEqualTo("ci");
    assertThat(t.secret()).isEqualTo("a:b:c");
  }

  @Test
  void badSpecsAreRefusedWithoutRepeatingTheSecret() {
    assertThatThrownBy(() -> TokenGrant.parse("ci:topsecret:write"))
        .hasMessage("token 'ci' has permission 'write'; accepted: admin, read, "
            + "site=SITE_ID[,SITE_ID..], or a comma-separated list of *, all-sites-readonly, "
            + "read:SITE_ID, manage:SITE_ID");
    assertThatThrownBy(() -> TokenGrant.parse("topsecret"))
        .hasMessage("token must look like NAME:SECRET:admin, NAME:SECRET:read or "
            + "NAME:SECRET:site=SITE_ID[,SITE_ID..] (or NAME:SECRET:ABILITY[,ABILITY..] with "
            + "today's *, all-sites-readonly, read:SITE_ID, manage:SITE_ID); got a value with no colon");
    assertThatThrownBy(() -> TokenGrant.parse("ci:topsecret"))
        .hasMessage("token must look like NAME:SECRET:admin, NAME:SECRET:read or "
            + "NAME:SECRET:site=SITE_ID[,SITE_ID..] (or NAME:SECRET:ABILITY[,ABILITY..] with "
            + "today's *, all-sites-readonly, read:SITE_ID, manage:SITE_ID); got a value with one colon");
    assertThatThrownBy(() -> TokenGrant.parse("ci::admin")).hasMessage("token 'ci' has an empty secret");
    assertThatThrownBy(() -> TokenGrant.parse("ci:topsecret:site=A,"))
        .hasMessage("token 'ci' has an empty site id in 'site=A,'");
  }

  @Test
  void parsesTodaysAbilitiesWithColonsInTheSecretToo() {
    TokenGrant t = TokenGrant.parse("ci:a:b:read:AAAAAA,manage:BBBBBB");
    assertThat(t.secret()).isEqualTo("a:b");
    assertThat(t.permission().sortedAbilities()).containsExactly("manage:BBBBBB", "read:AAAAAA");
    assertThat(TokenGrant.parse("all:x:*").permission().full()).isTrue();
    assertThat(TokenGrant.parse("ro:x:all-sites-readonly").permission().mayListAll()).isTrue();
    assertThatThrownBy(() -> TokenGrant.parse("ci:x:read:"))
        .hasMessageStartingWith("token 'ci' has permission ''; accepted: ");
  }

  @Test
  void todaysAbilitiesDecideReadsAndManagement() {
    Permission p = Permission.parse("read:A,manage:B");
    assertThat(p.mayRead("A")).isTrue();
    assertThat(p.mayManage("A")).isFalse();
    assertThat(p.mayRead("B")).isTrue();
    assertThat(p.mayManage("B")).isTrue();
    assertThat(p.mayRead("C")).isFalse();
    assertThat(p.mayListAll()).isFalse();
    assertThat(p.full()).isFalse();
    Permission ro = Permission.parse("all-sites-readonly");
    assertThat(ro.mayRead("C")).isTrue();
    assertThat(ro.mayManage("C")).isFalse();
    assertThat(Permission.parse("*").mayManage("C")).isTrue();
    assertThat(Permission.ofSites(Set.of("A")).sortedAbilities()).containsExactly("read:A");
  }

  @Test
  void toStringHidesTheSecret() {
    assertThat(TokenGrant.parse("ci:topsecret:site=B,A")).hasToString("TokenGrant[ci, site=A,B, secret=***]");
  }

  @Test
  void generatedAdminTokensAreLongAndDistinct() {
    TokenGrant a = TokenGrant.generateAdmin("admin");
    TokenGrant b = TokenGrant.generateAdmin("admin");
    assertThat(a.secret()).hasSize(43).isNotEqualTo(b.secret());
    assertThat(a.permission()).isEqualTo(Permission.ADMIN);
  }

  @Test
  void permissionsDecideReadsAndWrites() {
    Permission site = Permission.ofSites(Set.of("A"));
    assertThat(site.mayRead("A")).isTrue();
    assertThat(site.mayRead("B")).isFalse();
    assertThat(site.mayWrite()).isFalse();
    assertThat(Permission.READ.mayRead("B")).isTrue();
    assertThat(Permission.READ.mayWrite()).isFalse();
    assertThat(Permission.ADMIN.mayWrite()).isTrue();
  }
}
