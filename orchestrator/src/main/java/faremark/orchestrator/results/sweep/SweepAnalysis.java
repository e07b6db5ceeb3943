package faremark.orchestrator.results.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sweep.json}: a sweep's figures per model and point, and a line per figure through every
 * run, derived from the runs' raw {@code run.json} alone. Stands on its own: {@code definitions}
 * says what every figure and statistic means.
 *
 * @param parameter the swept scenario parameter, e.g. {@code client.concurrency}
 * @param runs every run with a sweep point, used or excluded
 * @param bootstrap how the slopes' intervals were drawn, so a rerun can reproduce them
 * @param linearityRule when a line is flagged not-linear ({@link Linearity#RULE})
 * @param figures figure id → its unit, whether a line is fitted to it, and what it means, in the
 *     order {@code sweep.csv} lists them
 * @param definitions every statistic → what it means
 * @param models in scenario order; a model without a sweep run is absent
 */
public record SweepAnalysis(
    String parameter,
    int runs,
    Bootstrap bootstrap,
    String linearityRule,
    Map<String, Figure> figures,
    Map<String, String> definitions,
    List<ModelSweep> models) {

  /** The seed used unless another is asked for; recorded in every {@code sweep.json}. */
  public static final long DEFAULT_SEED = 16_2026L;
  /**
   * Resamples per slope. 10,000: the Monte-Carlo error of a 2.5 % percentile at B resamples is
   * about √(0.025·0.975 / B) in probability, 0.16 % at 10,000 (0.35 % at 2,000), so two seeds
   * give interval ends within a small fraction of the interval's width of each other; the cost,
   * a few million draws per experiment, is well under a second.
   */
  public static final int DEFAULT_RESAMPLES = 10_000;

  /** A per-run figure: its unit, whether a line is fitted to it, what it means. */
  public record Figure(Unit unit, boolean fitted, String definition) {}

  /** @param method in words, for the reader of {@code sweep.json} */
  public record Bootstrap(long seed, int resamples, String method) {}

  static final String METHOD = "run-level, stratified by sweep point: each resample draws at"
      + " every point as many runs as it has, with replacement from its runs, each entering as"
      + " the point's mean plus its deviation from it times sqrt(n/(n-1)) (n the point's runs, so"
      + " the resampled means spread as means of n independent runs do), and refits the"
      + " least-squares slope; the interval is the 2.5th to 97.5th percentile of the resampled"
      + " slopes (java.util.SplittableRandom with the seed given). Calibrated from about 6 runs a"
      + " point; with 2 it holds a known slope about 83 % of the time";

  static Map<String, Figure> figuresOf(List<SweepFigure> figures) {
    Map<String, Figure> d = new LinkedHashMap<>();
    for (SweepFigure f : figures) {
      d.put(f.id(), new Figure(f.unit(), f.fitted(), f.definition()));
    }
    return Collections.unmodifiableMap(d);
  }

  static Map<String, String> standardDefinitions() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("used", "runs that ended ok, whose answer was verified, and whose fare server had the"
        + " point's N requests in service at once (run.json inFlight.reached; runs without the"
        + " check count as reached). One run is one data point; memory samples never are");
    d.put("excluded", "the point's other runs, with why: not ok, not verified, or N not reached"
        + " in flight. Never in a median or a line");
    d.put("median", "median over the point's used runs; low/high: its distribution-free 95 %"
        + " interval (order statistics), or [min, max] with its lower coverage below 6 runs");
    d.put("slope", "least squares of the per-run figure against N over every used run: what one"
        + " more request in flight costs, in the figure's unit");
    d.put("slopeLow/slopeHigh", "95 % interval of the slope: " + METHOD);
    d.put("theilSen", "Theil–Sen slope (median of the slopes between every two runs at different"
        + " N): a cross-check robust to a few wild runs");
    d.put("intercept", "the line at N = 0");
    d.put("r2", "share of the runs' variance around their mean that the line explains");
    d.put("kernelShare", "slope of atFullInFlight.kernel / slope of atFullInFlight.total, over"
        + " the runs that have both; interval from the same resamples for both slopes");
    return Collections.unmodifiableMap(d);
  }

  /** The model's sweep, or null. */
  public ModelSweep model(String id) {
    return models.stream().filter(m -> m.model().equals(id)).findFirst().orElse(null);
  }
}
