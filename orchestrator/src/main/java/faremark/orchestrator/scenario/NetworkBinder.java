package faremark.orchestrator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.DataSize;
import faremark.contract.DurationText;
import faremark.orchestrator.scenario.ScenarioDocument.NetworkSection;
import faremark.orchestrator.scenario.ScenarioDocument.ShorthandSection;
import faremark.orchestrator.scenario.ScenarioDocument.ToxicSection;
import faremark.shaper.toxic.Direction;
import faremark.shaper.toxic.PlannedToxic;
import faremark.shaper.toxic.ToxicCatalog;
import faremark.shaper.toxic.ToxicType;
import faremark.shaper.toxic.ToxicUnit;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds a scenario's {@code network} section: toxics in Toxiproxy's vocabulary (checked against
 * each type's one declaration in the shaper's {@link ToxicCatalog}: attribute names, units,
 * defaults, the rule across them, and whether toxiproxy-java can create it), the shorthands
 * {@code rtt}, {@code jitter}, {@code bandwidth} (expanded by {@link NetworkShorthands}) and the
 * optional {@code proxy.url}. Problems go to the shared list with their position, like {@link
 * ScenarioBinder}'s.
 */
final class NetworkBinder {
  private final LocatedProblems at;

  NetworkBinder(LocatedProblems at) {
    this.at = at;
  }

  /** The network, or {@link Network#NONE} when the section is absent; null after a problem. */
  Network bind(NetworkSection s) {
    if (s == null) {
      return Network.NONE;
    }
    int before = at.count();
    NetworkShorthands given = shorthands("network", s.rtt(), s.jitter(), s.bandwidth());
    NetworkShorthands recorded = NetworkShorthands.NONE;
    if (s.expandedFrom() != null) {
      ShorthandSection e = s.expandedFrom();
      recorded = shorthands("network.expandedFrom", e.rtt(), e.jitter(), e.bandwidth());
      if (given != null && !given.isEmpty()) {
        at.atKey("network.expandedFrom", "expandedFrom records shorthands that are already"
            + " expanded into toxics (a resolved scenario); give either rtt/jitter/bandwidth or"
            + " expandedFrom, not both");
      }
    }
    List<PlannedToxic> toxics = new ArrayList<>();
    if (given != null) {
      toxics.addAll(given.expand());
    }
    List<ToxicSection> declared = s.toxics() == null ? List.of() : s.toxics();
    Set<String> names = new HashSet<>(toxics.stream().map(PlannedToxic::name).toList());
    for (int i = 0; i < declared.size(); i++) {
      PlannedToxic t = toxic("network.toxics[" + i + "]", declared.get(i));
      if (t != null) {
        if (!names.add(t.name())) {
          String path = "network.toxics[" + i + "]" + (declared.get(i).name() == null ? "" : ".name");
          at.atValue(path, "a toxic named '" + t.name() + "' already exists (names are unique per "
              + "proxy; unnamed toxics are called <type>_<stream>, shorthands make rtt_* and "
              + "bandwidth_*); give this one another name");
        } else {
          toxics.add(t);
        }
      }
    }
    Optional<URI> url = s.proxy() == null ? Optional.empty() : proxyUrl(s.proxy().url());
    if (at.count() > before) {
      return null;
    }
    return new Network(toxics, given != null && !given.isEmpty() ? given : recorded, url);
  }

  /** Null after a problem, so that nothing half-expanded is applied. */
  private NetworkShorthands shorthands(String prefix, String rtt, String jitter, String bandwidth) {
    Optional<Duration> r = millis(prefix + ".rtt", rtt);
    Optional<Duration> j = millis(prefix + ".jitter", jitter);
    boolean failed = (rtt != null && r.isEmpty()) || (jitter != null && j.isEmpty());
    Optional<DataSize> b = Optional.empty();
    if (bandwidth != null) {
      String path = prefix + ".bandwidth";
      try {
        DataSize perSecond = ToxicUnit.perSecond(bandwidth);
        NetworkShorthands.kbPerSecond(perSecond);
        b = Optional.of(perSecond);
      } catch (IllegalArgumentException e) {
        at.atValue(path, "expected a rate such as 1MB/s or 500KB/s that is a whole number of "
            + "Toxiproxy's KB/s (1 KB = 1000 B); got " + at.found(path, bandwidth) + ": " + e.getMessage());
        failed = true;
      }
    }
    if (jitter != null && rtt == null) {
      at.atValue(prefix + ".jitter", "jitter varies the rtt: give an rtt too, e.g. rtt: 200ms");
      failed = true;
    }
    return failed ? null : new NetworkShorthands(r, j, b);
  }

  private Optional<Duration> millis(String path, String given) {
    if (given == null) {
      return Optional.empty();
    }
    try {
      Duration d = DurationText.parse(given);
      ToxicUnit.millis(d);
      return Optional.of(d);
    } catch (IllegalArgumentException e) {
      at.atValue(path, "expected a duration in whole milliseconds (Toxiproxy's latency unit), e.g. "
          + "200ms; got " + at.found(path, given));
      return Optional.empty();
    }
  }

  private PlannedToxic toxic(String path, ToxicSection s) {
    if (s == null) {
      at.atValue(path, "expected a toxic {type, stream, toxicity, attributes}; got an empty entry");
      return null;
    }
    if (s.type() == null) {
      at.atValue(path, "a toxic needs a type, one of " + typeIds());
      return null;
    }
    Optional<ToxicType<?>> type = ToxicCatalog.find(s.type().strip());
    if (type.isEmpty()) {
      at.atValue(path + ".type", "expected a toxic type, one of " + typeIds() + "; got "
          + at.found(path + ".type", s.type()));
      return null;
    }
    if (type.get().toxiproxyJava().isEmpty()) {
      at.atValue(path + ".type", "the shaper has a " + type.get().id() + " toxic, but"
          + " toxiproxy-java, which faremark drives every proxy with, cannot create it; expected"
          + " one of " + typeIds() + "; got " + at.found(path + ".type", s.type()));
      return null;
    }
    boolean ok = true;
    Direction stream = Direction.DOWNSTREAM;
    if (s.stream() != null) {
      Optional<Direction> given = Arrays.stream(Direction.values())
          .filter(d -> d.id().equals(s.stream().strip())).findFirst();
      if (given.isPresent()) {
        stream = given.get();
      } else {
        at.atValue(path + ".stream", "expected " + String.join(" or ",
            Arrays.stream(Direction.values()).map(Direction::id).toList())
            + " (client → server, server → client); got " + at.found(path + ".stream", s.stream()));
        ok = false;
      }
    }
    double toxicity = 1;
    JsonNode tx = s.toxicity();
    if (tx != null && !tx.isNull()) {
      if (tx.isNumber() && tx.doubleValue() >= 0 && tx.doubleValue() <= 1) {
        toxicity = tx.doubleValue();
      } else {
        at.atValue(path + ".toxicity", "expected a probability from 0 to 1, e.g. 0.2; got "
            + at.found(path + ".toxicity", tx.asText()));
        ok = false;
      }
    }
    String name = s.name() == null ? PlannedToxic.defaultName(type.get(), stream) : s.name();
    if (!name.matches(PlannedToxic.NAME_PATTERN)) {
      at.atValue(path + ".name", "expected a name of letters, digits, '_', '-' or '.'; got "
          + at.found(path + ".name", name));
      ok = false;
    }
    Map<String, Long> attributes = attributes(path + ".attributes", type.get(),
        s.attributes() == null ? Map.of() : s.attributes());
    if (!ok || attributes == null) {
      return null;
    }
    return new PlannedToxic(name, type.get(), stream, toxicity, attributes);
  }

  /** The toxic types a scenario may ask for: the registered ones toxiproxy-java can create. */
  private static List<String> typeIds() {
    return ToxicCatalog.all().stream()
        .filter(t -> t.toxiproxyJava().isPresent()).map(ToxicType::id).toList();
  }

  private Map<String, Long> attributes(
      String path, ToxicType<?> type, Map<String, JsonNode> given) {
    Map<String, Long> out = new LinkedHashMap<>();
    boolean ok = true;
    for (String name : given.keySet()) {
      if (type.attribute(name).isEmpty()) {
        at.atKey(path + "." + name, "unknown attribute '" + name + "' for a " + type.id()
            + " toxic; expected " + String.join(", ", type.attributeNames()));
        ok = false;
      }
    }
    for (ToxicType.Attribute<?> a : type.attributes()) {
      String p = path + "." + a.name();
      JsonNode v = given.get(a.name());
      if (v == null || v.isNull()) {
        if (a.defaultValue().isPresent()) {
          out.put(a.name(), a.defaultValue().getAsLong());
        } else {
          at.atValue(given.isEmpty() ? path.substring(0, path.lastIndexOf('.')) : path,
              "a " + type.id() + " toxic needs attributes." + a.name() + " ("
                  + a.unit().expected() + ")");
          ok = false;
        }
        continue;
      }
      Long value = null;
      if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0) {
        value = v.longValue();
      } else if (v.isTextual()) {
        try {
          value = a.unit().parse(v.asText());
        } catch (IllegalArgumentException e) {
          value = null;
        }
      }
      if (value == null) {
        at.atValue(p, "expected " + a.unit().expected() + "; got " + at.found(p, v.asText()));
        ok = false;
      } else {
        out.put(a.name(), value);
      }
    }
    if (ok) {
      // faremark's rule across the attributes, from the type's declaration
      Optional<ToxicType.Problem> problem = type.check(type.values(out));
      if (problem.isPresent()) {
        at.atValue(path + "." + problem.get().attribute(), problem.get().message());
        ok = false;
      }
    }
    return ok ? out : null;
  }

  private Optional<URI> proxyUrl(String given) {
    String path = "network.proxy.url";
    if (given == null) {
      return Optional.empty();
    }
    try {
      URI u = new URI(given.strip());
      if ("http".equals(u.getScheme()) && u.getHost() != null && u.getPort() > 0
          && (u.getPath() == null || u.getPath().isEmpty() || u.getPath().equals("/"))) {
        return Optional.of(u);
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    at.atValue(path, "expected a Toxiproxy API URL such as http://127.0.0.1:8474; got " + at.found(path, given));
    return Optional.empty();
  }
}
