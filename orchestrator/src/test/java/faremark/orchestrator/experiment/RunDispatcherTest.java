package faremark.orchestrator.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.orchestrator.results.Outcome;
import faremark.orchestrator.results.RunRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The dispatcher with fake engines: what runs where, when, and what an engine's loss does. */
class RunDispatcherTest {

  private static List<PlannedRun> plan(int repetitions) {
    return PlannedRun.interleave(List.of("a", "b", "c"), repetitions, 0);
  }

  private static RunRecord record(PlannedRun run, Outcome outcome) {
    return new RunRecord(run.index(), run.runId(), run.model(), run.repetition(), outcome,
        outcome.ok() ? "" : outcome.id(), 0, null, null, null, null, null, null, null, null, List.of());
  }

  /** A fake engine: records what it ran, never two at once, and fails where told. */
  private static final class FakeEngine implements RunDispatcher.Lane {
    final String name;
    final List<PlannedRun> ran = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger busy = new AtomicInteger();
    final AtomicBoolean overlapped = new AtomicBoolean();
    final Predicate<PlannedRun> failsEngine;
    final long millis;

    FakeEngine(String name, long millis, Predicate<PlannedRun> failsEngine) {
      this.name = name;
      this.millis = millis;
      this.failsEngine = failsEngine;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public RunRecord run(PlannedRun run) throws IOException {
      if (busy.incrementAndGet() > 1) {
        overlapped.set(true);
      }
      try {
        Thread.sleep(millis);
        ran.add(run);
        return record(run, failsEngine.test(run) ? Outcome.ENGINE_FAILED : Outcome.OK);
      } catch (InterruptedException e) {
        return record(run, Outcome.INTERRUPTED);
      } finally {
        busy.decrementAndGet();
      }
    }
  }

  private static final class Recorder implements RunProgress {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void started(PlannedRun run) {}

    @Override
    public void ended(PlannedRun run, RunRecord record, String line) {
      lines.add(line);
    }

    @Override
    public void close() {}
  }

  private static RunDispatcher dispatcher(Recorder progress, AtomicBoolean stop) {
    return new RunDispatcher(progress, stop::get);
  }

  @Test
  void oneEngineRunsThePlanInOrderInThisThread() throws Exception {
    FakeEngine only = new FakeEngine("engine 1", 0, r -> false);
    RunDispatcher.Result r = dispatcher(new Recorder(), new AtomicBoolean()).dispatch(plan(2), List.of(only));
    assertThat(only.ran).isEqualTo(plan(2));
    assertThat(r.records()).hasSize(6);
    assertThat(r.interrupted()).isFalse();
    assertThat(r.notRun()).isEmpty();
  }

  @Test
  void twoEnginesShareThePlanOneRunAtATimeEachInPlanOrder() throws Exception {
    FakeEngine one = new FakeEngine("engine 1", 30, r -> false);
    FakeEngine two = new FakeEngine("engine 2", 30, r -> false);
    Recorder progress = new Recorder();
    RunDispatcher.Result r = dispatcher(progress, new AtomicBoolean()).dispatch(plan(4), List.of(one, two));
    assertThat(r.records()).hasSize(12);
    List<PlannedRun> all = new ArrayList<>(one.ran);
    all.addAll(two.ran);
    assertThat(all).containsExactlyInAnyOrderElementsOf(plan(4));
    assertThat(one.ran).as("both engines worked").isNotEmpty();
    assertThat(two.ran).isNotEmpty();
    for (FakeEngine e : List.of(one, two)) {
      assertThat(e.overlapped).as(e.name + " never ran two at once").isFalse();
      assertThat(e.ran).extracting(PlannedRun::index).as(e.name + " keeps the plan's order").isSorted();
    }
    assertThat(progress.lines).hasSize(12).allMatch(l -> l.endsWith("[engine 1]") || l.endsWith("[engine 2]"));
  }

  @Test
  void enginesWorkAtTheSameTime() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    Set<String> met = ConcurrentHashMap.newKeySet();
    RunDispatcher.Lane[] lanes = new RunDispatcher.Lane[2];
    for (int i = 0; i < 2; i++) {
      String name = "engine " + (i + 1);
      lanes[i] = new RunDispatcher.Lane() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public RunRecord run(PlannedRun run) {
          both.countDown();
          try {
            if (both.await(5, TimeUnit.SECONDS)) {
              met.add(name);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return record(run, Outcome.OK);
        }
      };
    }
    dispatcher(new Recorder(), new AtomicBoolean()).dispatch(plan(1), List.of(lanes));
    assertThat(met).as("each engine's first run waited for the other's").containsExactlyInAnyOrder("engine 1", "engine 2");
  }

  @Test
  void aFailedEnginesLaterRunsGoToTheOthers() throws Exception {
    FakeEngine failing = new FakeEngine("engine 1", 20, r -> r.index() >= 3);
    FakeEngine healthy = new FakeEngine("engine 2", 20, r -> false);
    RunDispatcher.Result r = dispatcher(new Recorder(), new AtomicBoolean()).dispatch(plan(3), List.of(failing, healthy));
    assertThat(r.records()).as("every planned run recorded once").hasSize(9)
        .extracting(RunRecord::runId).doesNotHaveDuplicates();
    assertThat(r.records()).filteredOn(x -> x.outcome() == Outcome.ENGINE_FAILED).hasSize(1);
    assertThat(failing.ran.get(failing.ran.size() - 1).index()).as("the failed engine took nothing after").isGreaterThanOrEqualTo(3);
    assertThat(failing.ran).filteredOn(x -> x.index() >= 3).hasSize(1);
    assertThat(r.lost()).containsExactly("engine 1");
    assertThat(r.notRun()).isEmpty();
    assertThat(r.engineLoss()).hasValueSatisfying(s -> assertThat(s).startsWith("lost engine 1 during the experiment"));
  }

  @Test
  void whenEveryEngineFailsTheRestIsSaidNotRun() throws Exception {
    FakeEngine one = new FakeEngine("engine 1", 10, r -> r.index() >= 2);
    FakeEngine two = new FakeEngine("engine 2", 10, r -> r.index() >= 2);
    RunDispatcher.Result r = dispatcher(new Recorder(), new AtomicBoolean()).dispatch(plan(3), List.of(one, two));
    assertThat(r.lost()).containsExactlyInAnyOrder("engine 1", "engine 2");
    assertThat(r.records().size() + r.notRun().size()).isEqualTo(9);
    assertThat(r.notRun()).isNotEmpty().extracting(PlannedRun::index).isSorted();
    assertThat(r.interrupted()).isFalse();
    assertThat(r.engineLoss()).hasValueSatisfying(s -> assertThat(s).startsWith("every engine failed ("));
  }

  @Test
  void aBrokenResultsDiskEndsTheExperimentWithItsError() {
    RunDispatcher.Lane broken = new RunDispatcher.Lane() {
      @Override
      public String name() {
        return "engine 2";
      }

      @Override
      public RunRecord run(PlannedRun run) throws IOException {
        throw new IOException("cannot write run 002: No space left on device");
      }
    };
    FakeEngine ok = new FakeEngine("engine 1", 10, r -> false);
    assertThatThrownBy(() -> dispatcher(new Recorder(), new AtomicBoolean()).dispatch(plan(3), List.of(ok, broken)))
        .isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
  }

  @Test
  void aStopStartsNoFurtherRun() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    FakeEngine one = new FakeEngine("engine 1", 10, r -> {
      stop.set(true); // Ctrl-C during the first run
      return false;
    });
    FakeEngine two = new FakeEngine("engine 2", 10, r -> {
      stop.set(true);
      return false;
    });
    RunDispatcher.Result r = dispatcher(new Recorder(), stop).dispatch(plan(3), List.of(one, two));
    assertThat(r.interrupted()).isTrue();
    assertThat(r.records()).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void anInterruptedRunStopsTheOtherEngines() throws Exception {
    Thread main = Thread.currentThread();
    FakeEngine one = new FakeEngine("engine 1", 200, r -> false);
    FakeEngine two = new FakeEngine("engine 2", 200, r -> false);
    Thread ctrlC = Thread.ofPlatform().start(() -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      main.interrupt(); // what ShutdownGuard does on Ctrl-C
    });
    RunDispatcher.Result r = dispatcher(new Recorder(), new AtomicBoolean()).dispatch(plan(3), List.of(one, two));
    ctrlC.join();
    assertThat(r.interrupted()).isTrue();
    assertThat(r.records()).hasSize(2).allMatch(x -> x.outcome() == Outcome.INTERRUPTED);
    assertThat(Thread.currentThread().isInterrupted()).as("the flag is not left set: records must still be written").isFalse();
  }
}
