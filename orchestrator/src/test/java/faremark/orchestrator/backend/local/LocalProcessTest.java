package faremark.orchestrator.backend.local;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.lifecycle.Cleanup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessTest {
  @TempDir Path tmp;

  private ProcessSpec sh(String script) {
    return ProcessSpec.of(List.of("/bin/sh", "-c", script), tmp, tmp.resolve("stderr.txt"));
  }

  @Test
  void deliversEveryLineBeforeOnExitCompletes() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (LocalProcess p =
        LocalProcess.start(
            sh("for i in 1 2 3; do echo line$i; done; echo oops >&2; printf '%s' \"$FM\"; exit 3")
                .withEnv(Map.of("FM", "last")),
            lines::add)) {
      assertThat(p.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(3);
      assertThat(lines).containsExactly("line1", "line2", "line3", "last");
      assertThat(p.stdoutDrained()).isTrue();
    }
    assertThat(Files.readString(tmp.resolve("stderr.txt"))).isEqualTo("oops\n");
  }

  @Test
  void stdinIsClosedOrFromAFile() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (LocalProcess p = LocalProcess.start(sh("cat; echo end"), lines::add)) {
      assertThat(p.waitFor(Duration.ofSeconds(10))).contains(0); // cat saw EOF at once
    }
    Files.writeString(tmp.resolve("in.txt"), "spec\n");
    try (LocalProcess p = LocalProcess.start(sh("cat").withStdin(tmp.resolve("in.txt")), lines::add)) {
      assertThat(p.waitFor(Duration.ofSeconds(10))).contains(0);
    }
    assertThat(lines).containsExactly("end", "spec");
  }

  @Test
  void aLineArrivesWhileTheProcessStillRunsAndKillEndsIt() throws Exception {
    CompletableFuture<String> ready = new CompletableFuture<>();
    LocalProcess p = LocalProcess.start(sh("echo ready; exec sleep 60"), ready::complete);
    assertThat(ready.get(10, TimeUnit.SECONDS)).isEqualTo("ready");
    assertThat(p.isAlive()).isTrue();
    assertThat(p.waitFor(Duration.ofMillis(50))).isEmpty();
    assertThat(Cleanup.global().live()).anyMatch(s -> s.startsWith("process " + p.pid()));
    p.kill();
    assertThat(p.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(143); // SIGTERM was enough
    p.close();
    assertThat(Cleanup.global().live()).noneMatch(s -> s.startsWith("process " + p.pid()));
  }

  @Test
  void killTakesTheWholeTreeIncludingChildrenThatIgnoreSigterm() throws Exception {
    CompletableFuture<String> started = new CompletableFuture<>();
    // A child that ignores SIGTERM forces the SIGKILL step.
    LocalProcess p =
        LocalProcess.start(
            sh("sleep 60 & sh -c 'trap \"\" TERM; sleep 60 & wait' & echo started; wait"), started::complete);
    started.get(10, TimeUnit.SECONDS);
    List<ProcessHandle> tree = waitForDescendants(p, 3); // sleep, sh, its sleep
    long t0 = System.nanoTime();
    p.kill(Duration.ofMillis(300));
    System.out.printf("tree of %d killed in %d ms%n", tree.size() + 1, (System.nanoTime() - t0) / 1_000_000);
    for (ProcessHandle h : tree) {
      h.onExit().get(10, TimeUnit.SECONDS);
      assertThat(h.isAlive()).as("pid %d", h.pid()).isFalse();
    }
    assertThat(p.onExit().get(10, TimeUnit.SECONDS)).isNotZero();
    p.close();
  }

  static List<ProcessHandle> waitForDescendants(LocalProcess p, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<ProcessHandle> tree;
    // The shells fork asynchronously after "started"; nothing to wait on but the process table.
    while ((tree = ProcessHandle.of(p.pid()).orElseThrow().descendants().toList()).size() < n) {
      assertThat(System.nanoTime()).as("descendants of %d", p.pid()).isLessThan(deadline);
      Thread.sleep(10);
    }
    return tree;
  }
}
