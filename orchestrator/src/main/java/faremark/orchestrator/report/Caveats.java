package faremark.orchestrator.report;

import faremark.contract.model.Parallelism;
import faremark.orchestrator.model.Models;
import faremark.orchestrator.results.ExperimentData;
import faremark.orchestrator.results.ModelSummary;
import faremark.orchestrator.results.Summary;
import java.util.ArrayList;
import java.util.List;

/** The short list of what a report's numbers do and do not say, tailored to its data. */
final class Caveats {
  private Caveats() {}

  static List<String> of(ExperimentData data, Summary summary) {
    List<String> c = new ArrayList<>();
    c.add("Medians and ranges cover ok runs only: a run that failed requests, gave a wrong answer,"
        + " crashed, timed out or was OOM-killed is listed with its reason and never averaged in.");
    c.add("Peak - baseline is what the concurrency model cost on top of the runtime's start-up;"
        + " compare it across models rather than the raw peak.");
    if (summary.models().stream().anyMatch(m -> Models.find(m.model())
        .map(d -> d.parallelism() == Parallelism.PROCESSES).orElse(false))) {
      c.add("Multi-process models pay one runtime per worker: their baseline includes every"
          + " worker's start-up.");
    }
    if (data.runs().stream().anyMatch(r -> r.record().command() != null
        && r.record().command().stream().anyMatch(a -> a.endsWith("java")))) {
      c.add("A JVM collects garbage late: with default settings a Java run's peak is largely"
          + " uncollected garbage. Run seed-small-heap.yaml (-Xmx48m) to see what a model keeps"
          + " alive.");
    }
    if (summary.memorySource().contains("proc-rss")) {
      c.add("Memory came from /proc RSS of the process tree (no cgroup could be made): shared"
          + " pages are counted once per process and a peak between two samples can be missed.");
    }
    long resent = summary.models().stream()
        .mapToLong(m -> m.unrequestedResends() == null ? 0 : m.unrequestedResends()).sum();
    if (resent > 0) {
      c.add("The fare server saw " + resent + " requests more than the workloads sent: the HTTP"
          + " client re-sent them on its own (the JDK HttpClient silently repeats a GET whose"
          + " connection died before the first response byte). Those workloads never saw these"
          + " attempts fail, so their failed requests understate the trouble; see \"re-sent by"
          + " the HTTP client on its own\".");
    }
    int fewest = summary.models().stream().mapToInt(ModelSummary::ok).min().orElse(0);
    if (fewest < 3) {
      c.add("Some models have fewer than 3 ok runs (the fewest: " + fewest + "): their figures"
          + " are little more than single measurements; rerun with --repetitions 3 or more.");
    }
    c.addAll(EngineCaveats.of(data));
    if (summary.interrupted()) {
      c.add("The experiment was interrupted: runs that did not happen are missing.");
    }
    if (summary.warmup() != null) {
      c.add("Warm-up was on (run.warmup " + summary.warmup() + "): every run made the whole job "
          + summary.warmup() + " time(s) through a throw-away instance of its model before ready."
          + " The request phases exclude the runtime's first use, which a program that runs once"
          + " pays; the baselines include what the passes left behind, so neither compares with"
          + " an experiment without warm-up.");
    }
    List<String> notWarmed = data.runs().stream().map(r -> r.record())
        .filter(r -> !r.warmupDone()).map(r -> r.model()).distinct().toList();
    if (!notWarmed.isEmpty()) {
      c.add("Warm-up not done: " + String.join(", ", notWarmed) + " reported no warm-up pass (a"
          + " program that does not read the spec's warmup); those runs were measured cold.");
    }
    if (summary.firstUse() != null) {
      c.add("The runtime's first use is a real cost of running a model once: it stays in the"
          + " request phase and every other figure. The first-use section sets it apart using"
          + " reference runs that warmed up with one pass of the job; one pass leaves a JVM short"
          + " of fully warm, so the first use shown is a lower bound. The reference runs are"
          + " recorded in " + faremark.orchestrator.results.ResultsLayout.FIRST_USE + "/ and"
          + " enter no other figure.");
    }
    if (data.runs().stream().anyMatch(r -> r.record().sweep() != null)) {
      c.add("This experiment is a sweep: the per-model bars and the table of every figure pool"
          + " the runs of every sweep point, so their medians mix N; the sweep section gives the"
          + " figures per point and the line through them. A slope is an average cost over the"
          + " sweep's range: where the line is flagged not-linear (a heap step, a pool limit),"
          + " read the points, not the slope.");
    }
    c.add("Times on a busy or small machine include JIT warm-up and scheduling noise; the memory"
        + " figures describe this machine, runtime and scenario, not the models in general.");
    return c;
  }
}
