package faremark.orchestrator.cli;

import faremark.contract.DataSize;
import faremark.contract.DurationText;
import faremark.fareserver.FareServerConfig;
import faremark.fareserver.Limits;
import faremark.fareserver.OverflowPolicy;
import faremark.orchestrator.model.Models;
import faremark.orchestrator.output.SafeText;
import faremark.orchestrator.scenario.ClientSettings;
import faremark.orchestrator.scenario.Estimates;
import faremark.orchestrator.scenario.Job;
import faremark.orchestrator.scenario.FileBudget;
import faremark.orchestrator.scenario.MachineFacts;
import faremark.orchestrator.scenario.RunSettings;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioLimits;
import faremark.orchestrator.scenario.ScenarioDefaults;
import faremark.orchestrator.scenario.Sweep;
import faremark.orchestrator.experiment.PlanSummary;
import java.time.Duration;
import java.util.Optional;

/** The short, human summary {@code validate} prints: one line per section, then estimates. */
final class ScenarioSummary {
  private ScenarioSummary() {}

  static String describe(Scenario s) {
    return describe(s, MachineFacts.UNKNOWN);
  }

  /** With the limits of {@code machine} the scenario was checked against, and its warnings. */
  static String describe(Scenario s, MachineFacts machine) {
    StringBuilder b = new StringBuilder();
    line(b, "scenario", s.name() + s.source().map(p -> "  (" + p + ")").orElse(""));
    if (!s.description().isBlank()) {
      line(b, "", SafeText.lines(s.description()));
    }
    Job job = s.job();
    line(b, "job", job.route().from() + " → " + job.route().to() + ", " + job.days()
        + " days from " + job.startDate());
    line(b, "server", server(s.server()));
    line(b, "client", client(s.client()));
    if (s.models().stream().anyMatch(Models::isPython)) {
      var p = s.python();
      line(b, "python", "aiohttp limit_per_host " + cap(p.aiohttpLimitPerHost())
          + ", requests pool_block " + p.requestsPoolBlock() + ", gevent pool "
          + (p.geventPoolSize() == 0 ? "= concurrency" : p.geventPoolSize())
          + ", multiprocessing start " + p.startMethod());
    }
    line(b, "network", s.network().describe());
    line(b, "models", String.join(", ", s.models()));
    s.external().values().forEach(m ->
        line(b, "", m.id() + ": " + SafeText.line(String.join(" ", m.command()))));
    line(b, "repetitions", s.repetitions() + " (" + s.runCount() + " runs)"
        + (s.firstUseRuns() == 0 ? "" : " + " + s.firstUseRuns() + " first-use reference runs per"
            + " model (" + s.firstUseRuns() * s.models().size() + " runs, each after "
            + ScenarioDefaults.FIRST_USE_WARMUP + " warm-up pass; never counted)"));
    line(b, "run", run(s.run()));
    s.sweep().ifPresent(sw -> sweep(b, s, sw));
    Duration network = Estimates.perRequest(s).minus(s.server().serviceTime().mean());
    line(b, "estimate", "request phase per run, from " + job.days() + " days × "
        + d(s.server().serviceTime().mean()) + " mean service time"
        + (network.isZero() ? "" : " + " + d(network) + " network (round trip, payload transfer)")
        + " in waves of parallel requests:");
    int width = s.models().stream().mapToInt(String::length).max().orElse(0);
    for (String model : s.models()) {
      Optional<Duration> e = Estimates.requestPhase(s, model);
      line(b, "", String.format("%-" + width + "s  %s", model,
          e.map(x -> "≈ " + d(x) + " request phase").orElse("no estimate (parallelism unknown)")));
    }
    Limits limits = s.server().limits();
    if ((limits.connectionsCapped() || limits.inFlightCapped())
        && limits.overflow() != OverflowPolicy.QUEUE) {
      line(b, "", "overflow " + limits.overflow().id()
          + ": requests over the cap fail, so concurrent models may end early with failures");
    }
    line(b, "", "start-up, connections and sampling come on top");
    line(b, "limits", limits(s, machine));
    ScenarioLimits.warnings(s, machine).forEach(w -> line(b, "", w.toString()));
    return b.toString();
  }

  /** The sweep's points, its plan and the whole plan's estimated duration. */
  private static void sweep(StringBuilder b, Scenario s, Sweep sw) {
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < sw.points(); i++) {
      Scenario at = s.atPoint(i, Sweep.DEFAULT_HEAP);
      points.append(i == 0 ? "" : ", ").append(sw.parameter().format(sw.value(i)))
          .append(at.job().days() == s.job().days() ? "" : " (" + at.job().days() + " days)");
    }
    line(b, "sweep", sw.parameter().path() + " over " + points);
    line(b, "", sw.barrier()
        ? "barrier: the fare server holds answers until a run has its target in service (timeout "
            + d(sw.barrierTimeout()) + "); runs that never get there are reported, not fitted"
        : "no barrier: how many requests were in service at once is not proven");
    line(b, "plan", PlanSummary.describe(s));
    line(b, "", "≈ " + hours(PlanSummary.estimate(s)) + " in all (request phases at each point + "
        + d(PlanSummary.overheadPerRun()) + " start-up per run; a JVM's start, the barrier's"
        + " wait and sampling come on top)");
  }

  private static String hours(Duration x) {
    long m = Math.round(x.toSeconds() / 60.0);
    return m < 60 ? Math.max(1, m) + " min" : (m / 60) + " h " + (m % 60) + " min";
  }

  /** How close the scenario comes to what the server and this machine can serve. */
  private static String limits(Scenario s, MachineFacts machine) {
    // a sweep's stage is set up once, for its largest point
    long connections = ScenarioLimits.connectionsAtOnceAtMost(s);
    long total = s.job().days() * s.server().payload().bytes();
    StringBuilder b = new StringBuilder("days x payload " + DataSize.ofBytes(total).human()
        + " of " + ScenarioLimits.MAX_DAYS_TIMES_PAYLOAD.human() + "; " + connections
        + " connections at once");
    if (machine.openFiles().isPresent()) {
      b.append("; ").append(FileBudget.plan(connections, machine).describe());
    }
    machine.ephemeralPortCount().ifPresent(ports -> b.append(", ").append(ports)
        .append(" ephemeral ports"));
    return b.toString();
  }

  private static String server(FareServerConfig c) {
    Limits l = c.limits();
    return "seed " + c.seed() + ", payload " + c.payload() + ", service time "
        + c.serviceTime().describe() + ", connections " + cap(l.maxConnections())
        + ", in flight " + cap(l.maxInFlight()) + ", overflow " + l.overflow().id()
        + (l.overflow() == OverflowPolicy.REJECT ? " (Retry-After " + d(l.retryAfter()) + ")" : "")
        + ", keep-alive timeout " + (l.closesIdleConnections() ? d(l.keepAliveTimeout()) : "none");
  }

  private static String client(ClientSettings c) {
    return "concurrency " + c.concurrency() + ", connections " + c.connections().id()
        + ", pool " + c.poolSize() + ", connect timeout " + d(c.connectTimeout())
        + ", request timeout " + d(c.requestTimeout()) + ", processes "
        + (c.processes() == 0 ? "auto" : c.processes())
        + (c.retries() == 0 ? "" : ", retries " + c.retries());
  }

  private static String run(RunSettings r) {
    return "sample every " + d(r.sampleInterval()) + ", memory limit "
        + r.memoryLimit().map(Object::toString).orElse("none") + ", timeout " + d(r.timeout())
        + " per run" + (r.jvmArgs().isEmpty() ? "" : ", JVM flags " + String.join(" ", r.jvmArgs()))
        + (r.warmup() == 0 ? "" : ", " + r.warmup() + " warm-up pass(es) of the job before ready"
            + " (request phases without the runtime's first use; baselines include the passes')")
        + (r.preflight() ? ", a pre-flight run per model first" : ", no pre-flight");
  }

  private static String cap(int n) {
    return n == 0 ? "unlimited" : String.valueOf(n);
  }

  /** Durations for people: 29s, 290ms, 2.9s (rounded to 0.1 s from 1 s up). */
  private static String d(Duration x) {
    if (x.toMillis() >= 1_000 && x.toMillis() % 1000 != 0) {
      return String.format(java.util.Locale.ROOT, "%.1fs", x.toMillis() / 1000.0);
    }
    if (x.toNanos() % 1_000_000 != 0 && x.toNanos() > 1_000_000) {
      // estimates with a payload's transfer time: 370.7ms, not 370655360ns
      return String.format(java.util.Locale.ROOT, "%.1fms", x.toNanos() / 1e6);
    }
    return DurationText.format(x);
  }

  private static void line(StringBuilder b, String label, String text) {
    b.append(String.format("%-12s %s%n", label, text));
  }
}
