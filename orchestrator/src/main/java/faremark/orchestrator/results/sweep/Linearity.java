package faremark.orchestrator.results.sweep;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a figure's runs lie on a line, by {@link #RULE}.
 *
 * @param verdict {@code linear}, {@code not-linear} or {@code untested} (why in {@code detail})
 * @param pValue the lack-of-fit F test's p-value; null when untested
 * @param maxDeviationShare the point mean furthest from the line, as a share of the line's rise
 *     over the sweep (|slope| × (largest N − smallest N)); null without a line
 * @param detail the verdict in words, with the numbers it rests on
 */
public record Linearity(Verdict verdict, Double pValue, Double maxDeviationShare, String detail) {

  /** Significance level of the lack-of-fit test. */
  public static final double ALPHA = 0.01;
  /** How far a point's mean must lie from the line, as a share of the line's rise, to matter. */
  public static final double MIN_DEVIATION_SHARE = 0.05;

  /**
   * The rule, as {@code sweep.json} states it. Both conditions are needed: the test alone flags
   * a bend of a few kilobytes once there are enough runs (a line is then still the right
   * summary), the size alone flags noise at points with few runs. Measured on synthetic sweeps
   * (N = 1 … 10,000 at 7 points, 6 runs each, normal noise; LinearityTest): on true lines that
   * grow (100 KB per request, noise of 3 MB, or 2 % or 5 % of the memory) the flag fired in 0
   * of 500 sweeps each, the F test alone in 7 of 500 (1.4 %, near its 1 % level, the same with
   * noise growing with N); on flat lines (a model whose memory does not grow) the size condition
   * cannot help and the flag fires at the test's level, 7 of 500. A step of a tenth of the rise
   * (the JVM growing its heap) is flagged in 200 of 200.
   */
  public static final String RULE = "not-linear when both (a) the lack-of-fit F test rejects"
      + " the line at the " + ALPHA + " level (the spread of the point means about the line,"
      + " against the spread of the runs within each point: needs 3 or more points and a point"
      + " with 2 or more runs) and (b) some point's mean lies further from the line than "
      + Math.round(MIN_DEVIATION_SHARE * 100) + " % of the line's rise over the sweep; untested"
      + " with fewer than 3 points or no repeated point. A step (the JVM growing its heap), a"
      + " ceiling (a pool limit) or a curve then shows as not-linear: the slope is an average"
      + " over the sweep, not a per-request cost";

  public enum Verdict {
    LINEAR("linear"),
    NOT_LINEAR("not-linear"),
    UNTESTED("untested");

    private final String id;

    Verdict(String id) {
      this.id = id;
    }

    @JsonValue
    public String id() {
      return id;
    }
  }

  public boolean nonLinear() {
    return verdict == Verdict.NOT_LINEAR;
  }
}
