package dev.sparkfathom.read.pushdown;

/** How a Spark filter is handled by the scan; see the {@link dev.sparkfathom.read.pushdown package docs}. */
public enum PushKind {
  /** Translated so that the API returns exactly the rows the filter keeps: not re-checked. */
  EXACT,
  /** Translated to something the API answers with a superset: pushed and re-checked by Spark. */
  WIDENING,
  /** Not pushed at all: Spark evaluates it. */
  KEPT;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
