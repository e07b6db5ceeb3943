package faremark.orchestrator.probe;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.backend.docker.ProbeStreamReader;
import faremark.orchestrator.sampling.MemorySample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProbeMain#run} end to end on a fixture tree (cgroup v1, memory and cpuacct mounted
 * under the root): in a pod, the probe says nothing before the workload's cgroup appears, and
 * then the same stream as beside a container, which {@link ProbeStreamReader} reads back whole.
 */
class ProbeMainTest {
  private static final String UID = "3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b";
  private static final String ID = "d7b4330ca34f897345479f07f72e5417429810e57fd5aa92293bb163df951da1";
  private static final String PAUSE = "5a1f0e6c9b2d4a8e7f3c1b0d9e8a7f6c5b4a3d2e1f0c9b8a7d6e5f4c3b2a1f0e";
  private static final String SIDECAR = "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b";
  private static final String POD = "kubepods/burstable/pod" + UID;
  private static final MemorySample FIGURES = new MemorySample(Duration.ZERO, 2_252_800, 1_679_360, 4096);
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @TempDir Path tmp;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, false, StandardCharsets.US_ASCII);

  private Path mountinfo() throws Exception {
    Files.writeString(tmp.resolve("self-cgroup"), "0::/\n");
    return Files.writeString(tmp.resolve("mountinfo"), """
        700 690 0:26 /kubepods/burstable/pod%1$s/%2$s /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory
        710 690 0:26 / %3$s/host/memory ro,nosuid - cgroup cgroup rw,memory
        711 690 0:27 / %3$s/host/cpuacct ro,nosuid - cgroup cgroup rw,cpu,cpuacct
        """.formatted(UID, SIDECAR, tmp));
  }

  /** A container's cgroup with the files the v1 probe reads, made whole and then moved in at once. */
  private Path cgroup(String relative, String name) throws Exception {
    cpuacct(relative, name);
    return memory(relative, name);
  }

  private void cpuacct(String relative, String name) throws Exception {
    Path staging = Files.createDirectories(tmp.resolve("staging-cpuacct").resolve(name));
    Files.writeString(staging.resolve("cpuacct.usage"), "123456789\n");
    Files.move(staging, Files.createDirectories(tmp.resolve("host/cpuacct").resolve(relative)).resolve(name));
  }

  private Path memory(String relative, String name) throws Exception {
    Path staging = Files.createDirectories(tmp.resolve("staging").resolve(name));
    Files.writeString(staging.resolve("memory.usage_in_bytes"), FIGURES.currentBytes() + "\n");
    Files.writeString(staging.resolve("memory.stat"), "cache 0\nrss 0\ntotal_cache " + FIGURES.fileBytes()
        + "\ntotal_rss " + FIGURES.anonBytes() + "\n");
    Files.writeString(staging.resolve("memory.max_usage_in_bytes"), "3000000\n");
    Files.writeString(staging.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
    Files.writeString(staging.resolve("memory.failcnt"), "0\n");
    Path dir = Files.createDirectories(tmp.resolve("host/memory").resolve(relative)).resolve(name);
    return Files.move(staging, dir);
  }

  private static void delete(Path dir) throws Exception {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The probe in pod mode, 2 ms samples, writing {@code ready} once the pod's cgroups are noted. */
  private FutureTask<Integer> startInPod(Path ready, long waitMs) throws Exception {
    return start("--pod-uid", UID, "--interval-ns", "2000000", "--root",
        tmp.resolve("host").toString(), "--wait-ms", Long.toString(waitMs), "--ready-file",
        ready.toString());
  }

  /** The pod's cgroups before its workload: the sandbox's (pause) and the probe sidecar's. */
  private void podWithSidecar() throws Exception {
    cgroup(POD, PAUSE);
    cgroup(POD, SIDECAR);
  }

  private FutureTask<Integer> start(String... args) throws Exception {
    Path mountinfo = mountinfo();
    ProbeArgs a = ProbeArgs.parse(args);
    FutureTask<Integer> probe = new FutureTask<>(() -> ProbeMain.run(a, out, mountinfo, tmp.resolve("self-cgroup")));
    Thread thread = new Thread(probe, "probe");
    thread.setDaemon(true);
    thread.start();
    return probe;
  }

  private List<String> lines() {
    return bytes.toString(StandardCharsets.US_ASCII).lines().toList();
  }

  private long samplesWritten() {
    return lines().stream().filter(l -> l.startsWith("s ")).count();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + PATIENCE + " for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
    }
  }

  private ProbeStreamReader.Result read() {
    ProbeStreamReader reader = new ProbeStreamReader();
    lines().forEach(reader::accept);
    reader.closed();
    return reader.result();
  }

  @Test
  void inAPodTheWorkloadIsTheContainerThatStartsAfterTheReadyFile() throws Exception {
    podWithSidecar();
    Path ready = tmp.resolve("ready");
    FutureTask<Integer> probe = startInPod(ready, 20000);

    await("the ready file", () -> Files.exists(ready));
    assertThat(lines()).as("nothing before the workload's cgroup appears").isEmpty();
    Instant beforeTheWorkload = Instant.now();
    Path workload = cgroup(POD, ID);
    await("three samples", () -> samplesWritten() >= 3);
    Instant sampling = Instant.now();
    delete(workload);
    assertThat(probe.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isZero();

    assertThat(lines().getFirst()).startsWith("faremark-probe 1 ");
    ProbeStreamReader.Result r = read();
    assertThat(r.malformed()).isEmpty();
    assertThat(r.error()).isEmpty();
    assertThat(r.complete()).isTrue();
    assertThat(r.endedBecause()).hasValueSatisfying(why -> assertThat(why).contains("cgroup is gone"));
    assertThat(r.containerId()).contains(UID);
    assertThat(r.source()).contains("cgroup-v1");
    assertThat(r.dir()).contains(workload.toString());
    // time 0 is the workload's cgroup appearing, not the probe's start
    long origin = r.originEpochNanos().orElseThrow();
    assertThat(origin).isBetween(epochNanos(beforeTheWorkload), epochNanos(sampling));
    assertThat(r.samples()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(s -> {
      assertThat(s.currentBytes()).isEqualTo(FIGURES.currentBytes());
      assertThat(s.anonBytes()).isEqualTo(FIGURES.anonBytes());
      assertThat(s.fileBytes()).isEqualTo(FIGURES.fileBytes());
    });
    assertThat(r.totals()).hasValueSatisfying(t -> {
      assertThat(t.peakBytes()).hasValue(3_000_000);
      assertThat(t.cpuTime()).contains(Duration.ofNanos(123_456_789));
    });
    assertThat(r.stats()).hasValueSatisfying(s -> assertThat(s.samples()).isEqualTo(r.samples().size()));
  }

  /**
   * runc makes a container's cgroup in each v1 hierarchy in turn, memory before cpuacct, all
   * before the container's process runs: a probe that took the memory directory alone would
   * never read the run's CPU time.
   */
  @Test
  void inAPodTheCpuacctCgroupThatFollowsTheMemoryOneIsWaitedFor() throws Exception {
    podWithSidecar();
    Path ready = tmp.resolve("ready");
    FutureTask<Integer> probe = startInPod(ready, 20000);
    await("the ready file", () -> Files.exists(ready));
    Path workload = memory(POD, ID);
    // the runtime's gap between the two directories, stretched: the probe, which looks every
    // millisecond, has seen the memory one long before this
    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    cpuacct(POD, ID);
    await("three samples", () -> samplesWritten() >= 3);
    delete(workload);
    assertThat(probe.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isZero();
    assertThat(read().totals()).hasValueSatisfying(
        t -> assertThat(t.cpuTime()).contains(Duration.ofNanos(123_456_789)));
  }

  /** Where the cpuacct directory never comes, the probe samples the memory anyway, soon. */
  @Test
  void inAPodACgroupWithoutCpuacctIsSampledWithoutCpuTime() throws Exception {
    podWithSidecar();
    Path ready = tmp.resolve("ready");
    FutureTask<Integer> probe = startInPod(ready, 20000);
    await("the ready file", () -> Files.exists(ready));
    Path workload = memory(POD, ID);
    await("three samples", () -> samplesWritten() >= 3);
    delete(workload);
    assertThat(probe.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isZero();
    ProbeStreamReader.Result r = read();
    assertThat(r.complete()).isTrue();
    assertThat(r.totals()).hasValueSatisfying(t -> assertThat(t.cpuTime()).isEmpty());
  }

  @Test
  void withoutThePodsCgroupOnlyAnErrorIsWritten() throws Exception {
    Files.createDirectories(tmp.resolve("host/memory/kubepods/burstable"));
    Path ready = tmp.resolve("ready");
    FutureTask<Integer> probe = startInPod(ready, 20);
    assertThat(probe.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3);
    assertThat(lines()).singleElement(InstanceOfAssertFactories.STRING).startsWith("error no cgroup of pod " + UID);
    assertThat(ready).doesNotExist();
    ProbeStreamReader.Result r = read();
    assertThat(r.originEpochNanos()).isEmpty();
    assertThat(r.malformed()).isEmpty();
  }

  @Test
  void withoutANewContainerOnlyAnErrorIsWrittenAfterTheReadyFile() throws Exception {
    podWithSidecar();
    Path ready = tmp.resolve("ready");
    FutureTask<Integer> probe = startInPod(ready, 50);
    assertThat(probe.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3);
    assertThat(ready).exists();
    assertThat(lines()).singleElement(InstanceOfAssertFactories.STRING)
        .startsWith("error no container's cgroup appeared in " + tmp.resolve("host/memory/" + POD))
        .contains(PAUSE, SIDECAR);
  }

  @Test
  void besideAContainerTheStreamBeginsAtOnce() throws Exception {
    FutureTask<Integer> probe = start(ID, "--interval-ns", "2000000",
        "--root", tmp.resolve("host").toString(), "--wait-ms", "20000");
    await("the waiting line", () -> lines().contains("waiting"));
    assertThat(lines().getFirst()).startsWith("faremark-probe 1 ").endsWith(" " + ID);
    Path container = cgroup("docker", ID);
    await("three samples", () -> samplesWritten() >= 3);
    delete(container);
    assertThat(probe.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isZero();
    ProbeStreamReader.Result r = read();
    assertThat(r.complete()).isTrue();
    assertThat(r.malformed()).isEmpty();
    assertThat(r.containerId()).contains(ID);
    assertThat(r.dir()).contains(container.toString());
    assertThat(r.samples()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(r.totals()).isPresent();
  }

  private static long epochNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
