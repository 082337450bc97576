package dev.sparkfathom.client;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.List;

/**
 * Decodes an aggregation answer into the typed rows of the client API: {@link PackedDecoder}
 * reads the body (every rule of the answer's shape lives there), and the packed rows are then
 * given as {@link AggregationRow}s, equal dimension values sharing one String and each date
 * label's bucket start shared by its rows. The Spark read path reads the packed rows directly.
 */
final class AggregationDecoder implements BodyDecoder<List<AggregationRow>> {
  private final PackedDecoder packed;

  AggregationDecoder(AggregationQuery query) {
    this.packed = new PackedDecoder(query);
  }

  @Override
  public List<AggregationRow> decode(JsonParser p) throws IOException, BodyShapeException {
    return packed.decode(p).toRows();
  }
}
