package faremark.orchestrator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.DataSize;
import faremark.contract.DurationText;
import faremark.orchestrator.scenario.ScenarioDocument.SweepSection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Binds the {@code sweep:} section (kept out of {@link ScenarioBinder}, which is full): the
 * parameter (one of {@link SweepParameter}), its points as a list or a geometric grid, the run
 * order and its seed, the barrier and the Java heap variants. Each value is checked as every
 * other field is; what a point asks of the server and the machine is checked by {@link
 * ScenarioBinder} once the scenario exists, with {@link #checkPoints}.
 */
final class SweepBinder {
  /** The most points a sweep takes: far more than any fit needs, few enough to run. */
  static final int MAX_POINTS = 100;

  /** The shuffle's seed when the file gives none: recorded in the resolved scenario. */
  static final long SEED = 42L;

  private final LocatedProblems at;

  SweepBinder(LocatedProblems at) {
    this.at = at;
  }

  /** Empty without a section, or when it has problems (they are in the binder's list). */
  Optional<Sweep> bind(SweepSection s) {
    if (s == null) {
      return Optional.empty();
    }
    int before = at.count();
    SweepParameter parameter = null;
    if (s.parameter() == null) {
      at.atValue("sweep", "expected sweep.parameter, one of " + String.join(", ", SweepParameter.paths()));
    } else {
      parameter = SweepParameter.of(s.parameter().strip()).orElse(null);
      if (parameter == null) {
        at.atValue("sweep.parameter", "expected one of " + String.join(", ", SweepParameter.paths())
            + "; got " + at.found("sweep.parameter", s.parameter()));
      }
    }
    List<Integer> values = parameter == null ? List.of() : values(s, parameter);
    SweepOrder order = SweepOrder.INTERLEAVED;
    if (s.order() != null) {
      try {
        order = SweepOrder.of(s.order().strip());
      } catch (IllegalArgumentException e) {
        at.atValue("sweep.order", "expected one of " + String.join(", ", SweepOrder.ids()) + "; got "
            + at.found("sweep.order", s.order()));
      }
    }
    Duration timeout = Sweep.BARRIER_TIMEOUT;
    if (s.barrierTimeout() != null) {
      try {
        timeout = DurationText.parse(s.barrierTimeout());
        if (timeout.compareTo(Duration.ofMillis(1)) < 0) {
          at.atValue("sweep.barrierTimeout", "expected at least 1ms; got "
              + at.found("sweep.barrierTimeout", s.barrierTimeout()));
        }
      } catch (IllegalArgumentException e) {
        at.atValue("sweep.barrierTimeout", "expected " + DurationText.EXPECTED + "; got "
            + at.found("sweep.barrierTimeout", s.barrierTimeout()));
      }
    }
    List<String> heaps = heaps(s.javaHeap());
    boolean barrier = s.barrier() == null ? parameter == SweepParameter.CONCURRENCY : s.barrier();
    if (at.count() > before || values.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Sweep(parameter, values, order, s.seed() == null ? SEED : s.seed(),
        barrier, timeout, heaps));
  }

  /**
   * What each point asks of the fare server and this machine (days, open files, ports), refused
   * before anything starts, at the point's value; and the {@code days} a resolved scenario wrote,
   * which must be what the points give.
   */
  void checkPoints(Scenario s, SweepSection section, MachineFacts machine) {
    Sweep sw = s.sweep().orElseThrow();
    List<Integer> days = new ArrayList<>();
    for (int i = 0; i < sw.points(); i++) {
      Scenario point;
      try {
        point = s.atPoint(i, Sweep.DEFAULT_HEAP);
      } catch (IllegalArgumentException e) {
        // a point the scenario cannot take (network.rtt beside a toxic that already has the
        // name its shorthand gives): said once, at the parameter
        at.atFirstValue(List.of("sweep.parameter", "sweep"), "at the point " + sw.parameter().path()
            + " = " + sw.value(i) + ": " + e.getMessage());
        return;
      }
      days.add(point.job().days());
      List<ScenarioLimits.Finding> found = new ArrayList<>(ScenarioLimits.server(point.job(), point.server().payload()));
      found.addAll(ScenarioLimits.machine(point.job(), point.client(), machine));
      String where = section.values() != null ? "sweep.values[" + i + "]" : "sweep.to";
      for (ScenarioLimits.Finding f : found) {
        if (f.severity() == ScenarioLimits.Severity.REFUSED) {
          at.atFirstValue(List.of(where, "sweep"), "at the point " + sw.parameter().path() + " = "
              + sw.value(i) + " (" + point.job().days() + " days): " + f.field() + ": " + f.message());
        }
      }
    }
    if (sw.barrier() && s.warmup() > 0) {
      // a warm-up pass makes the whole job's requests before ready: the barrier would release
      // on them, and the measured requests would never be proven in flight at once
      at.atFirstValue(List.of("run.warmup", "sweep.barrier"), "a sweep's barrier proves the"
          + " measured requests' concurrency, which warm-up passes would use up first; set"
          + " run.warmup: 0 or sweep.barrier: false");
    }
    Duration held = sw.barrierTimeout().plus(s.server().serviceTime().mean());
    if (sw.barrier() && held.compareTo(s.client().requestTimeout()) >= 0) {
      at.atFirstValue(List.of("sweep.barrierTimeout", "client.requestTimeout", "sweep"),
          "the barrier may hold a request for up to " + DurationText.format(sw.barrierTimeout())
              + " before its " + DurationText.format(s.server().serviceTime().mean())
              + " service time, so client.requestTimeout ("
              + DurationText.format(s.client().requestTimeout()) + ") must be longer than both;"
              + " raise it or shorten sweep.barrierTimeout");
    }
    if (section.days() != null && !section.days().equals(days)) {
      at.atValue("sweep.days", "sweep.days is written by faremark (the job's days at each point)"
          + " and must be " + days + " for these points; remove it or correct it");
    }
  }

  private List<Integer> values(SweepSection s, SweepParameter p) {
    boolean grid = s.from() != null || s.to() != null || s.points() != null;
    if (s.values() != null && grid) {
      at.atKey(s.from() != null ? "sweep.from" : s.to() != null ? "sweep.to" : "sweep.points",
          "give either values: [...] or from, to and points, not both");
      return List.of();
    }
    List<Integer> out = new ArrayList<>();
    if (s.values() != null) {
      if (s.values().isEmpty()) {
        at.atValue("sweep.values", "expected at least one value, e.g. [1, 10, 100]; got an empty list");
      }
      for (int i = 0; i < s.values().size(); i++) {
        number("sweep.values[" + i + "]", s.values().get(i), p).ifPresent(out::add);
      }
    } else if (grid) {
      out.addAll(grid(s, p));
    } else {
      at.atValue("sweep", "expected values: [v1, v2, ...] or from, to and points");
      return List.of();
    }
    if (new LinkedHashSet<>(out).size() != out.size()) {
      at.atValue(s.values() != null ? "sweep.values" : "sweep.points", "the points repeat a value"
          + (s.values() != null ? "" : " once rounded to whole numbers; use fewer points") + ": "
          + out);
      return List.of();
    }
    if (out.size() > MAX_POINTS) {
      at.atValue(s.values() != null ? "sweep.values" : "sweep.points", "expected at most "
          + MAX_POINTS + " points; got " + out.size());
    }
    return out;
  }

  /** from × (to / from)^(i / (points - 1)), rounded: evenly spread on a log axis. */
  private List<Integer> grid(SweepSection s, SweepParameter p) {
    Optional<Integer> from = s.from() == null ? missing("sweep.from") : number("sweep.from", s.from(), p);
    Optional<Integer> to = s.to() == null ? missing("sweep.to") : number("sweep.to", s.to(), p);
    Integer points = s.points();
    if (points == null) {
      at.atValue("sweep", "a grid needs points: how many values from " + "from to to");
      return List.of();
    }
    if (points < 2 || points > MAX_POINTS) {
      at.atValue("sweep.points", "expected a whole number from 2 to " + MAX_POINTS + "; got "
          + at.found("sweep.points", points.toString()));
      return List.of();
    }
    if (from.isEmpty() || to.isEmpty()) {
      return List.of();
    }
    if (from.get() < 1) {
      at.atValue("sweep.from", "a grid is geometric, evenly spread on a log axis, so it starts"
          + " above 0; got " + at.found("sweep.from", from.get().toString()) + " (list 0 and the"
          + " other points under values: instead)");
      return List.of();
    }
    if (to.get() <= from.get()) {
      at.atValue("sweep.to", "expected more than from (" + from.get() + "); got "
          + at.found("sweep.to", to.get().toString()));
      return List.of();
    }
    List<Integer> out = new ArrayList<>();
    double ratio = (double) to.get() / from.get();
    for (int i = 0; i < points; i++) {
      out.add(i == points - 1 ? to.get()
          : (int) Math.round(from.get() * Math.pow(ratio, (double) i / (points - 1))));
    }
    return out;
  }

  private Optional<Integer> missing(String path) {
    at.atValue("sweep", "a grid needs " + path.substring("sweep.".length()) + " (from, to and points)");
    return Optional.empty();
  }

  private Optional<Integer> number(String path, JsonNode node, SweepParameter p) {
    Optional<Double> text = node != null && node.isTextual() ? p.fromText(node.asText())
        : Optional.empty();
    if (text.isPresent() || node != null && node.isNumber()) {
      double value = text.orElseGet(node::doubleValue);
      Optional<String> wrong = p.check(value);
      if (wrong.isEmpty()) {
        return Optional.of((int) value);
      }
      at.atValue(path, wrong.get() + "; got " + at.found(path, node.asText()));
      return Optional.empty();
    }
    at.atValue(path, "expected " + p.expected() + " for " + p.path() + "; got "
        + at.found(path, node == null || node.isNull() ? "nothing" : node.isValueNode() ? node.asText()
            : node.isArray() ? "a list" : "a mapping"));
    return Optional.empty();
  }

  private List<String> heaps(List<String> given) {
    if (given == null) {
      return List.of(Sweep.DEFAULT_HEAP);
    }
    if (given.isEmpty()) {
      at.atValue("sweep.javaHeap", "expected at least one variant, e.g. [default, 512MiB]; got an"
          + " empty list");
      return List.of(Sweep.DEFAULT_HEAP);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String path = "sweep.javaHeap[" + i + "]";
      String h = given.get(i) == null ? "" : given.get(i).strip();
      if (!h.equals(Sweep.DEFAULT_HEAP)) {
        try {
          if (DataSize.parse(h).compareTo(DataSize.ofMiB(8)) < 0) {
            at.atValue(path, "expected default or a heap of at least 8MiB; got " + at.found(path, h));
            continue;
          }
        } catch (IllegalArgumentException e) {
          at.atValue(path, "expected default or a size such as 512MiB or 1GiB; got " + at.found(path, h));
          continue;
        }
      }
      if (out.contains(h)) {
        at.atValue(path, "heap variant '" + h + "' is listed twice");
      } else {
        out.add(h);
      }
    }
    return out.isEmpty() ? List.of(Sweep.DEFAULT_HEAP) : out;
  }
}
