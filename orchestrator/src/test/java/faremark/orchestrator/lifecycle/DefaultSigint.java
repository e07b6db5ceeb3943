package faremark.orchestrator.lifecycle;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * For tests that send SIGINT to a child JVM. A shell without job control starts background jobs
 * (`mvn test &`, nohup, some CI runners) with SIGINT ignored; children inherit that, and a JVM
 * started with SIGINT ignored never installs its handler, so Ctrl-C tests would fail for a
 * reason that has nothing to do with faremark. When this JVM has SIGINT ignored, the child is
 * started through coreutils' {@code env --default-signal=INT}, which restores the default first.
 */
public final class DefaultSigint {
  private static final int SIGINT = 2;

  private DefaultSigint() {}

  /** {@code command}, prefixed so that the child starts with SIGINT at its default when needed. */
  public static List<String> command(List<String> command) {
    if (!ignoredHere()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("/usr/bin/env", "--default-signal=INT"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Whether SIGINT is ignored in this process ({@code SigIgn} in /proc/self/status). */
  static boolean ignoredHere() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("SigIgn:")) {
          return new BigInteger(line.substring("SigIgn:".length()).strip(), 16).testBit(SIGINT - 1);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return false; // not Linux: nothing to restore, and no /usr/bin/env option to rely on
    }
    return false;
  }
}
