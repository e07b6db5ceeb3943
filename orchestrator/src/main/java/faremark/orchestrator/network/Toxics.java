package faremark.orchestrator.network;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.ToxicList;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import faremark.orchestrator.scenario.Toxic;
import faremark.orchestrator.scenario.ToxicStream;
import faremark.orchestrator.scenario.ToxicType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our toxics to and from Toxiproxy through {@code toxiproxy-java} only, so that the embedded
 * shaper and a real Toxiproxy are driven by the same calls. The client creates a toxic with its
 * main attribute and toxicity 1, then sets the others (jitter, size_variation, toxicity) with one
 * update each; nothing flows through the proxy before the last update, so no connection sees a
 * half-made toxic.
 */
final class Toxics {
  private Toxics() {}

  /** Creates {@code toxic} on {@code proxy}. */
  static void apply(Proxy proxy, Toxic toxic) throws IOException {
    ToxicList list = proxy.toxics();
    String name = toxic.name();
    ToxicDirection dir = direction(toxic.stream());
    eu.rekawek.toxiproxy.model.Toxic created = switch (toxic.type()) {
      case LATENCY -> {
        Latency l = list.latency(name, dir, toxic.attribute("latency"));
        if (toxic.attribute("jitter") != 0) {
          l.setJitter(toxic.attribute("jitter"));
        }
        yield l;
      }
      case BANDWIDTH -> list.bandwidth(name, dir, toxic.attribute("rate"));
      case SLOW_CLOSE -> list.slowClose(name, dir, toxic.attribute("delay"));
      case TIMEOUT -> list.timeout(name, dir, toxic.attribute("timeout"));
      case RESET_PEER -> list.resetPeer(name, dir, toxic.attribute("timeout"));
      case SLICER -> {
        Slicer s = list.slicer(name, dir, toxic.attribute("average_size"), toxic.attribute("delay"));
        if (toxic.attribute("size_variation") != 0) {
          s.setSizeVariation(toxic.attribute("size_variation"));
        }
        yield s;
      }
      case LIMIT_DATA -> list.limitData(name, dir, toxic.attribute("bytes"));
    };
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
      Map<String, Object> attributes = new LinkedHashMap<>();
      ToxicType type = switch (t) {
        case Latency l -> {
          attributes.put("latency", l.getLatency());
          attributes.put("jitter", l.getJitter());
          yield ToxicType.LATENCY;
        }
        case Bandwidth b -> {
          attributes.put("rate", b.getRate());
          yield ToxicType.BANDWIDTH;
        }
        case SlowClose s -> {
          attributes.put("delay", s.getDelay());
          yield ToxicType.SLOW_CLOSE;
        }
        case Timeout x -> {
          attributes.put("timeout", x.getTimeout());
          yield ToxicType.TIMEOUT;
        }
        case ResetPeer r -> {
          attributes.put("timeout", r.getTimeout());
          yield ToxicType.RESET_PEER;
        }
        case Slicer s -> {
          attributes.put("average_size", s.getAverageSize());
          attributes.put("size_variation", s.getSizeVariation());
          attributes.put("delay", s.getDelay());
          yield ToxicType.SLICER;
        }
        case LimitData d -> {
          attributes.put("bytes", d.getBytes());
          yield ToxicType.LIMIT_DATA;
        }
        default -> throw new IOException("the proxy reports a toxic of a type faremark does not"
            + " know: " + t.getName() + " (" + t.getClass().getSimpleName() + ")");
      };
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", t.getName());
      m.put("type", type.id());
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
  static void check(List<Toxic> wanted, List<Map<String, Object>> actual) throws IOException {
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    actual.forEach(m -> byName.put((String) m.get("name"), m));
    for (Toxic t : wanted) {
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

  static ToxicDirection direction(ToxicStream stream) {
    return switch (stream) {
      case UPSTREAM -> ToxicDirection.UPSTREAM;
      case DOWNSTREAM -> ToxicDirection.DOWNSTREAM;
    };
  }
}
