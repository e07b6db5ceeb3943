package faremark.orchestrator.probe;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The probe's command line, given by the orchestrator.
 *
 * @param containerId the run container's full id (64 hex digits)
 * @param interval the scenario's sample interval
 * @param root where the host's cgroup tree is mounted
 * @param waitFor how long the container's cgroup may take to appear (the probe starts first)
 * @param maxRun a backstop: the probe ends after this even if the cgroup is still there
 */
record ProbeArgs(String containerId, Duration interval, Path root, Duration waitFor, Duration maxRun) {
  static final String USAGE = "usage: ProbeMain <container id> --interval-ns N [--root DIR]"
      + " [--wait-ms N] [--max-ms N]";
  static final Path DEFAULT_ROOT = Path.of("/host/cgroup");

  static ProbeArgs parse(String[] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("no container id");
    }
    String id = args[0];
    if (!id.matches("[0-9a-f]{12,64}")) {
      throw new IllegalArgumentException("container id: expected 12 to 64 hex digits, got '" + id + "'");
    }
    Duration interval = null;
    Path root = DEFAULT_ROOT;
    Duration waitFor = Duration.ofSeconds(30);
    Duration maxRun = Duration.ofHours(24);
    for (int i = 1; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + ": expected a value after it");
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--interval-ns" -> interval = Duration.ofNanos(positive(args[i], v));
        case "--root" -> root = Path.of(v);
        case "--wait-ms" -> waitFor = Duration.ofMillis(positive(args[i], v));
        case "--max-ms" -> maxRun = Duration.ofMillis(positive(args[i], v));
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
    }
    if (interval == null) {
      throw new IllegalArgumentException("--interval-ns is required");
    }
    return new ProbeArgs(id, interval, root, waitFor, maxRun);
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
