package faremark.orchestrator.experiment;

import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.BackendOptions;
import faremark.orchestrator.backend.BackendProvider;
import faremark.orchestrator.backend.docker.EngineHosts;
import faremark.orchestrator.backend.BackendProvider.Unavailable;
import faremark.orchestrator.scenario.Scenario;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Turns {@code --backend} into a backend and says which one on the console: a registered
 * backend by its id (an error, exit 2, when it cannot be had here), or {@code auto}: the
 * automatic backends in registration order (docker, then local), the first that opens, with the
 * reason each earlier one could not.
 */
public final class BackendChoice {
  static final String AUTO = "auto";

  private BackendChoice() {}

  /** {@code auto} and the registered ids, for {@code --backend}'s help and completion. */
  public static final class Ids implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.stream.Stream.concat(java.util.stream.Stream.of(AUTO),
          providers().stream().map(BackendProvider::id)).iterator();
    }
  }

  /** Whether {@code --backend} may say {@code id}. */
  public static boolean isKnown(String id) {
    return id.equals(AUTO) || providers().stream().anyMatch(p -> p.id().equals(id));
  }

  /** Every registered backend, in registration order. */
  static List<BackendProvider> providers() {
    return ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get).toList();
  }

  /** {@code auto, docker or local}, for messages. */
  public static String choices() {
    List<String> ids = providers().stream().map(BackendProvider::id).sorted().toList();
    String all = ids.isEmpty() ? "" : ids.size() == 1 ? ids.get(0)
        : String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    return AUTO + (all.isEmpty() ? "" : ", " + all);
  }

  static Backend open(String requested, Scenario scenario, Path projectDir, PrintStream out)
      throws Unavailable {
    return open(requested, scenario, projectDir, out, BackendOptions.none());
  }

  /**
   * As above, with the user's engines: named engines (option or variable) make {@code auto} mean
   * docker, since falling back to this machine would run something other than what was asked.
   */
  static Backend open(String requested, Scenario scenario, Path projectDir, PrintStream out,
      BackendOptions options) throws Unavailable {
    boolean engines = options.dockerHosts().isPresent()
        || !System.getenv().getOrDefault(EngineHosts.VARIABLE, "").isBlank();
    if (requested.equals(AUTO) && !engines) {
      return automatic(scenario, projectDir, out);
    }
    String id = requested.equals(AUTO) ? "docker" : requested;
    Optional<BackendProvider> provider =
        providers().stream().filter(p -> p.id().equals(id)).findFirst();
    if (provider.isEmpty()) {
      throw new Unavailable("--backend: expected " + choices() + ", got '" + requested + "'");
    }
    try {
      Backend backend = provider.get().open(scenario, projectDir, out, options);
      out.println("backend: " + backend.id() + (backend.engines().size() > 1
          ? " (" + backend.engines().size() + " engines)" : ""));
      return backend;
    } catch (Unavailable e) {
      throw new Unavailable("--backend " + requested + ": " + e.getMessage());
    }
  }

  private static Backend automatic(Scenario scenario, Path projectDir, PrintStream out)
      throws Unavailable {
    List<BackendProvider> candidates = providers().stream().filter(BackendProvider::automatic).toList();
    StringBuilder why = new StringBuilder();
    for (BackendProvider candidate : candidates) {
      try {
        Backend backend = candidate.open(scenario, projectDir, out);
        out.println("backend: " + backend.id() + " (auto: " + (why.isEmpty()
            ? candidate.pickedBecause() : why) + ")");
        return backend;
      } catch (Unavailable e) {
        if (!why.isEmpty()) {
          why.append("; ");
        }
        why.append(e.getMessage());
      }
    }
    throw new Unavailable("--backend auto: no backend can run here: " + why + " (tried "
        + candidates.stream().map(BackendProvider::id).collect(Collectors.joining(", ")) + ")");
  }
}
