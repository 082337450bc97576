package dev.sparkfathom.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkfathom.client.FathomServerException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Spark ships a failed task's exception to the driver by Java serialization; when that fails
 * the driver gets only text, and a caller can no longer catch the exception or read its status.
 */
class FathomReadExceptionTest {
  @Test
  void survivesJavaSerializationWithItsStatusAndMessage() throws Exception {
    FathomReadException e = new FathomReadException("window 1 (2024-03-01 00:00:00 to 2024-03-10 23:59:59)",
        new FathomServerException("HTTP 503 from GET /v1/aggregations: Service Unavailable", 503,
            "Service Unavailable", null));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }
    Object back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = in.readObject();
    }

    assertThat(back).isInstanceOf(FathomReadException.class);
    FathomReadException read = (FathomReadException) back;
    assertThat(read.status()).isEqualTo(503);
    assertThat(read.getMessage()).isEqualTo("Fathom request for window 1 (2024-03-01 00:00:00 to 2024-03-10 23:59:59)"
        + " failed: HTTP 503 from GET /v1/aggregations: Service Unavailable");
  }
}
