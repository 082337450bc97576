package dev.sparkfathom.client;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** Decodes a 2xx body from a parser placed before its first token. */
@FunctionalInterface
interface BodyDecoder<T> {
  T decode(JsonParser p) throws IOException, BodyShapeException;
}
