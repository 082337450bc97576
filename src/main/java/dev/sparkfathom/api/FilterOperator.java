package dev.sparkfathom.api;

import java.util.List;

/**
 * The operators of Fathom's filter JSON. The docs page knew the first four; today's API adds
 * {@code matching} / {@code not matching} (a regular expression, found anywhere in the value
 * unless anchored). Which operators a property accepts is {@link Field#operators(ApiVersion)}.
 */
public enum FilterOperator {
  IS("is"),
  IS_NOT("is not"),
  IS_LIKE("is like"),
  IS_NOT_LIKE("is not like"),
  MATCHING("matching"),
  NOT_MATCHING("not matching");

  /** The operators of the docs page ({@link ApiVersion#LEGACY}). */
  static final List<FilterOperator> LEGACY_OPERATORS = List.of(IS, IS_NOT, IS_LIKE, IS_NOT_LIKE);

  private final String apiName;

  FilterOperator(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  /**
   * True for the operators that keep rows whose value is null ({@code is not}, {@code is not
   * like}, {@code not matching}), as the emulator's contract states them.
   */
  public boolean keepsNulls() {
    return this == IS_NOT || this == IS_NOT_LIKE || this == NOT_MATCHING;
  }

  /** Parses any operator of today's API (the legacy ones are a subset). */
  public static FilterOperator parse(String raw) {
    if (raw != null) {
      for (FilterOperator op : values()) {
        if (op.apiName.equals(raw)) {
          return op;
        }
      }
    }
    throw new IllegalArgumentException(
        "filter operator must be one of " + names(List.of(values())) + "; got: "
            + Names.quote(raw));
  }

  /** "is, is not, ..." for messages. */
  public static String names(List<FilterOperator> operators) {
    return String.join(", ", operators.stream().map(FilterOperator::apiName).toList());
  }

  @Override
  public String toString() {
    return apiName;
  }
}
