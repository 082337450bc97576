package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkfathom.config.ReadSpec;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class FathomSchemaTest {
  private static StructType schemaOf(String... kv) {
    Map<String, String> m = new HashMap<>(Map.of("site_id", "S", "token", "t"));
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return FathomSchema.infer(ReadSpec.parse(m, Map.of()));
  }

  @Test
  void groupedFieldsThenDateThenAggregatesInTheGivenOrder() {
    StructType s = schemaOf("field_grouping", "pathname,browser", "date_grouping", "day",
        "aggregates", "bounce_rate,pageviews");
    assertThat(s.simpleString()).isEqualTo(
        "struct<pathname:string,browser:string,date:date,bounce_rate:double,pageviews:bigint>");
    assertThat(s.apply("pathname").nullable()).isTrue();
    assertThat(s.apply("date").nullable()).isFalse();
  }

  @Test
  void hourBucketsAreLocalTimestampsOrInstantsOtherBucketsDates() {
    assertThat(schemaOf("date_grouping", "hour", "aggregates", "visits").apply("date").dataType())
        .isEqualTo(DataTypes.TimestampNTZType);
    assertThat(schemaOf("date_grouping", "hour", "aggregates", "visits", "hour_type", "timestamp_ntz")
        .apply("date").dataType()).isEqualTo(DataTypes.TimestampNTZType);
    assertThat(schemaOf("date_grouping", "hour", "aggregates", "visits", "hour_type", "TIMESTAMP")
        .apply("date").dataType()).isEqualTo(DataTypes.TimestampType);
    assertThat(schemaOf("date_grouping", "day", "aggregates", "visits", "hour_type", "timestamp")
        .apply("date").dataType()).isEqualTo(DataTypes.DateType);
    for (String g : new String[] {"day", "month", "year"}) {
      assertThat(schemaOf("date_grouping", g, "aggregates", "visits").apply("date").dataType())
          .isEqualTo(DataTypes.DateType);
    }
  }

  @Test
  void withoutAggregatesEveryAggregateOfTheEntityWithItsType() {
    assertThat(schemaOf().simpleString()).isEqualTo(
        "struct<pageviews:bigint,visits:bigint,uniques:bigint,avg_duration:double,bounce_rate:double>");
    assertThat(schemaOf("entity", "event", "event_id", "e", "site_id", "").simpleString()).isEqualTo(
        "struct<conversions:bigint,unique_conversions:bigint,value:bigint>");
  }

  @Test
  void userSchemaMayNameASubsetWithTheSameTypes() {
    StructType inferred = schemaOf("field_grouping", "pathname", "aggregates", "pageviews,visits");
    FathomSchema.check(new StructType().add("pathname", DataTypes.StringType).add("visits", DataTypes.LongType), inferred);
  }

  @Test
  void userSchemaMayNotPromiseNonNullWhereFathomSendsNulls() {
    StructType inferred = schemaOf("field_grouping", "pathname", "aggregates", "pageviews");
    StructType user = new StructType().add("pathname", DataTypes.StringType, false);
    assertThatThrownBy(() -> FathomSchema.check(user, inferred)).hasMessage(
        "the given schema does not fit the report: column 'pathname' can be null. "
            + "The options give: struct<pathname:string,pageviews:bigint>");
  }

  @Test
  void userSchemaWithOtherColumnsOrTypesIsRefusedShowingTheInferredOne() {
    StructType inferred = schemaOf("field_grouping", "pathname", "aggregates", "pageviews");
    StructType user = new StructType().add("pathname", DataTypes.StringType)
        .add("pageviews", DataTypes.IntegerType).add("country", DataTypes.StringType);
    assertThatThrownBy(() -> FathomSchema.check(user, inferred)).hasMessage(
        "the given schema does not fit the report: column 'pageviews' is bigint, not int; "
            + "column 'country' is not in the report. The options give: struct<pathname:string,pageviews:bigint>");
  }
}
