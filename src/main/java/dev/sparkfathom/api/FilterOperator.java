package dev.sparkfathom.api;

/** The operators of Fathom's filter JSON. */
public enum FilterOperator {
  IS("is"),
  IS_NOT("is not"),
  IS_LIKE("is like"),
  IS_NOT_LIKE("is not like");

  private final String apiName;

  FilterOperator(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  public static FilterOperator parse(String raw) {
    if (raw != null) {
      for (FilterOperator op : values()) {
        if (op.apiName.equals(raw)) {
          return op;
        }
      }
    }
    throw new IllegalArgumentException(
        "filter operator must be one of is, is not, is like, is not like; got: "
            + Names.quote(raw));
  }

  @Override
  public String toString() {
    return apiName;
  }
}
