package faremark.orchestrator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.TestJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on a real JVM: {@link ShutdownMain} registers a process and a cgroup, then gets SIGINT.
 * Every wait is bounded and what is left is counted by the {@link LeftoverCensus}: a broken
 * clean-up fails within seconds, it does not wait for {@code sleep 120} to end by itself.
 */
class ShutdownTest {
  private static final Duration CLEAN_AT_EXIT = Duration.ofSeconds(5);

  @TempDir Path tmp;

  @Test
  void sigintLeavesNoProcessOrCgroupBehind() throws Exception {
    for (boolean guard : new boolean[] {false, true}) {
      LeftoverCensus census = LeftoverCensus.in(tmp.resolve("guard-" + guard));
      LeftoverCensus.Snapshot before = census.take();
      List<String> command = new ArrayList<>(TestJvm.java());
      command.addAll(census.jvmOptions());
      command.addAll(List.of("-cp", System.getProperty("java.class.path"),
          ShutdownMain.class.getName(), Boolean.toString(guard)));
      Process jvm = census.marked(new ProcessBuilder(DefaultSigint.command(command)))
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      census.owner(jvm.pid()); // its cgroup is named <pid>-shutdown-test
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = CompletableFuture.supplyAsync(() -> readUntilReady(out))
            .get(60, TimeUnit.SECONDS);
        long sleepPid = Long.parseLong(lines.get(0));
        Path cgroup = lines.get(1).isEmpty() ? null : Path.of(lines.get(1));
        assertThat(ProcessHandle.of(sleepPid)).isPresent();
        assertThat(census.take().newSince(before)).as("the census sees what it must count")
            .anyMatch(i -> i.startsWith("process " + sleepPid + " "));

        new ProcessBuilder("kill", "-INT", Long.toString(jvm.pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).as("the JVM ends on Ctrl-C").isTrue();
        String rest = CompletableFuture.supplyAsync(() -> readRest(out)).get(10, TimeUnit.SECONDS);
        LeftoverCensus.Verdict left = census.awaitNothingLeft(before, CLEAN_AT_EXIT);
        System.out.println("guard=" + guard + ": exit " + jvm.exitValue() + ", cgroup " + cgroup
            + ", said " + rest + ", left " + left.describe());

        assertThat(jvm.exitValue()).isEqualTo(130);
        assertThat(left.leftBehind()).as("left behind by Ctrl-C (guard " + guard + ")").isEmpty();
        if (cgroup != null) {
          assertThat(Files.exists(cgroup)).as("cgroup %s removed", cgroup).isFalse();
        }
        if (guard) {
          assertThat(rest).isEqualTo("interrupted");
        }
      } finally {
        jvm.destroyForcibly();
      }
    }
  }

  private static List<String> readUntilReady(BufferedReader out) {
    List<String> lines = new ArrayList<>();
    try {
      for (String line; (line = out.readLine()) != null && !line.equals("ready"); ) {
        lines.add(line);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return lines;
  }

  private static String readRest(BufferedReader out) {
    StringBuilder s = new StringBuilder();
    try {
      for (String line; (line = out.readLine()) != null; ) {
        s.append(line).append('\n');
      }
    } catch (java.io.IOException e) {
      // closed
    }
    return s.toString().strip();
  }
}
