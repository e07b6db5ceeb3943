package faremark.orchestrator.lifecycle;

import faremark.orchestrator.backend.local.CgroupSupport;
import faremark.orchestrator.backend.local.LocalProcess;
import faremark.orchestrator.backend.local.ProcessSpec;
import faremark.orchestrator.backend.local.RunCgroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A tiny orchestrator for {@link ShutdownTest}: starts `sleep` (in a cgroup where possible),
 * prints its pid and cgroup, then waits for Ctrl-C. With the guard it behaves as the CLI should:
 * the wait is interrupted, try-with-resources cleans up, exit code 130.
 */
public final class ShutdownMain {
  public static void main(String[] args) throws Exception {
    boolean guard = Boolean.parseBoolean(args[0]);
    if (guard) {
      ShutdownGuard.install(Thread.currentThread());
    }
    CgroupSupport support = CgroupSupport.detect();
    Path tmp = Files.createTempDirectory("faremark-shutdown");
    // Without the guard Ctrl-C skips finally blocks; the JVM's shutdown hook still runs this.
    Cleanup.global().register("test folder " + tmp, () -> removeFolder(tmp));
    // As the local backend does on close: the parents it made go once empty (closed after cg).
    Cleanup.global().register("parent cgroups", support::removeEmptyParents);
    RunCgroup cg = support.available() ? support.create("shutdown-test", Optional.empty()) : null;
    List<String> command = List.of("sleep", "120");
    try (LocalProcess p =
        LocalProcess.start(
            ProcessSpec.of(cg == null ? command : cg.wrap(command), tmp, tmp.resolve("err")), l -> {})) {
      System.out.println(p.pid());
      System.out.println(cg == null ? "" : cg.dir().toString());
      System.out.println("ready");
      p.waitFor(java.time.Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      System.out.println("interrupted");
    } finally {
      if (cg != null) {
        cg.close();
      }
      support.removeEmptyParents();
      removeFolder(tmp);
    }
    System.exit(ShutdownGuard.exitCode(0));
  }

  private static void removeFolder(Path dir) throws java.io.IOException {
    Files.deleteIfExists(dir.resolve("err"));
    Files.deleteIfExists(dir);
  }
}
