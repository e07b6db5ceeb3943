package faremark.orchestrator.backend;

import faremark.orchestrator.scenario.Scenario;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A backend as the CLI knows it: its {@code --backend} id and how to open it. Providers register
 * themselves in {@code META-INF/services/faremark.orchestrator.backend.BackendProvider}, one line
 * each; the order of the lines is the order in which {@code --backend auto} tries them.
 */
public interface BackendProvider {

  /** The {@code --backend} value, as written in the results ({@code local}, {@code docker}). */
  String id();

  /** Whether {@code --backend auto} may pick this backend (when it can be opened here). */
  boolean automatic();

  /** What {@code auto} says when it picks this backend before any other was tried. */
  default String pickedBecause() {
    return "it can run here";
  }

  /**
   * Opens the backend for {@code scenario}: finds its engine or cgroups, removes what a killed
   * earlier run left behind, prepares images. Nothing is left behind when it throws.
   *
   * @param projectDir the checkout (images are built from it; cgroups are named after it)
   * @param out where to say what was found and removed
   * @throws Unavailable when this machine cannot give this backend; the message says why and
   *     what to do
   */
  Backend open(Scenario scenario, Path projectDir, PrintStream out) throws Unavailable;

  /**
   * Opens the backend with the user's {@code options}. A backend that runs no Docker engine
   * refuses hosts named on the command line; the docker backend overrides this.
   */
  default Backend open(Scenario scenario, Path projectDir, PrintStream out, BackendOptions options)
      throws Unavailable {
    if (options.dockerHosts().isPresent()) {
      throw new Unavailable("--docker-hosts names Docker engines; the " + id()
          + " backend runs on this machine only");
    }
    if (options.clusterOption().isPresent()) {
      throw new Unavailable(options.clusterOption().get() + " is for --backend kubernetes; the "
          + id() + " backend runs no cluster");
    }
    return open(scenario, projectDir, out);
  }

  /**
   * Removes what faremark processes that no longer run left on this backend (their run
   * cgroups, containers, networks), killing what still runs in them. Called by {@code open} at
   * the next start and by the watchdog seconds after an orchestrator died; never touches what a
   * live faremark process owns.
   *
   * @return what was removed, for the console or the watchdog's log
   */
  List<String> removeLeftovers();

  /** The backend cannot be used here; the message says why and what to do. */
  final class Unavailable extends Exception {
    public Unavailable(String message) {
      super(message);
    }
  }
}
