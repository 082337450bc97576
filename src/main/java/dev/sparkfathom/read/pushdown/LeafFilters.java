package dev.sparkfathom.read.pushdown;

import dev.sparkfathom.api.Field;

/** Translates a leaf filter on a grouped string column, or its negation, for one API revision. */
interface LeafFilters {
  Outcome translate(Field field, org.apache.spark.sql.sources.Filter f);

  /** Translates {@code NOT f}. */
  Outcome translateNot(Field field, org.apache.spark.sql.sources.Filter f);
}
