package faremark.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Duration;

/**
 * Durations on the wire as whole numbers of a unit named in the field ({@code timeoutMs},
 * {@code requestPhaseUs}), readable from any language without a duration parser.
 */
public final class MillisDuration {
  private MillisDuration() {}

  public static final class Serializer extends StdSerializer<Duration> {
    public Serializer() {
      super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeNumber(value.toMillis());
    }
  }

  public static final class Deserializer extends StdDeserializer<Duration> {
    public Deserializer() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return Duration.ofMillis(p.getValueAsLong());
    }
  }

  /** Microseconds: for measured phases, where milliseconds would hide the effect. */
  public static final class MicrosSerializer extends StdSerializer<Duration> {
    public MicrosSerializer() {
      super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeNumber(value.toNanos() / 1_000);
    }
  }

  public static final class MicrosDeserializer extends StdDeserializer<Duration> {
    public MicrosDeserializer() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return Duration.ofNanos(p.getValueAsLong() * 1_000);
    }
  }
}
