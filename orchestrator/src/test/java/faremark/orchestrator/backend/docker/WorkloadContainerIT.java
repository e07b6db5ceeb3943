package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.ConnectionReuse;
import faremark.contract.Route;
import faremark.contract.WorkloadSpec;
import faremark.fareserver.FareServer;
import faremark.fareserver.FareServerConfig;
import faremark.fareserver.ServiceTime;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.backend.ModelLaunch;
import faremark.orchestrator.backend.RunObservation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One workload container where its cgroup is not visible (as under Docker Desktop): the series
 * comes from the engine's stats API, and says so. Needs host networking to reach the fare
 * server in this JVM at 127.0.0.1, so it runs where FAREMARK_DOCKER_NETWORK=host (CI).
 */
class WorkloadContainerIT {
  @TempDir Path tmp;

  @BeforeEach
  void needsDockerOnTheHostNetwork() throws Exception {
    DockerTestSupport.assumeDockerOnTheHostNetwork();
  }

  @Test
  void withoutVisibleCgroupsTheStatsApiGivesTheSeriesAndSaysSo() throws Exception {
    try (DockerEngine engine = DockerTestSupport.engine();
        FareServer server = FareServer.start(FareServerConfig.defaults().withPort(0)
            .withServiceTime(new ServiceTime.Fixed(Duration.ofMillis(100))))) {
      ImageRef base = new BaseImages(engine.client()).jre(Optional.empty());
      ImageRef image = new ProjectImages(engine.client(), ProjectDir.find(Path.of("")), true)
          .image(ImageRecipe.WORKLOAD_JAVA, base);
      WorkloadSpec spec = new WorkloadSpec("sequential", server.uri(), new Route("PRG", "BRQ"),
          LocalDate.of(2018, 6, 1), 30, 1, ConnectionReuse.SHARED, 1, Duration.ofSeconds(5),
          Duration.ofSeconds(30), 1, Map.of());
      Path specFile = tmp.resolve("spec.json");
      Files.writeString(specFile, faremark.contract.Json.mapper().writeValueAsString(spec));
      // proc root without processes: no container's cgroup can be found
      ContainerCgroups blind = new ContainerCgroups(tmp.resolve("no-proc"), tmp.resolve("no-mountinfo"));
      ModelLaunch launch = new ModelLaunch.Java("sequential", List.of());
      RunObservation seen = new WorkloadContainer(engine.client(), blind).run(
          new WorkloadRun("stats-it", spec, specFile, tmp, launch, Duration.ofMillis(10),
              Optional.empty(), Duration.ofMinutes(2)),
          image, launch.command(ModelLaunch.Layout.IMAGE, WorkloadContainer.SPEC_PATH),
          "faremark-stats-it-" + ProcessHandle.current().pid(), ExperimentNetwork.host(),
          Labels.of("faremark-stats-it", "run"), Optional.empty());

      assertThat(seen.exitCode()).as(Files.readString(tmp.resolve("stderr.log"))).contains(0);
      assertThat(seen.events().done()).isPresent();
      assertThat(seen.memorySource()).isEqualTo("docker-stats");
      assertThat(seen.memoryDefinition()).contains("stats API");
      assertThat(seen.samples()).isNotEmpty();
      assertThat(seen.samples().getLast().currentBytes()).isGreaterThan(10L << 20);
      assertThat(seen.totals().orElseThrow().peakBytes().orElseThrow()).isGreaterThan(10L << 20);
      assertThat(DockerTestSupport.ownedBy(engine.client(), ProcessHandle.current().pid())).isEmpty();
    }
  }
}
