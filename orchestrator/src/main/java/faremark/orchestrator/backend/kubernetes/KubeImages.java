package faremark.orchestrator.backend.kubernetes;

import faremark.contract.model.PythonImplementation;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The images an experiment's pods run, as the cluster's nodes pull them: references in the
 * user's registry, by digest where faremark pushed them (a tag can move between two runs; a
 * digest cannot), each with the local image id it was built as, for the records.
 *
 * @param workloadPython the Python workload image of each implementation the scenario needs
 * @param probe the probe sidecar's image; empty where the probe is turned off
 * @param localIds the local engine's image id of each reference, as built
 */
public record KubeImages(String fareServer, String proxy, Optional<String> workloadJava,
    Map<PythonImplementation, String> workloadPython, Optional<String> probe,
    Map<String, String> localIds) {

  public KubeImages {
    workloadPython = workloadPython.isEmpty() ? Map.of() : new EnumMap<>(workloadPython);
    localIds = Map.copyOf(localIds);
  }

  /** For environment.json and each run's record: role, then reference. */
  public Map<String, Object> record() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fare-server", fareServer);
    out.put("proxy", proxy);
    workloadJava.ifPresent(r -> out.put("workload-java", r));
    workloadPython.forEach((i, r) -> out.put("workload-" + i.id(), r));
    probe.ifPresent(r -> out.put("probe", r));
    if (!localIds.isEmpty()) {
      out.put("localIds", new LinkedHashMap<>(localIds));
    }
    return out;
  }
}
