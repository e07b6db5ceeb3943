package faremark.orchestrator.results.sweep;

import faremark.orchestrator.results.ExperimentData;
import faremark.orchestrator.results.RunData;
import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.results.SweepPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds a {@link SweepAnalysis} from run records alone, so {@code faremark report} rebuilds it
 * from raw data. Only runs with a sweep point ({@code run.json} {@code sweep}) take part; a
 * folder without one has no sweep analysis at all, and its report is what it always was.
 */
public final class SweepAnalyzer {
  private SweepAnalyzer() {}

  /** The folder's sweep with the default seed and resamples; empty when no run has a sweep point. */
  public static Optional<SweepAnalysis> of(ExperimentData data) {
    List<RunRecord> runs = data.runs().stream().map(RunData::record).toList();
    return analyze(data.measuredModels(), runs, SweepAnalysis.DEFAULT_SEED,
        SweepAnalysis.DEFAULT_RESAMPLES);
  }

  /**
   * @param modelOrder the models in the order they are reported; models with sweep runs that are
   *     not in it follow in run order
   */
  public static Optional<SweepAnalysis> analyze(
      List<String> modelOrder, List<RunRecord> runs, long seed, int resamples) {
    List<RunRecord> swept = runs.stream().filter(r -> r.sweep() != null).toList();
    if (swept.isEmpty()) {
      return Optional.empty();
    }
    String parameter = swept.stream().map(r -> r.sweep().parameter()).filter(Objects::nonNull)
        .distinct().reduce((a, b) -> a + " + " + b).orElse("?");
    List<SweepFigure> figures = SweepFigure.of(swept);
    LinkedHashSet<String> order = new LinkedHashSet<>(modelOrder);
    swept.forEach(r -> order.add(series(r)));
    List<ModelSweep> models = new ArrayList<>();
    for (String model : order) {
      List<RunRecord> mine = swept.stream().filter(r -> series(r).equals(model)).toList();
      if (!mine.isEmpty()) {
        models.add(model(model, mine, figures, seed, resamples));
      }
    }
    return Optional.of(new SweepAnalysis(parameter, swept.size(),
        new SweepAnalysis.Bootstrap(seed, resamples, SweepAnalysis.METHOD), Linearity.RULE,
        SweepAnalysis.figuresOf(figures), SweepAnalysis.standardDefinitions(), models));
  }

  private static ModelSweep model(String model, List<RunRecord> runs, List<SweepFigure> figures,
      long seed, int resamples) {
    // points in the sweep's order; a run's value is its point's target N
    TreeMap<Integer, List<RunRecord>> byPoint = new TreeMap<>();
    runs.forEach(r -> byPoint.computeIfAbsent(r.sweep().point(), p -> new ArrayList<>()).add(r));
    List<PointResult> points = new ArrayList<>();
    Map<String, List<Observation>> obs = new LinkedHashMap<>();
    figures.forEach(f -> obs.put(f.id(), new ArrayList<>()));
    for (Map.Entry<Integer, List<RunRecord>> p : byPoint.entrySet()) {
      List<String> used = new ArrayList<>();
      List<Exclusion> excluded = new ArrayList<>();
      Map<String, List<Double>> values = new LinkedHashMap<>();
      Map<String, List<Number>> perRun = new LinkedHashMap<>();
      figures.forEach(f -> perRun.put(f.id(), new ArrayList<>()));
      for (RunRecord r : p.getValue()) {
        Exclusion why = exclusion(r);
        if (why != null) {
          excluded.add(why);
          continue;
        }
        used.add(r.runId());
        for (SweepFigure f : figures) {
          Double y = f.value().apply(r);
          perRun.get(f.id()).add(y == null ? null : y == Math.rint(y) ? (Number) y.longValue() : y);
          if (y != null) {
            values.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(y);
            obs.get(f.id()).add(new Observation(r.runId(), p.getKey(), r.sweep().value(), y));
          }
        }
      }
      Map<String, Estimate> estimates = new LinkedHashMap<>();
      for (SweepFigure f : figures) {
        if (values.containsKey(f.id())) {
          estimates.put(f.id(), Estimate.of(values.get(f.id())));
        }
      }
      perRun.keySet().retainAll(estimates.keySet());
      points.add(new PointResult(p.getKey(), p.getValue().get(0).sweep().value(), used, excluded,
          estimates, perRun));
    }
    Map<String, SlopeFit> fits = new LinkedHashMap<>();
    for (SweepFigure f : figures) {
      if (f.fitted()) {
        fits.put(f.id(), Fits.fit(f, obs.get(f.id()), seed, resamples, per(runs.get(0))));
      }
    }
    List<Observation> kernel = obs.get(SweepFigure.AT_FULL + "kernel");
    List<Observation> total = obs.get(SweepFigure.AT_FULL + "total");
    KernelShare share = kernel == null || total == null ? null
        : Fits.kernelShare(kernel, total, seed, resamples);
    String source = runs.stream().map(r -> r.breakdown() == null ? null : r.breakdown().source())
        .filter(Objects::nonNull).distinct().reduce((a, b) -> a + " + " + b).orElse(null);
    return new ModelSweep(model, points, fits, source, share);
  }

  /**
   * The line a run belongs to: its model, or its model and pinned heap ({@link
   * SweepPoint#series}). A model swept with two heaps gets two lines, never one through both.
   */
  static String series(RunRecord r) {
    return SweepPoint.series(r.model(), r.sweep());
  }

  /** The parameter concurrency is the first case; any other is named as swept. */
  static final String CONCURRENCY = "client.concurrency";

  /** What one step of a sweep's x is, for a slope's unit. */
  static String per(RunRecord r) {
    String parameter = r.sweep().parameter();
    return CONCURRENCY.equals(parameter) ? "request in flight" : "unit of " + parameter;
  }

  /** {@code model}'s used sweep runs that have {@code figure}, as data points. */
  static List<Observation> observations(List<RunRecord> runs, String model, SweepFigure figure) {
    List<Observation> obs = new ArrayList<>();
    for (RunRecord r : runs) {
      if (r.sweep() == null || !series(r).equals(model) || exclusion(r) != null) {
        continue;
      }
      Double y = figure.value().apply(r);
      if (y != null) {
        obs.add(new Observation(r.runId(), r.sweep().point(), r.sweep().value(), y));
      }
    }
    return obs;
  }

  /** Why a run stays out of every figure, or null when it is used. */
  static Exclusion exclusion(RunRecord r) {
    if (!r.outcome().ok()) {
      return new Exclusion(r.runId(), Exclusion.Kind.NOT_OK, r.outcome().id()
          + (r.reason() == null || r.reason().isBlank() ? "" : ": " + r.reason()));
    }
    if (r.verification() == null || !r.verification().verified()) {
      return new Exclusion(r.runId(), Exclusion.Kind.NOT_VERIFIED, r.verification() == null
          ? "no verification recorded" : "answer " + r.verification().status().id());
    }
    if (r.inFlight() != null && !r.inFlight().reached()) {
      String reason = r.inFlight().reason() != null ? r.inFlight().reason()
          : "the fare server had " + (r.inFlight().atRelease() == null ? "no count"
              : r.inFlight().atRelease() + " of " + r.inFlight().target()) + " requests in service";
      return new Exclusion(r.runId(), Exclusion.Kind.IN_FLIGHT_NOT_REACHED, reason);
    }
    return null;
  }
}
