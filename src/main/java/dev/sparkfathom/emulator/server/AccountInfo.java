package dev.sparkfathom.emulator.server;

/** What {@code GET /v1/account} answers: the account that owns every token. */
public record AccountInfo(long id, String name, String email) {
  public static final AccountInfo DEFAULT =
      new AccountInfo(1, "Fathom Emulator", "emulator@localhost");
}
