package faremark.orchestrator.backend.docker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which CPUs the workload gets and which the fare server and proxy get. Where the machine has
 * enough, they are kept apart, so the workload's time is not the server's or proxy's time; on a
 * small machine splitting would starve one side, so everything shares and the record says so.
 *
 * @param infra cpuset of the fare server and proxy containers; empty = any
 * @param workload cpuset of every workload container; empty = any
 * @param note what was done and why, for the console and environment.json
 */
public record CpuPlan(Optional<String> infra, Optional<String> workload, String note) {

  /** Below this many CPUs nothing is split. */
  static final int SPLIT_FROM = 4;

  public static CpuPlan of(int cpus) {
    if (cpus < SPLIT_FROM) {
      return new CpuPlan(Optional.empty(), Optional.empty(), cpus + " CPUs: too few to give the"
          + " workload its own; workload, server and proxy share them");
    }
    int infraCpus = Math.max(1, cpus / 4);
    String infra = infraCpus == 1 ? "0" : "0-" + (infraCpus - 1);
    String workload = infraCpus + "-" + (cpus - 1);
    return new CpuPlan(Optional.of(infra), Optional.of(workload),
        "server and proxy on CPUs " + infra + ", workloads on CPUs " + workload);
  }

  Map<String, Object> record() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("infraCpuset", infra.orElse(null));
    m.put("workloadCpuset", workload.orElse(null));
    m.put("note", note);
    return m;
  }
}
