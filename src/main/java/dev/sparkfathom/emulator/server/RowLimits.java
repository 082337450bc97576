package dev.sparkfathom.emulator.server;

/**
 * Today's row cap on aggregations: with {@code field_grouping} and no {@code limit}, at most
 * {@code defaultLimit} rows; {@code limit} accepted from 1 to {@code maxLimit}, above that a
 * 400 naming {@code limit}. The cut is silent, as the live service's is (the request log
 * records it). Both settable so tests can reach the cap with little data. Only today's API
 * ({@code --api current}) applies it.
 */
public record RowLimits(int defaultLimit, int maxLimit) {
  /** The live service's figures. */
  public static final RowLimits FATHOM = new RowLimits(500, 1000);

  public RowLimits {
    if (defaultLimit < 1) {
      throw new IllegalArgumentException(
          "default row limit must be at least 1; got: " + defaultLimit);
    }
    if (maxLimit < defaultLimit) {
      throw new IllegalArgumentException("max row limit must be at least the default row limit ("
          + defaultLimit + "); got: " + maxLimit);
    }
  }
}
