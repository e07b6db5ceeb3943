package faremark.orchestrator.backend.kubernetes;

import faremark.orchestrator.backend.EventLog;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.backend.docker.ProbeFigures;
import faremark.orchestrator.backend.docker.ProbeStreamReader;
import faremark.orchestrator.sampling.MemorySample;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.sampling.RunClock;
import faremark.orchestrator.sampling.SamplerStats;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A run's observation from what its pod left: the probe sidecar's log (its samples and the
 * kernel's totals), the workload's event lines, and the container's final state. Every time is
 * the node's: the run's clock starts when the probe saw the workload's cgroup appear (the
 * container being created, before its process runs), and the events sit on it by the
 * timestamps the node's runtime gave their lines.
 */
final class SidecarFigures {
  static final String SOURCE = ProbeFigures.SOURCE;

  private SidecarFigures() {}

  static RunObservation observation(WorkloadRun run, RunManifests.Run manifest, List<String> command,
      Pod pod, RunLogs logs, List<PodLogs.Line> probeLines,
      Optional<RunPodState.Finished> finished, Optional<String> lost, MetricsReadings metrics) {
    ProbeStreamReader reader = new ProbeStreamReader();
    probeLines.forEach(l -> reader.accept(l.text()));
    reader.closed();
    ProbeStreamReader.Result r = reader.result();
    Optional<ContainerStatus> status = workloadStatus(pod);
    Optional<Instant> started = status.flatMap(SidecarFigures::startedAt);
    Optional<Instant> ended = status.flatMap(s -> s.getState() == null
        || s.getState().getTerminated() == null ? Optional.empty()
        : time(s.getState().getTerminated().getFinishedAt()));
    boolean probed = manifest.probeImage().isPresent() && r.originEpochNanos().isPresent()
        && r.error().isEmpty();
    Instant launchedAt = probed ? Instant.ofEpochSecond(0, r.originEpochNanos().getAsLong())
        : started.or(() -> logs.events().stream().map(PodLogs.Line::at).findFirst())
            .orElse(Instant.now());
    EventLog events = events(logs, launchedAt);
    // The workload's end on the node's clock: the probe saw its cgroup go (its end line), else
    // the runtime's finish time (whole seconds), else its last line.
    Optional<Instant> endLine = probed && r.endedBecause().isPresent()
        ? probeLines.stream().filter(l -> l.text().startsWith("end ")).map(PodLogs.Line::at).findFirst()
        : Optional.empty();
    Instant end = endLine.or(() -> ended)
        .or(() -> logs.events().isEmpty() ? Optional.empty() : Optional.of(logs.events().getLast().at()))
        .orElse(launchedAt);
    Duration wall = Duration.between(launchedAt, end).isNegative() ? Duration.ZERO
        : Duration.between(launchedAt, end);
    Optional<Integer> exit = finished.map(RunPodState.Finished::exitCode);
    boolean oom = finished.map(RunPodState.Finished::oomKilled).orElse(false);
    if (probed) {
      String image = manifest.probeImage().get();
      ProbeFigures f = ProbeFigures.of(r, launchedAt, run.sampleInterval(), image);
      return new RunObservation(command, launchedAt, exit, false, false, wall, events, f.samples(),
          f.stats(), withOom(f.totals(), oom), SOURCE, definition(r, image, f), lost);
    }
    String why = manifest.probeImage().isEmpty()
        ? "the probe sidecar is turned off (" + KubernetesSettings.PROBE + "=off)"
        : r.error().map(e -> "the probe sidecar could not sample: " + e)
            .orElse("the probe sidecar's log held no figures");
    List<MemorySample> coarse = metrics.readings().stream()
        .map(m -> new MemorySample(Duration.between(launchedAt, m.at()).isNegative() ? Duration.ZERO
            : Duration.between(launchedAt, m.at()), m.workingSetBytes(), 0, 0))
        .toList();
    SamplerStats stats = new SamplerStats(coarse.size(), 0, 0, MetricsReadings.EVERY,
        Optional.empty(), Duration.ZERO, Optional.of(why));
    String source = coarse.isEmpty() ? "none" : "metrics-server";
    String definition = (coarse.isEmpty() ? "not sampled: " + why + "; metrics-server gave no"
        + " reading" + metrics.unavailable().map(u -> " (" + u + ")").orElse("") + "."
        : "COARSE: " + why + ", so memory is metrics-server's working set of the workload"
            + " container (current; anon and file 0: not reported), asked every "
            + MetricsReadings.EVERY.toSeconds() + " s and itself a window of 10-60 s: a peak"
            + " between two scrapes is never seen and there is no kernel peak. Reading times are"
            + " this process's clock, not the node's.")
        + " Exit code, OOMKilled and times come from the pod's status (whole seconds) and the"
        + " log's timestamps; 10 ms figures need the sidecar (docs/kubernetes.md).";
    return new RunObservation(command, launchedAt, exit, false, false, wall, events, coarse, stats,
        withOom(Optional.empty(), oom), source, definition, lost);
  }

  private static EventLog events(RunLogs logs, Instant launchedAt) {
    long[] at = {0};
    EventLog events = new EventLog(RunClock.of(() -> at[0]));
    for (PodLogs.Line line : logs.events()) {
      at[0] = Math.max(0, Duration.between(launchedAt, line.at()).toNanos());
      events.accept(line.text());
    }
    return events;
  }

  /** The runtime's OOMKilled counts as one kill where the kernel's counter missed it. */
  private static Optional<MemoryTotals> withOom(Optional<MemoryTotals> totals, boolean oom) {
    if (!oom) {
      return totals;
    }
    return Optional.of(totals.map(t -> t.oomKills() > 0 ? t
            : new MemoryTotals(t.peakBytes(), 1, t.failCount(), t.cpuTime()))
        .orElse(new MemoryTotals(OptionalLong.empty(), 1, OptionalLong.empty(), Optional.empty())));
  }

  private static String definition(ProbeStreamReader.Result r, String image, ProbeFigures f) {
    String probe = r.definition().orElse("(the probe sent no definition)");
    String cut = r.complete() ? "" : " Incomplete: the probe's log ended before its end line.";
    return "a probe sidecar (" + image + ") in the run's pod, reading the node's cgroup tree"
        + " mounted read-only" + r.dir().map(d -> " (" + d + ", " + r.source().orElse("?") + ")")
        .orElse("") + " with the local backend's sampling code, its own memory charged to its own"
        + " container: " + probe + " Times are the node's: the run's clock starts when the probe"
        + " saw the workload's cgroup appear, events sit on it by their log timestamps. CPU time"
        + " is not split at ready and done (read only at the end)." + cut;
  }

  private static Optional<ContainerStatus> workloadStatus(Pod pod) {
    if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> RunManifests.WORKLOAD.equals(c.getName())).findFirst();
  }

  private static Optional<Instant> startedAt(ContainerStatus s) {
    if (s.getState() == null) {
      return Optional.empty();
    }
    if (s.getState().getTerminated() != null) {
      return time(s.getState().getTerminated().getStartedAt());
    }
    return s.getState().getRunning() == null ? Optional.empty()
        : time(s.getState().getRunning().getStartedAt());
  }

  private static Optional<Instant> time(String rfc3339) {
    try {
      return rfc3339 == null ? Optional.empty() : Optional.of(OffsetDateTime.parse(rfc3339).toInstant());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
