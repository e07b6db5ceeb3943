package faremark.orchestrator.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The toxics a scenario can ask for: Toxiproxy 2.x's TCP toxics that {@code toxiproxy-java}
 * can create, with Toxiproxy's own type ids, attribute names and units (from its
 * {@code toxics/*.go}). An attribute without a default must be given; the defaults are
 * Toxiproxy's (Go's zero values).
 */
public enum ToxicType {
  /** Delays every chunk by latency ± jitter (uniform). */
  LATENCY("latency",
      Attribute.required("latency", ToxicUnit.MILLISECONDS),
      Attribute.optional("jitter", ToxicUnit.MILLISECONDS, 0)),
  /** Passes data at most {@code rate} KB/s per connection and direction. */
  BANDWIDTH("bandwidth", Attribute.required("rate", ToxicUnit.KB_PER_SECOND)),
  /** Delays the close of the connection by {@code delay}. */
  SLOW_CLOSE("slow_close", Attribute.required("delay", ToxicUnit.MILLISECONDS)),
  /** Drops all data; closes the connection after {@code timeout} (0: never). */
  TIMEOUT("timeout", Attribute.required("timeout", ToxicUnit.MILLISECONDS)),
  /** Resets the connection (TCP RST) {@code timeout} after the first data (0: at once). */
  RESET_PEER("reset_peer", Attribute.optional("timeout", ToxicUnit.MILLISECONDS, 0)),
  /** Cuts data into chunks of average_size ± size_variation bytes, {@code delay} µs apart. */
  SLICER("slicer",
      Attribute.required("average_size", ToxicUnit.BYTES),
      Attribute.optional("size_variation", ToxicUnit.BYTES, 0),
      Attribute.optional("delay", ToxicUnit.MICROSECONDS, 0)),
  /** Closes the connection once {@code bytes} have passed. */
  LIMIT_DATA("limit_data", Attribute.required("bytes", ToxicUnit.BYTES));

  /** One attribute: its Toxiproxy name, unit and default (empty: required). */
  public record Attribute(String name, ToxicUnit unit, OptionalLong defaultValue) {
    static Attribute required(String name, ToxicUnit unit) {
      return new Attribute(name, unit, OptionalLong.empty());
    }

    static Attribute optional(String name, ToxicUnit unit, long dflt) {
      return new Attribute(name, unit, OptionalLong.of(dflt));
    }
  }

  private final String id;
  private final List<Attribute> attributes;

  ToxicType(String id, Attribute... attributes) {
    this.id = id;
    this.attributes = List.of(attributes);
  }

  /** Toxiproxy's type id, e.g. {@code reset_peer}. */
  public String id() {
    return id;
  }

  /** In Toxiproxy's order, which is also the order they are written back. */
  public List<Attribute> attributes() {
    return attributes;
  }

  public Optional<Attribute> attribute(String name) {
    return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  public List<String> attributeNames() {
    return attributes.stream().map(Attribute::name).toList();
  }

  public static Optional<ToxicType> find(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(ToxicType::id).toList();
  }
}
