package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two removers at once on one engine's containers, as when two faremark processes sweep the same
 * dead owner's containers: the later removal's 409 "already in progress" is waited out, never
 * thrown (CI once failed an experiment on it), and each container is reported by one sweep only.
 */
class ContainerRemovalIT {
  private static final int CONTAINERS = 6;
  private final String experiment = "faremark-removal-it-" + ProcessHandle.current().pid();
  private DockerEngine engine;

  @BeforeEach
  void needsDocker() {
    DockerTestSupport.assumeDocker();
    engine = DockerTestSupport.engine();
  }

  @AfterEach
  void removeWhatIsLeft() {
    if (engine != null) {
      new Leftovers(engine.client()).removeExperiment(experiment);
      engine.close();
    }
  }

  @Test
  void twoRemoversOfEachContainerBothReturnAndOneOfThemRemovedIt() throws Exception {
    DockerClient docker = engine.client();
    List<String> ids = running(docker, "pair");
    int racesMet = 0;
    try (ExecutorService two = Executors.newFixedThreadPool(2)) {
      for (String id : ids) {
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<ContainerRemoval.Outcome>> removals = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          removals.add(two.submit(() -> {
            together.await();
            return ContainerRemoval.force(docker, id);
          }));
        }
        List<ContainerRemoval.Outcome> outcomes = new ArrayList<>();
        for (Future<ContainerRemoval.Outcome> removal : removals) {
          outcomes.add(removal.get(2, TimeUnit.MINUTES));
        }
        assertThat(outcomes).as(id).containsOnlyOnce(ContainerRemoval.Outcome.REMOVED);
        assertThat(gone(docker, id)).as(id).isTrue();
        if (outcomes.contains(ContainerRemoval.Outcome.REMOVED_BY_ANOTHER)) {
          racesMet++;
        }
      }
    }
    System.out.println("ContainerRemovalIT: " + racesMet + " of " + CONTAINERS
        + " concurrent removals met the other one's removal in progress (409), and waited it out");
    // A forced removal of a running container takes a few hundred ms here: two removers let go
    // together overlap nearly every time. None overlapping would mean the 409 path went untried.
    assertThat(racesMet).as("removals that met another in progress").isPositive();
  }

  @Test
  void twoSweepsOfOneExperimentReportEachContainerOnce() throws Exception {
    DockerClient docker = engine.client();
    List<String> ids = running(docker, "sweep");
    CyclicBarrier together = new CyclicBarrier(2);
    List<String> reported = new ArrayList<>();
    try (ExecutorService two = Executors.newFixedThreadPool(2)) {
      List<Future<List<String>>> sweeps = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        sweeps.add(two.submit(() -> {
          together.await();
          return new Leftovers(docker).removeExperiment(experiment);
        }));
      }
      for (Future<List<String>> sweep : sweeps) {
        reported.addAll(sweep.get(2, TimeUnit.MINUTES));
      }
    }
    assertThat(reported).as("each container reported by the sweep that removed it")
        .hasSize(CONTAINERS).doesNotHaveDuplicates();
    assertThat(ids).allMatch(id -> gone(docker, id));
  }

  /** {@link #CONTAINERS} running containers labelled with this test's experiment. */
  private List<String> running(DockerClient docker, String tag) throws BaseImages.Missing {
    ImageRef base = new BaseImages(docker).jre(Optional.empty());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < CONTAINERS; i++) {
      Map<String, String> labels = Labels.of(experiment, tag + "-" + i);
      String id = docker.createContainerCmd(base.reference())
          .withName(experiment + "-" + tag + "-" + i)
          .withCmd("sleep", "300")
          .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")
              .withCapDrop(Capability.ALL).withSecurityOpts(List.of("no-new-privileges")))
          .withLabels(labels).exec().getId();
      docker.startContainerCmd(id).exec();
      ids.add(id);
    }
    return ids;
  }

  private static boolean gone(DockerClient docker, String id) {
    try {
      docker.inspectContainerCmd(id).exec();
      return false;
    } catch (NotFoundException e) {
      return true;
    }
  }
}
