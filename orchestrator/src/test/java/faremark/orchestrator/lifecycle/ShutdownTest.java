package faremark.orchestrator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ctrl-C on a real JVM: {@link ShutdownMain} registers a process and a cgroup, then gets SIGINT. */
class ShutdownTest {

  @Test
  void sigintLeavesNoProcessOrCgroupBehind() throws Exception {
    for (boolean guard : new boolean[] {false, true}) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process jvm =
          new ProcessBuilder(DefaultSigint.command(List.of(java, "-cp",
                  System.getProperty("java.class.path"), ShutdownMain.class.getName(),
                  Boolean.toString(guard))))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      List<String> lines = new ArrayList<>();
      BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream()));
      for (String line; (line = out.readLine()) != null && !line.equals("ready"); ) {
        lines.add(line);
      }
      long sleepPid = Long.parseLong(lines.get(0));
      Path cgroup = lines.get(1).isEmpty() ? null : Path.of(lines.get(1));
      assertThat(ProcessHandle.of(sleepPid)).isPresent();

      new ProcessBuilder("kill", "-INT", Long.toString(jvm.pid())).start().waitFor();
      assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String rest = new String(jvm.getInputStream().readAllBytes()).strip();
      System.out.println("guard=" + guard + ": exit " + jvm.exitValue() + ", cgroup " + cgroup + ", said " + rest);

      assertThat(jvm.exitValue()).isEqualTo(130);
      ProcessHandle.of(sleepPid).ifPresent(h -> h.onExit().join());
      assertThat(ProcessHandle.of(sleepPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
      if (cgroup != null) {
        assertThat(Files.exists(cgroup)).as("cgroup %s removed", cgroup).isFalse();
      }
      if (guard) {
        assertThat(rest).isEqualTo("interrupted");
      }
    }
  }
}
