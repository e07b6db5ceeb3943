package faremark.orchestrator.backend.local;

import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.BackendProvider;
import faremark.orchestrator.scenario.Scenario;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code --backend local}: always available; auto's last resort. */
public final class LocalBackendProvider implements BackendProvider {
  @Override
  public String id() {
    return LocalBackend.ID;
  }

  @Override
  public boolean automatic() {
    return true;
  }

  /** Run cgroups whose orchestrator is dead, with whatever still runs in them. */
  @Override
  public List<String> removeLeftovers() {
    return CgroupSupport.detect().removeStale().stream().map(p -> "cgroup " + p).toList();
  }

  @Override
  public Backend open(Scenario scenario, Path projectDir, PrintStream out) {
    return LocalBackend.open(projectDir, out);
  }
}
