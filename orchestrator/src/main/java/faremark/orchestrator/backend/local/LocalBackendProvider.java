package faremark.orchestrator.backend.local;

import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.BackendProvider;
import faremark.orchestrator.scenario.Scenario;
import java.io.PrintStream;
import java.nio.file.Path;

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

  @Override
  public Backend open(Scenario scenario, Path projectDir, PrintStream out) {
    return LocalBackend.open(projectDir, out);
  }
}
