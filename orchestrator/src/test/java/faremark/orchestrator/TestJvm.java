package faremark.orchestrator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line for a JVM a test starts itself on the test's own classpath: the faremark CLI as
 * a user starts it, a shaper or fare server main, a clean-up fixture. Such a JVM lives a few
 * seconds, and with the default tiered JIT much of its CPU goes to C2 compiling code it will not
 * run long enough to profit from: a two-day local experiment took 10 s of CPU (its workload's JVM
 * included) and 6 s with C1 alone, 1.5 s less wall time on a 2-core machine; the fault suite
 * starts dozens.
 *
 * <p>The JIT tier changes how fast code runs, never what it does, so every check on these
 * processes (exit codes, console, signals, what they leave behind) holds as before. None of them
 * times a request through a stage in such a JVM, the one thing C1 code would make slower. The
 * workloads these JVMs launch, whose figures are the measurement, keep the flags the orchestrator
 * gives them.
 */
public final class TestJvm {
  /** C1 only: no C2 compiler threads competing with the test for the machine's cores. */
  public static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1");

  private TestJvm() {}

  /** {@code <java.home>/bin/java} followed by {@link #OPTIONS}; the caller adds the rest. */
  public static List<String> java() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(OPTIONS);
    return command;
  }
}
