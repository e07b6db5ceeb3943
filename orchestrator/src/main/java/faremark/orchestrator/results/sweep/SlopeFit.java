package faremark.orchestrator.results.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import faremark.orchestrator.results.PlainNumber;

/**
 * A line through one figure of one model's runs against the sweep's value N: what one more
 * request in flight costs. Every number is null when no line could be fitted ({@code note} says
 * why).
 *
 * @param unit the slope's unit: the figure's unit per one more request in flight
 * @param runs runs the line went through (each one data point)
 * @param points distinct sweep points among them
 * @param slope least squares over every run
 * @param slopeLow 2.5th percentile of the run-level bootstrap's slopes
 * @param slopeHigh 97.5th percentile of the same
 * @param theilSen Theil–Sen slope over the same runs: far from {@code slope}, one or a few runs
 *     carry the least-squares line
 * @param intercept the line at N = 0: the runtime's own cost, if the line held down to 0
 * @param r2 share of the runs' variance the line explains
 * @param linearity whether the runs lie on a line ({@link Linearity#RULE})
 */
public record SlopeFit(
    String unit,
    int runs,
    int points,
    @JsonSerialize(using = PlainNumber.class) Double slope,
    @JsonSerialize(using = PlainNumber.class) Double slopeLow,
    @JsonSerialize(using = PlainNumber.class) Double slopeHigh,
    @JsonSerialize(using = PlainNumber.class) Double theilSen,
    @JsonSerialize(using = PlainNumber.class) Double intercept,
    @JsonSerialize(using = PlainNumber.class) Double r2,
    Linearity linearity,
    @JsonInclude(JsonInclude.Include.NON_NULL) String note) {

  static SlopeFit none(String unit, int runs, int points, String why) {
    return new SlopeFit(unit, runs, points, null, null, null, null, null, null,
        new Linearity(Linearity.Verdict.UNTESTED, null, null, why), why);
  }

  /** Whether the bootstrap interval holds {@code value}. */
  public boolean intervalContains(double value) {
    return slopeLow != null && slopeLow <= value && value <= slopeHigh;
  }
}
