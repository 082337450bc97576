package dev.sparkfathom.emulator;

/** A command line the emulator cannot run with; the message names the flag and what it accepts. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
