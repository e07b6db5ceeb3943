package faremark.orchestrator.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}'s {@code firstUse}: per model, how much of the request phase is the
 * runtime's first use of the request path, from the experiment's first-use reference runs ({@code
 * run.firstUse}). Present only when the experiment has them, so a summary without is as before.
 *
 * @param referenceRuns reference runs planned per model
 * @param warmupPasses warm-up passes each reference run made before {@code ready}
 * @param definitions what every figure means
 */
public record FirstUseSummary(
    int referenceRuns, int warmupPasses, Map<String, String> definitions, List<ModelFirstUse> models) {

  public FirstUseSummary {
    models = List.copyOf(models);
  }

  /**
   * A median over runs with its distribution-free interval ({@link DistributionFree#median}).
   *
   * @param coverage the interval's coverage: 0.95 or more from 6 runs, less below (3 runs: 0.75)
   */
  public record Estimate(
      int n,
      @JsonSerialize(using = PlainNumber.class) double median,
      @JsonSerialize(using = PlainNumber.class) double low,
      @JsonSerialize(using = PlainNumber.class) double high,
      @JsonSerialize(using = PlainNumber.class) double coverage) {

    static Estimate of(List<Double> values) {
      DistributionFree.Interval i = DistributionFree.median(values);
      if (i == null) {
        return null;
      }
      Stat s = Stat.of(values);
      return new Estimate(s.n(), s.median(), i.low(), i.high(), round(i.coverage()));
    }

    DistributionFree.Interval interval() {
      return new DistributionFree.Interval(low, high, coverage);
    }
  }

  /**
   * One model.
   *
   * @param coldMs the request phase as the measured runs measured it (ok runs): the runtime's
   *     first use included
   * @param warmMs the request phase of the reference runs (ok runs that made their warm-up pass):
   *     the same job, measured after one warm-up pass of it in the same process
   * @param firstUseMs coldMs − warmMs, medians; null without both
   * @param firstUseLowMs the distribution-free interval of the shift between cold and warm runs
   *     ({@link DistributionFree#shift}, Mann–Whitney), low end
   * @param firstUseHighMs its high end
   * @param firstUseCoverage its coverage
   * @param firstUseShare firstUseMs ÷ coldMs
   * @param distinguishable whether that interval excludes 0: false means the first use is not
   *     distinguishable from none with these runs
   * @param intervalsOverlap whether the cold and the warm medians' own intervals overlap (a
   *     stricter criterion than the shift's interval: overlapping intervals can still differ)
   * @param coldCpuMs CPU time in the measured runs' request phase
   * @param warmCpuMs CPU time in the reference runs' request phase
   * @param referenceRuns reference runs recorded for the model
   * @param referenceOk of those, ok with their warm-up pass made: the runs behind warmMs
   * @param warmupNotDone ok reference runs that reported no warm-up pass (an external program
   *     that does not read the spec's {@code warmup}): measured cold, so never counted as warm
   * @param note why a figure is missing, in words; null when none is
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ModelFirstUse(
      String model,
      Estimate coldMs,
      Estimate warmMs,
      @JsonSerialize(using = PlainNumber.class) Double firstUseMs,
      @JsonSerialize(using = PlainNumber.class) Double firstUseLowMs,
      @JsonSerialize(using = PlainNumber.class) Double firstUseHighMs,
      @JsonSerialize(using = PlainNumber.class) Double firstUseCoverage,
      @JsonSerialize(using = PlainNumber.class) Double firstUseShare,
      Boolean distinguishable,
      Boolean intervalsOverlap,
      Estimate coldCpuMs,
      Estimate warmCpuMs,
      int referenceRuns,
      int referenceOk,
      int warmupNotDone,
      String note) {}

  static final Map<String, String> DEFINITIONS = figureDefinitions();

  private static Map<String, String> figureDefinitions() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("coldMs", "the request phase of the model's ok measured runs (requestPhaseMs): what a"
        + " program that makes these requests once pays, the runtime's first use of the request"
        + " path (class loading, interpreted code, JIT compilation) included");
    d.put("warmMs", "the request phase of the model's ok first-use reference runs: the same job in"
        + " the same kind of process, measured after one warm-up pass of it through a throw-away"
        + " instance of the model (closed, so the measured run still opens its own connections"
        + " and starts its own threads); one pass does not make a JVM fully warm, so this is an"
        + " upper bound of the warm request phase");
    d.put("firstUseMs", "coldMs - warmMs (medians): the part of the request phase that is the"
        + " runtime's first use; a real cost of running the model once, not taken out of any"
        + " other figure");
    d.put("firstUseLowMs/firstUseHighMs", "the distribution-free interval of the shift between"
        + " the cold and the warm runs (Mann-Whitney: from the differences of every cold run to"
        + " every warm run), with its coverage (firstUseCoverage); distinguishable is false when"
        + " it includes 0");
    d.put("firstUseShare", "firstUseMs / coldMs");
    d.put("intervals", "median intervals are order statistics [x(k), x(n-k+1)] with the largest k"
        + " whose coverage is at least 95 %; with fewer than 6 runs none reaches it and [min, max]"
        + " is given with its own coverage (3 runs: 75 %)");
    d.put("cpuMs", "CPU time of the run's processes between the ready and done events, read from"
        + " the run's cgroup as they arrived");
    return Collections.unmodifiableMap(d);
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
