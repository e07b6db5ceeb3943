package faremark.orchestrator.experiment;

import faremark.contract.DayAggregate;
import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.Stage;
import faremark.orchestrator.lifecycle.Cleanup;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.verify.ExpectedAnswerClient;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The engines of an experiment, each with its stage: the first engine's is the one the runner
 * already set up (and closes); every further engine gets a fare server and proxy of its own,
 * started here with the same scenario and closed here. Each further server must compute the same
 * answers as the first (the same seed): a run is verified against the first's, whichever engine
 * it ran on.
 */
final class EngineLanes implements AutoCloseable {
  /** One engine and what its runs talk to. */
  record Engine(int number, Backend backend, Stage stage, String host) {
    String name() {
      return "engine " + number;
    }
  }

  private final List<Engine> engines;
  private final List<AutoCloseable> opened;

  private EngineLanes(List<Engine> engines, List<AutoCloseable> opened) {
    this.engines = List.copyOf(engines);
    this.opened = opened;
  }

  /**
   * @param first the first engine's stage, owned by the caller
   * @throws IOException when a further engine's stage cannot be set up or answers differently;
   *     what was started is closed
   */
  static EngineLanes open(Backend backend, Stage first, Scenario scenario, List<DayAggregate> expected,
      PrintStream out) throws IOException, InterruptedException {
    List<Backend> all = backend.engines();
    List<Engine> engines = new ArrayList<>();
    engines.add(new Engine(1, all.get(0), first, host(all.get(0))));
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      for (int i = 1; i < all.size(); i++) {
        Backend b = all.get(i);
        Stage stage = b.stage(scenario);
        String name = "engine " + (i + 1);
        // closed in reverse, as the runner closes the first engine's: proxy, then server
        opened.add(stage.server());
        opened.add(Cleanup.global().register(name + " fare-server", stage.server()));
        opened.add(stage.network());
        opened.add(Cleanup.global().register(name + " network proxy", stage.network()));
        out.println(name + ": fare-server " + stage.server().describe() + "; network "
            + stage.network().describe());
        List<DayAggregate> answers = ExpectedAnswerClient.fetch(stage.server().uri(),
            scenario.job().route(), scenario.job().startDate(), scenario.job().days());
        if (!answers.equals(expected)) {
          throw new IOException("the fare server on " + name + " (" + host(b) + ") computes other"
              + " answers than the one on engine 1 for the same scenario: its image differs");
        }
        engines.add(new Engine(i + 1, b, stage, host(b)));
      }
      if (engines.size() > 1) {
        out.println("engines: " + engines.size() + ", one run at a time on each");
      }
      return new EngineLanes(engines, opened);
    } catch (IOException | InterruptedException | RuntimeException e) {
      new EngineLanes(List.of(), opened).close();
      throw e;
    }
  }

  private static String host(Backend b) {
    Object host = b.engineRecord("").get("host");
    return host == null ? b.id() : host.toString();
  }

  List<Engine> engines() {
    return engines;
  }

  boolean several() {
    return engines.size() > 1;
  }

  /** Closes the further engines' stages, proxy before server, last opened first. */
  @Override
  public void close() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        // An engine that is gone took its stage with it; the backend removes what is left.
      }
    }
  }
}
