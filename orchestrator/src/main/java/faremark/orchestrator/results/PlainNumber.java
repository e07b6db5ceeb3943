package faremark.orchestrator.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes a double the way a person reads it: whole numbers (bytes, counts) without a fraction
 * or exponent ({@code 53477376}, not {@code 5.3477376E7}), others as Java prints them.
 */
public final class PlainNumber extends StdSerializer<Double> {
  public PlainNumber() {
    super(Double.class);
  }

  @Override
  public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    double v = value;
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      gen.writeNumber((long) v);
    } else {
      gen.writeNumber(v);
    }
  }
}
