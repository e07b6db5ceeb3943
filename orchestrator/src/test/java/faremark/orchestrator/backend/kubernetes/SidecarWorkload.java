package faremark.orchestrator.backend.kubernetes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The workload container's process: a shell that enters the container's cgroups and execs
 * Python, as runc's init enters them before the container's program runs, so all its memory
 * is the container's. Its stdout lines are stamped on arrival, as a node's runtime stamps the
 * lines of a container's log.
 */
final class SidecarWorkload {
  final Process process;
  final List<PodLogs.Line> lines = new CopyOnWriteArrayList<>();
  private final OutputStream stdin;
  private final Path stderr;

  private SidecarWorkload(Process process, Path stderr) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.stderr = stderr;
    Thread.ofVirtual().start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lines.add(new PodLogs.Line(Instant.now(), line));
        }
      } catch (IOException e) {
        // the process was killed: its lines so far are kept
      }
    });
  }

  static SidecarWorkload start(KubeletCgroups node, String id, Path stderr) throws IOException {
    Path memory = node.dir("memory").resolve(id).resolve("cgroup.procs");
    Path cpuacct = node.dir("cpuacct").resolve(id).resolve("cgroup.procs");
    Process p = new ProcessBuilder("/bin/sh", "-c",
        "echo $$ > \"$1\" && echo $$ > \"$2\" && exec \"$3\" -c \"$4\" \"$5\"", "sh",
        memory.toString(), cpuacct.toString(), ProbeSidecarIT.PYTHON.toString(), ProbeSidecarIT.WORKLOAD, Integer.toString(ProbeSidecarIT.MIB))
        .redirectError(stderr.toFile()).start();
    return new SidecarWorkload(p, stderr);
  }

  /** The next step: one line on its stdin. */
  void say() throws IOException {
    stdin.write('\n');
    stdin.flush();
  }

  PodLogs.Line awaitLine(java.util.function.Predicate<String> which, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Optional<PodLogs.Line> l = lines.stream().filter(x -> which.test(x.text())).findFirst();
      if (l.isPresent()) {
        return l.get();
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("the workload did not say it: " + lines + " " + stderr());
      }
      LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
    }
  }

  String stderr() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      return "(no stderr: " + e + ")";
    }
  }
}
