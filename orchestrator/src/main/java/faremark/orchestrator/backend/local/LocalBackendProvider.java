package faremark.orchestrator.backend.local;

import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.BackendProvider;
import faremark.orchestrator.scenario.Scenario;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
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

  /**
   * Run cgroups whose orchestrator is dead, with whatever still runs in them, then the parent
   * cgroups if that left them empty (an experiment that ends normally removes them too).
   */
  @Override
  public List<String> removeLeftovers() {
    CgroupSupport cgroups = CgroupSupport.detect();
    List<String> removed = new ArrayList<>();
    cgroups.removeStale().forEach(p -> removed.add("cgroup " + p));
    cgroups.removeEmptyParents().forEach(p -> removed.add("parent cgroup " + p));
    return removed;
  }

  @Override
  public Backend open(Scenario scenario, Path projectDir, PrintStream out) {
    return LocalBackend.open(projectDir, out);
  }
}
