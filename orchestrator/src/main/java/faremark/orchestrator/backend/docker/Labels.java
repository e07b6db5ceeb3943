package faremark.orchestrator.backend.docker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels on everything the docker backend creates. They are how a crashed earlier run's
 * containers and networks are found again (owner host and pid no longer alive) and how Ctrl-C
 * removes this experiment's, without ever touching anything else on the engine.
 */
public final class Labels {
  /** On every container, network and image faremark creates. */
  public static final String FAREMARK = "io.faremark";
  public static final String EXPERIMENT = "io.faremark.experiment";
  public static final String OWNER_HOST = "io.faremark.owner.host";
  public static final String OWNER_PID = "io.faremark.owner.pid";
  public static final String ROLE = "io.faremark.role";

  private Labels() {}

  /** The labels for something of {@code experiment} in {@code role} (fare-server, proxy, run). */
  public static Map<String, String> of(String experiment, String role) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(FAREMARK, "true");
    labels.put(EXPERIMENT, experiment);
    labels.put(OWNER_HOST, Host.name());
    labels.put(OWNER_PID, Long.toString(ProcessHandle.current().pid()));
    labels.put(ROLE, role);
    return labels;
  }
}
