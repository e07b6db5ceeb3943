package faremark.orchestrator.faults;

import faremark.orchestrator.backend.docker.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code docker} command, for what the suite does to an engine from outside faremark. */
final class DockerCli {
  private DockerCli() {}

  /** Output lines of {@code docker args...}; fails on a non-zero exit or after a minute. */
  static List<String> run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(1, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not end within a minute");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + text.strip());
    }
    return text.lines().filter(l -> !l.isBlank()).toList();
  }

  /** Names of the running containers of faremark process {@code owner} in {@code role}. */
  static List<String> running(long owner, String role) throws IOException, InterruptedException {
    return run("ps", "--filter", "label=" + Labels.OWNER_PID + "=" + owner,
        "--filter", "label=" + Labels.ROLE + "=" + role, "--filter", "status=running",
        "--format", "{{.Names}}");
  }

  /** Whether a running container of {@code owner} in {@code role} has {@code fragment} in its name. */
  static boolean runningNamed(long owner, String role, String fragment) {
    try {
      return running(owner, role).stream().anyMatch(n -> n.contains(fragment));
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
