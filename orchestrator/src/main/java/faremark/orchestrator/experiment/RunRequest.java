package faremark.orchestrator.experiment;

import faremark.orchestrator.backend.BackendOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code faremark run} was asked for, after option parsing and before the scenario is read.
 *
 * @param scenario scenario file
 * @param backend {@code auto}, {@code local} or {@code docker}
 * @param models only these model ids (empty: the scenario's list)
 * @param repetitions overrides the scenario's repetitions when present
 * @param out results root; the run's folder is created below it
 * @param options the Docker engines to spread runs over, and whether a plain-text remote one may
 *     be used
 */
public record RunRequest(
    Path scenario, String backend, List<String> models, Optional<Integer> repetitions, Path out,
    BackendOptions options) {

  /** A request for the one engine or machine there is. */
  public RunRequest(Path scenario, String backend, List<String> models,
      Optional<Integer> repetitions, Path out) {
    this(scenario, backend, models, repetitions, out, BackendOptions.none());
  }
}
