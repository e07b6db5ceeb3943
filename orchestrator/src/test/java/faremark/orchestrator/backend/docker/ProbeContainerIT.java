package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import faremark.contract.ConnectionReuse;
import faremark.contract.Json;
import faremark.contract.Route;
import faremark.contract.WorkloadSpec;
import faremark.contract.model.PythonImplementation;
import faremark.fareserver.FareServer;
import faremark.fareserver.FareServerConfig;
import faremark.orchestrator.Requirement;
import faremark.orchestrator.backend.ModelLaunch;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.results.MemoryFigures;
import faremark.orchestrator.results.MemoryFiguresCalculator;
import faremark.orchestrator.sampling.CgroupV1Probe;
import faremark.orchestrator.sampling.CgroupV2Probe;
import faremark.orchestrator.sampling.ContainerCgroupProbe;
import faremark.orchestrator.sampling.MemoryProbe;
import faremark.orchestrator.sampling.MemorySample;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.sampling.RunClock;
import faremark.orchestrator.sampling.Sampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe container against the host's own reading of the same run, side by side: the memory
 * ground truth ({@code groundtruth/ballast.py}, {@value #MIB} MiB held between ready and done) in
 * a Python workload container read by the probe, while this test reads the same container's
 * cgroup on the host at the same 10 ms. Same kernel peak, same sampled peak within a small
 * tolerance, a 10 ms series, peak − baseline the held memory (so the probe's times line up
 * with the run's events), the probe's cgroup apart from the run's, and nothing left on the engine.
 * It also measures the probe's own cost (its cgroup's peak and CPU time, read on the host) and
 * prints it. Needs the host's cgroups visible (the side-by-side reading) and host networking.
 */
class ProbeContainerIT {
  static final int MIB = 64;
  @TempDir Path tmp;

  @BeforeEach
  void needsDockerOnTheHostNetwork() {
    DockerTestSupport.assumeDockerOnTheHostNetwork();
  }

  @Test
  void probeAndHostReadTheSameRunAlike() throws Exception {
    String ballast = Files.readString(Path.of(getClass().getResource("/groundtruth/ballast.py").toURI()));
    try (DockerEngine engine = DockerTestSupport.engine();
        FareServer server = FareServer.start(FareServerConfig.defaults().withPort(0))) {
      DockerClient docker = engine.client();
      ImageRef jre = new BaseImages(docker).jre(Optional.empty());
      ImageRef python;
      try {
        python = new BaseImages(docker).python(Optional.empty());
      } catch (BaseImages.Missing e) {
        Requirement.DOCKER.missing("ProbeContainerIT", e.getMessage());
        return;
      }
      ProjectImages project = new ProjectImages(docker, ProjectDir.find(Path.of("")), true);
      ImageRef workload = project.image(ImageRecipe.WORKLOAD_PYTHON, python);
      ImageRef probeImage = project.image(ImageRecipe.PROBE, jre);
      WorkloadSpec spec = new WorkloadSpec("ballast", server.uri(), new Route("PRG", "BRQ"),
          LocalDate.of(2018, 6, 1), 4, 1, ConnectionReuse.SHARED, 1, Duration.ofSeconds(5),
          Duration.ofSeconds(30), 1, Map.of());
      Path specFile = tmp.resolve("spec.json");
      Files.writeString(specFile, Json.mapper().writeValueAsString(spec));
      List<String> command = List.of("python3", "-c", "import sys; exec(sys.argv[1])", ballast,
          WorkloadContainer.SPEC_PATH, Integer.toString(MIB), "1", "hold", "1000");
      String name = "faremark-probe-it-" + ProcessHandle.current().pid();
      MemoryPlan plan = new MemoryPlan(DockerSettings.MemorySource.PROBE, Optional.of(probeImage),
          engine.cgroupVersion(), Optional.empty(), Optional.empty());

      HostSide host = new HostSide(docker, name);
      CompletableFuture<Void> watching = CompletableFuture.runAsync(host::watch);
      RunObservation seen = new WorkloadContainer(docker, new ContainerCgroups(), Optional.empty(), plan).run(
          new WorkloadRun("probe-it", spec, specFile, tmp, new ModelLaunch.Python("ballast",
              PythonImplementation.CPYTHON), Duration.ofMillis(10), Optional.empty(), Duration.ofMinutes(2)),
          workload, command, name, ExperimentNetwork.host(), Labels.of("faremark-probe-it", "run"),
          Optional.empty());
      watching.get(30, TimeUnit.SECONDS);

      assertThat(seen.exitCode()).as(Files.readString(tmp.resolve("stderr.log"))).contains(0);
      assertThat(seen.memorySource()).as(seen.memoryDefinition()).isEqualTo("probe");
      if (host.run == null) {
        Requirement.notApplicable("ProbeContainerIT", "the run's cgroup is not visible on this"
            + " host, so there is no host reading to compare the probe with");
      }
      MemoryFigures probe = figures(seen, seen.samples(), seen.totals());
      MemoryTotals hostTotals = host.run.totals();
      // the host's samples onto the run's clock: both sides' wall clocks are this machine's
      Duration shift = Duration.between(seen.launchedAt(), host.startedAt);
      MemoryFigures onHost = figures(seen, host.sampler.samples().stream().map(s -> new MemorySample(
          s.at().plus(shift), s.currentBytes(), s.anonBytes(), s.fileBytes())).toList(),
          Optional.of(hostTotals));
      long probePeak = seen.totals().orElseThrow().peakBytes().orElseThrow();
      long hostPeak = hostTotals.peakBytes().orElseThrow();
      long sampledProbe = seen.samples().stream().mapToLong(MemorySample::currentBytes).max().orElseThrow();
      long sampledHost = host.sampler.samples().stream().mapToLong(MemorySample::currentBytes).max().orElseThrow();
      MemoryTotals probeOwn = host.probe.totals();
      long expectedTicks = seen.processWall().toMillis() / 10;
      System.out.printf(Locale.ROOT, "probe vs host, %d MiB held: kernel peak %.2f / %.2f MiB,"
              + " sampled peak %.2f / %.2f MiB, peak - baseline %.3f / %.3f MiB, samples %d / %d"
              + " (missed %d / %d, %d ticks in %d ms), mean interval %s / %s%n"
              + "probe's own cost: peak %.1f MiB, CPU %d ms, mean read %s, cgroup %s (run's: %s)%n",
          MIB, probePeak / 1048576.0, hostPeak / 1048576.0, sampledProbe / 1048576.0,
          sampledHost / 1048576.0, probe.peakAboveBaselineBytes() / 1048576.0,
          onHost.peakAboveBaselineBytes() / 1048576.0, seen.samplerStats().samples(),
          host.sampler.stats().samples(), seen.samplerStats().missedTicks(),
          host.sampler.stats().missedTicks(), expectedTicks, seen.processWall().toMillis(),
          seen.samplerStats().meanInterval().orElse(null), host.sampler.stats().meanInterval().orElse(null),
          probeOwn.peakBytes().orElse(0) / 1048576.0, probeOwn.cpuTime().map(Duration::toMillis).orElse(-1L),
          seen.samplerStats().meanSampleCost(), host.probeDir, host.runDir);

      // The same kernel counter, read at most one interval apart: the ballast's peak is held.
      assertThat(probe.peakSource()).isEqualTo("kernel");
      assertThat(Math.abs(probePeak - hostPeak)).as("kernel peaks").isLessThanOrEqualTo(1L << 20);
      assertThat(Math.abs(sampledProbe - sampledHost)).as("sampled peaks").isLessThanOrEqualTo(2L << 20);
      long held = (long) MIB << 20;
      assertThat(probe.peakAboveBaselineBytes()).as(probe.toString())
          .isBetween(held - (1L << 20), held + held / 20);
      // a 10 ms series, as dense as the host's own
      assertThat(seen.samplerStats().interval()).isEqualTo(Duration.ofMillis(10));
      assertThat(seen.samplerStats().meanInterval()).hasValueSatisfying(
          m -> assertThat(m).isBetween(Duration.ofMillis(9), Duration.ofMillis(30)));
      assertThat(seen.samplerStats().samples()).isGreaterThan((int) (expectedTicks / 3));
      // the probe's memory is its own cgroup's, not the run's
      assertThat(host.probeDir).isNotEqualTo(host.runDir);
      assertThat(host.probeDir.startsWith(host.runDir) || host.runDir.startsWith(host.probeDir)).isFalse();
      assertThat(probeOwn.peakBytes().orElseThrow()).isLessThan(ProbeContainer.MEMORY_LIMIT);
      // nothing left: the probe container is gone with the run's
      assertThatThrownBy(() -> docker.inspectContainerCmd(name + "-probe").exec())
          .isInstanceOf(NotFoundException.class);
      assertThat(DockerTestSupport.ownedBy(docker, ProcessHandle.current().pid())).isEmpty();
    }
  }

  @Test
  void aContainerWhoseCgroupNeverAppearsIsSaidAndTheProbeIsRemoved() throws Exception {
    try (DockerEngine engine = DockerTestSupport.engine()) {
      DockerClient docker = engine.client();
      ImageRef probeImage = new ProjectImages(docker, ProjectDir.find(Path.of("")), true)
          .image(ImageRecipe.PROBE, new BaseImages(docker).jre(Optional.empty()));
      String name = "faremark-probe-it-none-" + ProcessHandle.current().pid();
      try (ProbeContainer probe = ProbeContainer.start(docker, probeImage, engine.cgroupVersion(),
          "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", name,
          Labels.of("faremark-probe-it", "probe"), Duration.ofMillis(10), Duration.ofMinutes(1),
          Optional.empty())) {
        assertThat(probe.awaitSampling(Duration.ofMillis(500))).isFalse();
        assertThat(probe.why()).contains("waiting");
      }
      assertThatThrownBy(() -> docker.inspectContainerCmd(name).exec()).isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void whereTheProbeCannotRunTheStatsStayAndSaySo() throws Exception {
    String ballast = Files.readString(Path.of(getClass().getResource("/groundtruth/ballast.py").toURI()));
    try (DockerEngine engine = DockerTestSupport.engine();
        FareServer server = FareServer.start(FareServerConfig.defaults().withPort(0))) {
      DockerClient docker = engine.client();
      ImageRef python;
      try {
        python = new BaseImages(docker).python(Optional.empty());
      } catch (BaseImages.Missing e) {
        Requirement.DOCKER.missing("ProbeContainerIT", e.getMessage());
        return;
      }
      ImageRef workload = new ProjectImages(docker, ProjectDir.find(Path.of("")), true)
          .image(ImageRecipe.WORKLOAD_PYTHON, python);
      WorkloadSpec spec = new WorkloadSpec("ballast", server.uri(), new Route("PRG", "BRQ"),
          LocalDate.of(2018, 6, 1), 2, 1, ConnectionReuse.SHARED, 1, Duration.ofSeconds(5),
          Duration.ofSeconds(30), 1, Map.of());
      Path specFile = tmp.resolve("spec.json");
      Files.writeString(specFile, Json.mapper().writeValueAsString(spec));
      // An image that is not the probe: its container cannot run the probe's command line.
      MemoryPlan plan = new MemoryPlan(DockerSettings.MemorySource.PROBE, Optional.of(python),
          engine.cgroupVersion(), Optional.empty(), Optional.empty());
      String name = "faremark-probe-it-stats-" + ProcessHandle.current().pid();
      RunObservation seen = new WorkloadContainer(docker, new ContainerCgroups(), Optional.empty(), plan).run(
          new WorkloadRun("probe-it-stats", spec, specFile, tmp, new ModelLaunch.Python("ballast",
              PythonImplementation.CPYTHON), Duration.ofMillis(10), Optional.empty(), Duration.ofMinutes(2)),
          workload, List.of("python3", "-c", "import sys; exec(sys.argv[1])", ballast,
              WorkloadContainer.SPEC_PATH, "8", "1", "hold", "1500"),
          name, ExperimentNetwork.host(), Labels.of("faremark-probe-it", "run"), Optional.empty());

      assertThat(seen.exitCode()).as(Files.readString(tmp.resolve("stderr.log"))).contains(0);
      assertThat(seen.memorySource()).isEqualTo("docker-stats");
      assertThat(seen.memoryDefinition()).contains("stats API", "The engine's stats are used because",
          "probe container");
      assertThat(seen.samples()).isNotEmpty();
      assertThatThrownBy(() -> docker.inspectContainerCmd(name + "-probe").exec())
          .isInstanceOf(NotFoundException.class);
      assertThat(DockerTestSupport.ownedBy(docker, ProcessHandle.current().pid())).isEmpty();
    }
  }

  private static MemoryFigures figures(RunObservation seen, List<MemorySample> samples,
      Optional<MemoryTotals> totals) {
    return MemoryFiguresCalculator.compute(seen.memorySource(), seen.memoryDefinition(), samples,
        seen.events().readyAt(), seen.events().doneAt(),
        totals.map(MemoryTotals::peakBytes).orElse(OptionalLong.empty()),
        totals.flatMap(MemoryTotals::cpuTime), 0);
  }

  /**
   * This test's own reading, on the host: the run's cgroup at 10 ms from the moment its container
   * runs (on the run's clock as near as this side can tell), and the probe's cgroup's totals.
   */
  private static final class HostSide {
    private final DockerClient docker;
    private final String name;
    volatile ContainerCgroupProbe run;
    volatile ContainerCgroupProbe probe;
    volatile Sampler sampler;
    volatile Path runDir;
    volatile Path probeDir;
    volatile java.time.Instant startedAt;

    HostSide(DockerClient docker, String name) {
      this.docker = docker;
      this.name = name;
    }

    void watch() {
      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      Sampler probeSampler = null;
      while (System.nanoTime() < until) {
        if (probe == null) {
          located(name + "-probe").ifPresent(p -> {
            probe = new ContainerCgroupProbe(p);
            probeDir = dir(p);
          });
          if (probe != null) {
            // the probe's totals are read with each sample: its cgroup goes when it ends
            probeSampler = Sampler.start(probe, RunClock.startNow(), Duration.ofMillis(50));
          }
        }
        if (run == null) {
          located(name).ifPresent(p -> {
            run = new ContainerCgroupProbe(p);
            runDir = dir(p);
            startedAt = java.time.Instant.now();
            sampler = Sampler.start(run, RunClock.startNow(), Duration.ofMillis(10));
          });
        }
        if (run != null && !Files.isDirectory(runDir)) {
          break;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
      if (sampler != null) {
        sampler.close();
      }
      if (probeSampler != null) {
        // the probe ends within an interval or two of the run
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
        probeSampler.close();
      }
    }

    private Optional<MemoryProbe> located(String container) {
      try {
        InspectContainerResponse c = docker.inspectContainerCmd(container).exec();
        Long pid = c.getState().getPidLong();
        if (pid == null || pid <= 0) {
          return Optional.empty();
        }
        return new ContainerCgroups().locate(c.getId(), pid);
      } catch (NotFoundException e) {
        return Optional.empty();
      }
    }

    private static Path dir(MemoryProbe p) {
      return switch (p) {
        case CgroupV1Probe v1 -> v1.memoryDir();
        case CgroupV2Probe v2 -> v2.dir();
        default -> throw new IllegalStateException(p.source());
      };
    }
  }
}
