package faremark.orchestrator.scenario;

import static faremark.orchestrator.scenario.ScenarioDefaults.ID_PATTERN;
import static faremark.orchestrator.scenario.ScenarioDefaults.SPEC_PLACEHOLDER;

import faremark.orchestrator.model.Models;
import faremark.orchestrator.scenario.ScenarioDocument.ExternalSection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the {@code external:} section (kept out of {@link ScenarioBinder}, which is full): each
 * user-named program with its command, checked and located like every other field.
 */
final class ExternalSectionBinder {
  private final LocatedProblems at;

  ExternalSectionBinder(LocatedProblems at) {
    this.at = at;
  }

  Map<String, ExternalModel> bind(Map<String, ExternalSection> given) {
    Map<String, ExternalModel> out = new LinkedHashMap<>();
    given.forEach((id, s) -> {
      String path = "external." + id;
      if (!id.matches(ID_PATTERN)) {
        at.atKey(path, "expected an id of lower-case letters, digits and '-'; got '" + id + "'");
        return;
      }
      if (Models.contains(id)) {
        at.atKey(path, "'" + id + "' is a " + (Models.isPython(id) ? "Python" : "Java")
            + " model's id; give the external model another name");
        return;
      }
      List<String> command = s == null || s.command() == null ? List.of() : s.command();
      String example = "expected a command list containing " + SPEC_PLACEHOLDER
          + ", e.g. [\"./my-client\", \"--spec\", \"" + SPEC_PLACEHOLDER + "\"]";
      if (command.isEmpty()) {
        at.atValue(s == null || s.command() == null ? path : path + ".command", example + "; got "
            + (s == null || s.command() == null ? "no command" : "an empty list"));
        return;
      }
      if (command.stream().anyMatch(a -> a == null || a.isBlank())) {
        at.atValue(path + ".command", example + "; got an empty argument");
        return;
      }
      if (command.stream().anyMatch(a -> a.indexOf('\0') >= 0)) {
        // no operating system passes a NUL in an argument: the launch itself would fail
        at.atValue(path + ".command", "expected arguments without NUL characters (YAML writes"
            + " one as \\0); got an argument containing one");
        return;
      }
      if (command.stream().noneMatch(a -> a.contains(SPEC_PLACEHOLDER))) {
        at.atValue(path + ".command", example + "; got " + command
            + " (the spec file's path is passed where " + SPEC_PLACEHOLDER + " stands)");
        return;
      }
      out.put(id, new ExternalModel(id, command, s.description() == null ? "" : s.description()));
    });
    return out;
  }
}
