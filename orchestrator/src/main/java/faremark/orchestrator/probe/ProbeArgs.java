package faremark.orchestrator.probe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The probe's command line, given by the orchestrator.
 *
 * @param target whose cgroup: a container by id, or the next container of a pod
 * @param interval the scenario's sample interval
 * @param root where the host's cgroup tree is mounted
 * @param waitFor how long each cgroup looked for may take to appear: the container's (it starts
 *     after the probe), in a pod the pod's and then the workload container's
 * @param maxRun a backstop: the probe ends after this even if the cgroup is still there
 * @param readyFile pod form only: created once the pod's containers are noted, for the pod's
 *     startup probe
 */
record ProbeArgs(Target target, Duration interval, Path root, Duration waitFor, Duration maxRun,
    Optional<Path> readyFile) {
  static final String USAGE = """
      usage: ProbeMain <container id> --interval-ns N [--root DIR] [--wait-ms N] [--max-ms N]
               a probe container beside the run's container (docker)
             ProbeMain --pod-uid <uid> --interval-ns N [--root DIR] [--wait-ms N] [--max-ms N]
                 [--ready-file PATH]
               a sidecar in the run's pod, sampling the container that starts after it (kubernetes)""";
  static final Path DEFAULT_ROOT = Path.of("/host/cgroup");
  private static final String POD_UID = "--pod-uid";

  static ProbeArgs parse(String[] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("no container id (or " + POD_UID + " <uid>)");
    }
    Target target;
    int options;
    if (args[0].equals(POD_UID)) {
      if (args.length < 2) {
        throw new IllegalArgumentException(POD_UID + ": expected a value after it");
      }
      target = new Target.PodMember(podUid(args[1]));
      options = 2;
    } else {
      String id = args[0];
      if (!id.matches("[0-9a-f]{12,64}")) {
        throw new IllegalArgumentException("container id: expected 12 to 64 hex digits, got '" + id + "'");
      }
      target = new Target.Container(id);
      options = 1;
    }
    Duration interval = null;
    Path root = DEFAULT_ROOT;
    Duration waitFor = Duration.ofSeconds(30);
    Duration maxRun = Duration.ofHours(24);
    Optional<Path> readyFile = Optional.empty();
    for (int i = options; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + ": expected a value after it");
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--interval-ns" -> interval = Duration.ofNanos(positive(args[i], v));
        case "--root" -> root = Path.of(v);
        case "--wait-ms" -> waitFor = Duration.ofMillis(positive(args[i], v));
        case "--max-ms" -> maxRun = Duration.ofMillis(positive(args[i], v));
        case "--ready-file" -> readyFile = Optional.of(readyFile(target, v));
        case POD_UID -> throw new IllegalArgumentException(
            POD_UID + ": expected once, first, instead of a container id");
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
    }
    if (interval == null) {
      throw new IllegalArgumentException("--interval-ns is required");
    }
    return new ProbeArgs(target, interval, root, waitFor, maxRun, readyFile);
  }

  /**
   * RFC 4122's text form, as the API server writes {@code metadata.uid}: kubelet names the pod's
   * cgroup by it, and nothing else may reach the paths looked up.
   */
  private static String podUid(String v) {
    if (!v.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
      throw new IllegalArgumentException(POD_UID + ": expected a pod uid, lowercase hex digits"
          + " grouped 8-4-4-4-12 (metadata.uid), got '" + v + "'");
    }
    return v;
  }

  /** Only in a pod does anything wait on the file (its startup probe): elsewhere it is a mistake. */
  private static Path readyFile(Target target, String v) {
    if (!(target instanceof Target.PodMember)) {
      throw new IllegalArgumentException("--ready-file: expected only with " + POD_UID);
    }
    if (v.isBlank()) {
      throw new IllegalArgumentException("--ready-file: expected a file path, got '" + v + "'");
    }
    return Path.of(v);
  }

  private static long positive(String option, String v) {
    try {
      long n = Long.parseLong(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(option + ": expected a positive whole number, got '" + v + "'");
  }
}
