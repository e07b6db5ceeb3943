package faremark.workload.process;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts another JVM like this one: the same java binary, the same JVM
 * options (heap, GC... so workers are measured under the parent's settings) and the same class
 * path, with another main class. Agents and debuggers are left out: a second JVM attaching to a
 * debugger port would fail, and a profiler agent is the parent's business.
 */
final class JvmCommand {
  private static final List<String> DROPPED_PREFIXES =
      List.of("-agentlib:", "-agentpath:", "-javaagent:", "-Xdebug", "-Xrunjdwp", "-Djava.class.path=");

  private JvmCommand() {}

  static List<String> forMainClass(String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(jvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    return command;
  }

  static List<String> jvmOptions(List<String> inputArguments) {
    return inputArguments.stream()
        .filter(arg -> DROPPED_PREFIXES.stream().noneMatch(arg::startsWith))
        .toList();
  }

  static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
