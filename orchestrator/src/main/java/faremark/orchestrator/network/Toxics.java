package faremark.orchestrator.network;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import faremark.shaper.toxic.Direction;
import faremark.shaper.toxic.PlannedToxic;
import faremark.shaper.toxic.ToxicCatalog;
import faremark.shaper.toxic.ToxicType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Our toxics to and from Toxiproxy through {@code toxiproxy-java} only, so that the embedded
 * shaper and a real Toxiproxy are driven by the same calls. How each type is created and read
 * back is part of its declaration in the shaper ({@link ToxicType#toxiproxyJava}); this class
 * knows no toxic by name.
 */
final class Toxics {
  private Toxics() {}

  /**
   * Creates {@code toxic} on {@code proxy}: with toxicity 1 and every attribute set, then its
   * toxicity with one update when it is below 1.
   */
  static void apply(Proxy proxy, PlannedToxic toxic) throws IOException {
    eu.rekawek.toxiproxy.model.Toxic created = toxic.type().createWithToxiproxyJava(
        proxy.toxics(), toxic.name(), direction(toxic.stream()), toxic.attributes());
    if (toxic.toxicity() < 1) {
      created.setToxicity((float) toxic.toxicity());
    }
  }

  /**
   * The proxy's toxics as it reports them, in Toxiproxy's JSON shape ({@code name, type, stream,
   * toxicity, attributes}), for {@code network.json} and for checking what was applied.
   */
  static List<Map<String, Object>> readBack(Proxy proxy) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (eu.rekawek.toxiproxy.model.Toxic t : proxy.toxics().getAll()) {
      Optional<ToxicType<?>> type = ToxicCatalog.ofToxiproxyJava(t);
      if (type.isEmpty()) {
        throw new IOException("the proxy reports a toxic of a type faremark does not"
            + " know: " + t.getName() + " (" + t.getClass().getSimpleName() + ")");
      }
      Map<String, Object> attributes = new LinkedHashMap<>(
          type.get().readWithToxiproxyJava(t).orElseThrow());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", t.getName());
      m.put("type", type.get().id());
      m.put("stream", t.getStream().name().toLowerCase(java.util.Locale.ROOT));
      // the client carries toxicity as a float: print the shortest decimal that is that float
      m.put("toxicity", Double.parseDouble(Float.toString(t.getToxicity())));
      m.put("attributes", attributes);
      out.add(m);
    }
    return out;
  }

  /**
   * Checks that the proxy holds exactly {@code wanted}, by name; a proxy that dropped or
   * changed a toxic would otherwise make the results describe a network that was not there.
   *
   * @throws IOException naming the first difference
   */
  static void check(List<PlannedToxic> wanted, List<Map<String, Object>> actual)
      throws IOException {
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    actual.forEach(m -> byName.put((String) m.get("name"), m));
    for (PlannedToxic t : wanted) {
      Map<String, Object> got = byName.remove(t.name());
      Map<String, Object> attributes = new LinkedHashMap<>(t.attributes());
      if (got == null
          || !t.type().id().equals(got.get("type"))
          || !t.stream().id().equals(got.get("stream"))
          || Math.abs(((Number) got.get("toxicity")).doubleValue() - t.toxicity()) > 1e-6
          || !attributes.equals(got.get("attributes"))) {
        throw new IOException("the proxy did not take toxic " + t.describe() + "; it reports "
            + (got == null ? "no such toxic" : got));
      }
    }
    if (!byName.isEmpty()) {
      throw new IOException("the proxy has toxics faremark did not ask for: " + byName.keySet());
    }
  }

  static ToxicDirection direction(Direction stream) {
    return switch (stream) {
      case UPSTREAM -> ToxicDirection.UPSTREAM;
      case DOWNSTREAM -> ToxicDirection.DOWNSTREAM;
    };
  }
}
