package faremark.workload.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faremark.contract.WorkloadEvent;
import faremark.contract.WorkloadResult;
import faremark.contract.WorkloadSpec;
import faremark.workload.FixtureServer;
import faremark.workload.Runs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiProcessModelTest {

  static WorkloadSpec withProcesses(WorkloadSpec spec, int processes) {
    return new WorkloadSpec(spec.model(), spec.target(), spec.route(), spec.startDate(), spec.days(),
        spec.concurrency(), spec.connections(), spec.poolSize(), spec.connectTimeout(),
        spec.requestTimeout(), processes, spec.options());
  }

  @Test
  void slicesAreContiguousAndCoverEveryDayOnce() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ZERO)) {
      List<WorkloadSpec> slices = MultiProcessModel.slices(server.spec("multi-process", 10, 3), 3);

      assertThat(slices).extracting(WorkloadSpec::days).containsExactly(4, 3, 3);
      assertThat(slices.stream().flatMap(s -> s.dates().stream()).toList())
          .isEqualTo(server.spec("multi-process", 10, 3).dates());
      assertThat(slices.get(1).startDate()).isEqualTo(FixtureServer.START.plusDays(4));
    }
  }

  @Test
  void defaultWorkerCountIsConcurrencyBoundedByProcessorsAndDays() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ZERO)) {
      assertThat(MultiProcessModel.processes(server.spec("multi-process", 100, 100), 2)).isEqualTo(8);
      assertThat(MultiProcessModel.processes(server.spec("multi-process", 100, 3), 2)).isEqualTo(3);
      assertThat(MultiProcessModel.processes(server.spec("multi-process", 5, 100), 16)).isEqualTo(5);
      assertThat(MultiProcessModel.processes(withProcesses(server.spec("multi-process", 100, 1), 6), 2)).isEqualTo(6);
      assertThat(MultiProcessModel.processes(withProcesses(server.spec("multi-process", 4, 1), 6), 2)).isEqualTo(4);
    }
  }

  @Test
  void runsKWorkersInParallelAndLeavesNoneBehind() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(50))) {
      WorkloadSpec spec = withProcesses(server.spec("multi-process", 12, 1), 3);
      List<ProcessHandle> workers;
      WorkloadResult result;
      try (MultiProcessModel model = new MultiProcessModel(spec)) {
        model.prepare();
        workers = model.workerHandles();
        assertThat(workers).hasSize(3).allMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.current().children().map(ProcessHandle::pid))
            .containsAll(workers.stream().map(ProcessHandle::pid).toList());
        assertThat(server.requests()).isZero(); // ready means no request sent
        result = model.run();
      }
      assertThat(result.ok()).isEqualTo(12);
      assertThat(result.aggregate()).isEqualTo(FixtureServer.expected(spec));
      assertThat(result.latency().count()).isEqualTo(12);
      assertThat(result.details()).containsEntry("processes", 3);
      assertThat(server.maxInFlight()).isBetween(2, 3); // one request per worker at a time
      await().atMost(Duration.ofSeconds(20)).until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
    }
  }

  @Test
  void workersDieWhenTheParentIsKilled() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(20))) {
      LocalDate start = FixtureServer.START;
      for (int i = 0; i < 4; i++) {
        server.fault(start.plusDays(i), FixtureServer.Fault.HANG); // the workers are busy when it dies
      }
      WorkloadSpec spec = withProcesses(server.spec("multi-process", 4, 2), 2);
      Process parent = Runs.launch("--spec-json", Runs.json(spec));
      try {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        // bounded: the finally below ends the read if the parent never says ready
        String ready = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return stdout.readLine();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }).get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(WorkloadEvent.parse(ready)).isInstanceOf(WorkloadEvent.Ready.class);
        List<ProcessHandle> workers = parent.children().toList();
        assertThat(workers).hasSize(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> server.requests() == 2);

        parent.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook runs

        await().atMost(Duration.ofSeconds(30)).until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
      } finally {
        parent.destroyForcibly();
      }
    }
  }

  @Test
  void aWorkerThatDiesCountsItsDaysAsLost() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(20))) {
      WorkloadSpec spec = withProcesses(server.spec("multi-process", 4, 2), 2);
      try (MultiProcessModel model = new MultiProcessModel(spec)) {
        model.prepare();
        ProcessHandle first = model.workerHandles().get(0);
        first.destroyForcibly();
        await().atMost(Duration.ofSeconds(20)).until(() -> !first.isAlive());
        WorkloadResult result = model.run();

        assertThat(result.ok()).isEqualTo(2);
        assertThat(result.failed()).isEqualTo(Map.of(MultiProcessModel.WORKER_LOST, 2));
        assertThat(result.exitCode()).isEqualTo(1);
      }
    }
  }
}
