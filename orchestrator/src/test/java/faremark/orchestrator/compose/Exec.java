package faremark.orchestrator.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command to its end with a deadline, stdout and stderr kept apart (in temporary files,
 * so a chatty command can never block on a full pipe). A command past its deadline is killed
 * with everything it started.
 */
public final class Exec {
  private Exec() {}

  public record Result(List<String> command, int exit, String stdout, String stderr) {
    public boolean ok() {
      return exit == 0;
    }

    /** For assertion messages: the command, its exit code and the end of what it printed. */
    public String describe() {
      return String.join(" ", command) + " -> exit " + exit + "\n--- stdout\n" + tail(stdout)
          + "\n--- stderr\n" + tail(stderr);
    }

    private static String tail(String text) {
      return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
  }

  static Result run(Duration timeout, Path dir, Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("faremark-exec-", ".out");
    Path err = Files.createTempFile("faremark-exec-", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().putAll(env);
      Process process = pb.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IOException(String.join(" ", command) + " did not finish within " + timeout
            + "; stderr so far:\n" + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(List.copyOf(command), process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** A quick probe: true when the command exits 0 within {@code timeout}; false if it cannot start. */
  static boolean succeeds(Duration timeout, List<String> command) {
    try {
      return run(timeout, Path.of("."), Map.of(), command).ok();
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
