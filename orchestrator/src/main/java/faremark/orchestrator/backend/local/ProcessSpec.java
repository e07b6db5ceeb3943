package faremark.orchestrator.backend.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to start one local process.
 *
 * @param command program and arguments (already wrapped by {@link RunCgroup#wrap} where wanted)
 * @param workDir working directory
 * @param env variables added to (or replacing those of) the orchestrator's environment
 * @param stdin file to feed as stdin; empty: stdin is closed at once, so a read sees EOF
 * @param stderrFile where stderr goes (appended); stdout is read line by line by the orchestrator
 */
public record ProcessSpec(
    List<String> command, Path workDir, Map<String, String> env, Optional<Path> stdin, Path stderrFile) {

  public ProcessSpec {
    command = List.copyOf(command);
    env = Map.copyOf(env);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
  }

  public static ProcessSpec of(List<String> command, Path workDir, Path stderrFile) {
    return new ProcessSpec(command, workDir, Map.of(), Optional.empty(), stderrFile);
  }

  public ProcessSpec withEnv(Map<String, String> env) {
    return new ProcessSpec(command, workDir, env, stdin, stderrFile);
  }

  public ProcessSpec withStdin(Path file) {
    return new ProcessSpec(command, workDir, env, Optional.of(file), stderrFile);
  }

  public ProcessSpec withCommand(List<String> command) {
    return new ProcessSpec(command, workDir, env, stdin, stderrFile);
  }
}
