package faremark.workload.record;

import faremark.contract.LatencyDistribution;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A latency histogram as text: HdrHistogram's compressed encoding in base64, the form of one
 * line of an HdrHistogram log. One codec for both uses, so they cannot drift apart: a
 * multi-process worker's report to its parent, and the {@code done} event's {@link
 * LatencyDistribution.HdrHistogram} that the orchestrator keeps as the run's histogram.
 */
public final class LatencyCodec {
  private LatencyCodec() {}

  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }

  /** @throws IllegalArgumentException when {@code encoded} is not such a histogram */
  public static Histogram decode(String encoded) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
    } catch (DataFormatException | RuntimeException e) {
      throw new IllegalArgumentException("latency histogram does not decode: " + e.getMessage(), e);
    }
  }

  /** The contract's form of {@code histogram}. */
  public static LatencyDistribution distribution(Histogram histogram) {
    return new LatencyDistribution.HdrHistogram(encode(histogram));
  }
}
