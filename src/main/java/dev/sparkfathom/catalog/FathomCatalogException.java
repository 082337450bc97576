package dev.sparkfathom.catalog;

/**
 * A catalog lookup that failed with something to say: a site the token cannot read, a table
 * that does not exist (with the tables that do). Unchecked, so it passes through Spark's
 * table lookup with its message intact (a {@code NoSuchTableException} would be replaced by
 * Spark's generic "table or view not found").
 */
public final class FathomCatalogException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  FathomCatalogException(String message) {
    super(message);
  }
}
