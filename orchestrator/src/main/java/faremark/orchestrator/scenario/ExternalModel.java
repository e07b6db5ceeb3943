package faremark.orchestrator.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A user's own program measured under the workload contract: it reads the spec JSON file whose
 * path replaces {@value ScenarioDefaults#SPEC_PLACEHOLDER} in its command, prints the
 * {@code ready}/{@code done} events on stdout and exits 0 when every request succeeded.
 *
 * @param id the key under {@code external:}, used like a Java model id
 * @param command the program and its arguments; at least one contains {@code {spec}}
 * @param description shown in listings and reports
 */
public record ExternalModel(String id, List<String> command, String description) {
  public ExternalModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    command = List.copyOf(command);
    if (command.isEmpty()
        || command.stream().noneMatch(a -> a.contains(ScenarioDefaults.SPEC_PLACEHOLDER))) {
      throw new IllegalArgumentException(
          "external model " + id + ": command must contain " + ScenarioDefaults.SPEC_PLACEHOLDER);
    }
  }

  /**
   * The command to start, with every {@code {spec}} replaced by {@code specFile}. The command is
   * not run through a shell; a relative program path is resolved by the runner.
   */
  public List<String> commandFor(Path specFile) {
    String spec = specFile.toString();
    return command.stream().map(a -> a.replace(ScenarioDefaults.SPEC_PLACEHOLDER, spec)).toList();
  }
}
