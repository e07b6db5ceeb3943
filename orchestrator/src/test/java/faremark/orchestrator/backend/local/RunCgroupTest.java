package faremark.orchestrator.backend.local;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.DataSize;
import faremark.orchestrator.Requirement;
import faremark.orchestrator.lifecycle.Cleanup;
import faremark.orchestrator.sampling.MemorySample;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.sampling.RunClock;
import faremark.orchestrator.sampling.Sampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real cgroups on this machine; skipped, with the reason, where none can be made. */
class RunCgroupTest {
  private static final long MIB = 1 << 20;
  /** Allocates and touches ~100 MiB, reports the cgroup it is in, holds the memory 300 ms. */
  private static final String ALLOC_100 =
      "import time\n"
          + "b = b'\\x01' * (100 << 20)\n"
          + "print(open('/proc/self/cgroup').read().replace('\\n', ' '), flush=True)\n"
          + "time.sleep(0.3)\n";

  private static CgroupSupport support;
  @TempDir Path tmp;

  @BeforeAll
  static void detect() {
    support = CgroupSupport.detect();
    System.out.println("cgroups here: " + support.describe());
    Requirement.CGROUP.require(support.available(), "RunCgroupTest",
        () -> "no cgroup can be made here: " + support.describe());
    Requirement.PYTHON.require(Files.isExecutable(Path.of("/usr/bin/python3")), "RunCgroupTest",
        () -> "/usr/bin/python3 is needed for the workloads (apt-get install -y python3)");
  }

  private ProcessSpec python(RunCgroup cg, String code) {
    return ProcessSpec.of(cg.wrap(List.of("/usr/bin/python3", "-c", code)), tmp, tmp.resolve("stderr.txt"));
  }

  @Test
  void runIsInItsCgroupFromTheStartAndIsMeasured() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    RunClock clock = RunClock.startNow();
    RunCgroup cg = support.create("alloc-100", Optional.empty());
    Path dir = cg.dir();
    MemoryTotals totals;
    List<MemorySample> samples;
    try (cg) {
      assertThat(Cleanup.global().live()).contains("cgroup " + dir);
      try (Sampler sampler = Sampler.start(cg.probe(), clock);
          LocalProcess p = LocalProcess.start(python(cg, ALLOC_100), lines::add)) {
        assertThat(p.onExit().get(30, TimeUnit.SECONDS)).isZero();
        sampler.close();
        samples = sampler.samples();
        totals = cg.probe().totals();
        System.out.printf(
            "%s: %d samples, stats %s%n  peak %.1f MiB, max sampled current %.1f MiB, cpu %s, oom %d, failcnt %s%n",
            cg.version(), samples.size(), sampler.stats(),
            totals.peakBytes().orElse(-1) / (double) MIB,
            samples.stream().mapToLong(MemorySample::currentBytes).max().orElse(0) / (double) MIB,
            totals.cpuTime(), totals.oomKills(), totals.failCount());
      }
      assertThat(cg.pids()).isEmpty();
    }
    // The exec'd python printed the cgroup it was in; the wrapper's pid is the workload's.
    String relative = dir.getFileName().toString();
    assertThat(lines).singleElement().asString().contains(relative);
    // 100 MiB in one bytes object, plus the interpreter's own ~8-10 MiB (python3 -c at rest;
    // MemoryGroundTruthEndToEndTest measures the exact figure through the whole chain): a
    // double count, a second copy or a cgroup holding more than this run fails the upper bound
    assertThat(totals.peakBytes().orElseThrow()).isBetween(100 * MIB, 124 * MIB);
    assertThat(samples).anySatisfy(s -> assertThat(s.currentBytes()).isGreaterThanOrEqualTo(100 * MIB));
    assertThat(samples).anySatisfy(s -> assertThat(s.anonBytes()).isGreaterThanOrEqualTo(100 * MIB));
    assertThat(totals.oomKills()).isZero();
    if (support.placement() instanceof CgroupPlacement.V1 v1 && v1.cpuacctParent().isEmpty()) {
      assertThat(totals.cpuTime()).isEmpty();
    } else {
      assertThat(totals.cpuTime()).hasValueSatisfying(cpu -> assertThat(cpu).isPositive());
    }
    assertThat(dir).doesNotExist();
    assertThat(Cleanup.global().live()).doesNotContain("cgroup " + dir);
    cg.close(); // idempotent
  }

  @Test
  void aMemoryLimitEndsInAnOomKill() throws Exception {
    try (RunCgroup cg = support.create("oom", Optional.of(DataSize.ofMiB(32)));
        LocalProcess p = LocalProcess.start(python(cg, "b = b'\\x01' * (200 << 20)\nprint('survived')"), l -> {})) {
      int code = p.onExit().get(30, TimeUnit.SECONDS);
      MemoryTotals totals = cg.probe().totals();
      System.out.printf("oom run: exit %d, totals %s%n", code, totals);
      assertThat(code).isEqualTo(137); // SIGKILL from the OOM killer
      assertThat(totals.oomKills()).isGreaterThanOrEqualTo(1);
      assertThat(totals.peakBytes().orElseThrow()).isLessThanOrEqualTo(32 * MIB);
    }
  }

  @Test
  void killAllLeavesNothingEvenOrphans() throws Exception {
    CompletableFuture<String> started = new CompletableFuture<>();
    try (RunCgroup cg = support.create("kill-all", Optional.empty());
        LocalProcess p =
            LocalProcess.start(
                ProcessSpec.of(
                    // The inner sh exits at once, so its sleeps are orphans no tree walk finds.
                    cg.wrap(List.of("/bin/sh", "-c", "sh -c 'sleep 60 & sleep 60 &'; sleep 60 & echo started; wait")),
                    tmp, tmp.resolve("stderr.txt")),
                started::complete)) {
      started.get(10, TimeUnit.SECONDS);
      awaitPids(cg, 4);
      long t0 = System.nanoTime();
      cg.killAll();
      System.out.printf("killAll took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
      assertThat(cg.pids()).isEmpty();
      assertThat(p.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(137);
    }
  }

  @Test
  void removesStaleCgroupsOfDeadOrchestratorsOnly() throws Exception {
    long dead = deadPid();
    try (RunCgroup mine = support.create("mine", Optional.empty())) {
      Path parent = mine.dir().getParent();
      Path stale = parent.resolve(dead + "-left-over");
      Files.createDirectory(stale);
      List<Path> removed = support.removeStale();
      assertThat(removed).contains(stale).doesNotContain(mine.dir());
      assertThat(stale).doesNotExist();
      assertThat(mine.dir()).exists();
    }
  }

  @Test
  void parentsGoOnlyWhenNoRunIsLeftInThem() throws Exception {
    Path parent;
    try (RunCgroup run = support.create("holds-the-parent", Optional.empty())) {
      parent = run.dir().getParent();
      assertThat(support.removeEmptyParents()).doesNotContain(parent);
      assertThat(run.dir()).exists();
    }
    support.removeEmptyParents();
    // Gone, unless another experiment on this machine (v1's cpuacct parent is machine-wide)
    // still has a run in it: then it must stay.
    assertThat(support.runParents()).allSatisfy(p ->
        assertThat(!Files.exists(p) || hasRunCgroups(p)).as(p + " removed or still in use").isTrue());
    try (RunCgroup again = support.create("after-removal", Optional.empty())) {
      assertThat(again.dir()).exists(); // the next run re-creates the parent
    }
    support.removeEmptyParents();
  }

  private static boolean hasRunCgroups(Path parent) {
    try (var dirs = Files.list(parent)) {
      return dirs.anyMatch(Files::isDirectory);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static long deadPid() {
    for (long pid = 4_000_000; ; pid--) {
      if (ProcessHandle.of(pid).isEmpty()) {
        return pid;
      }
    }
  }

  private static void awaitPids(RunCgroup cg, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (cg.pids().size() < n) {
      assertThat(System.nanoTime()).as("pids in " + cg).isLessThan(deadline);
      Thread.sleep(10); // polling the process table in a test; nothing to wait on
    }
  }

  @Test
  void wrapQuotesPathsForTheShell() {
    assertThat(RunCgroup.shQuote("/a/it's")).isEqualTo("'/a/it'\\''s'");
  }
}
