package dev.sparkfathom.api;

import java.io.Serializable;
import java.util.Objects;

/** One element of Fathom's {@code filters} JSON array. */
public record Filter(Field property, FilterOperator operator, String value)
    implements Serializable {
  public Filter {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(value, "value");
    if (!property.filterable()) {
      throw new IllegalArgumentException(
          "filter property " + property.apiName() + " is not filterable");
    }
  }

  public static Filter is(Field property, String value) {
    return new Filter(property, FilterOperator.IS, value);
  }

  public static Filter isNot(Field property, String value) {
    return new Filter(property, FilterOperator.IS_NOT, value);
  }

  public static Filter isLike(Field property, String value) {
    return new Filter(property, FilterOperator.IS_LIKE, value);
  }

  public static Filter isNotLike(Field property, String value) {
    return new Filter(property, FilterOperator.IS_NOT_LIKE, value);
  }

  @Override
  public String toString() {
    return property.apiName() + " " + operator.apiName() + " '" + value + "'";
  }
}
