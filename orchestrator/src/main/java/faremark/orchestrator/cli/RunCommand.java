package faremark.orchestrator.cli;

import faremark.orchestrator.backend.BackendOptions;
import faremark.orchestrator.backend.docker.EngineAddress;
import faremark.orchestrator.backend.docker.EngineHosts;
import faremark.orchestrator.experiment.BackendChoice;
import faremark.orchestrator.experiment.ExperimentRunner;
import faremark.orchestrator.experiment.RunRequest;
import faremark.orchestrator.results.ResultsLayout;
import faremark.orchestrator.scenario.MachineFacts;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioLimits;
import faremark.orchestrator.scenario.ScenarioLoader;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faremark run}: checks the input, then hands the experiment to the runner. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs every model of a scenario, each repetition in its own container (docker backend) or"
          + " its own process and cgroup (local backend), samples its memory, verifies its answer, and writes results/<UTC-time>-<scenario>/: raw data per"
          + " run, " + ResultsLayout.SUMMARY_JSON + ", " + ResultsLayout.SUMMARY_CSV + " and a"
          + " self-contained " + ResultsLayout.REPORT_HTML + " with its charts as"
          + " PNG. On a terminal a progress bar shows runs done, the current model and the time"
          + " left.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  faremark run scenarios/seed.yaml",
      "  faremark run scenarios/cap-5.yaml --models sequential,async --repetitions 1",
      "  faremark run scenarios/smoke.yaml --backend local --out /tmp/results",
      "  FAREMARK_DOCKER_NETWORK=host faremark run scenarios/seed.yaml --backend docker",
      "  faremark run scenarios/seed.yaml --docker-hosts unix:///var/run/docker.sock,tcp://10.0.0.2:2376",
      "  faremark run scenarios/seed.yaml --backend kubernetes --image-registry localhost:5001",
      ExitCodes.HELP,
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<scenario>", description = "scenario YAML file, e.g. scenarios/seed.yaml")
  Path scenario;

  @Option(names = "--backend", paramLabel = "<backend>", defaultValue = "auto",
      completionCandidates = BackendChoice.Ids.class,
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: docker when an engine"
          + " answers and its images can be had, else local; kubernetes only when named, with"
          + " --image-registry: docs/kubernetes.md). Docker settings come from the"
          + " environment: FAREMARK_DOCKER_NETWORK (bridge|host), FAREMARK_JRE_IMAGE,"
          + " FAREMARK_PYTHON_IMAGE, FAREMARK_PROXY_IMAGE, FAREMARK_DOCKER_REMOVE_IMAGES")
  String backend;

  @Option(names = "--models", split = ",", paramLabel = "<id>",
      description = "run only these models, comma-separated (default: the scenario's models)")
  List<String> models = List.of();

  @Option(names = "--repetitions", paramLabel = "<n>",
      description = "runs per model, overriding the scenario's repetitions")
  Integer repetitions;

  @Option(names = "--proxy-url", paramLabel = "<url>",
      description = "drive the Toxiproxy API at this URL (e.g. http://127.0.0.1:8474) instead of"
          + " the embedded shaper; overrides TOXIPROXY_URL and the scenario's network.proxy.url")
  String proxyUrl;

  @Option(names = EngineHosts.OPTION, paramLabel = "<address>[,<address>...]",
      description = "spread the runs over these Docker engines, one run at a time on each, e.g."
          + " unix:///var/run/docker.sock,tcp://10.0.0.2:2376 (default: "
          + EngineHosts.VARIABLE + ", else the one engine found as DOCKER_HOST is). Each gets its"
          + " own fare server and proxy. tcp:// uses TLS as the Docker CLI does (DOCKER_TLS_VERIFY,"
          + " DOCKER_CERT_PATH)")
  String dockerHosts;

  @Option(names = "--allow-insecure-engine",
      description = "allow a tcp:// engine on another machine without TLS (refused otherwise:"
          + " whoever is on the way could run containers on it)")
  boolean allowInsecureEngine;

  @Option(names = "--image-registry", paramLabel = "<host[:port][/path]>",
      description = "with --backend kubernetes: push faremark's images here and have the nodes"
          + " pull them from it, e.g. localhost:5001 (docs/kubernetes.md)")
  String imageRegistry;

  @Option(names = "--namespace", paramLabel = "<name>",
      description = "with --backend kubernetes: work in this namespace (default: one made for the"
          + " experiment and deleted with it)")
  String namespace;

  @Option(names = "--node-selector", paramLabel = "<label=value>[,<label=value>...]",
      description = "with --backend kubernetes: run only on nodes with these labels (default: any"
          + " node, one run per node at a time)")
  String nodeSelector;

  @Option(names = "--out", paramLabel = "<dir>", defaultValue = "results",
      description = "results root; the run's folder is created below it (default: ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (repetitions != null && repetitions < 1) {
      return badInput("--repetitions must be at least 1, got " + repetitions);
    }
    if (!BackendChoice.isKnown(backend)) {
      return badInput("--backend: expected " + BackendChoice.choices() + ", got '" + backend + "'");
    }
    BackendOptions options = new BackendOptions(Optional.ofNullable(dockerHosts),
        allowInsecureEngine, Optional.ofNullable(imageRegistry), Optional.ofNullable(namespace),
        Optional.ofNullable(nodeSelector));
    if (options.clusterOption().isPresent() && !backend.equals("kubernetes")) {
      return badInput(options.clusterOption().get() + " is for --backend kubernetes, not --backend "
          + backend);
    }
    // Engines are checked before anything starts, like every other input.
    try {
      boolean named = !EngineHosts.of(Optional.ofNullable(dockerHosts), System.getenv(),
          allowInsecureEngine).isEmpty();
      if (named && backend.equals("local") && dockerHosts != null) {
        return badInput(EngineHosts.OPTION + " names Docker engines; --backend local runs on this"
            + " machine only");
      }
    } catch (EngineAddress.BadAddress e) {
      return badInput(e.getMessage());
    }
    // Check everything before anything starts: a bad file or model id must cost nothing.
    // A ScenarioException reaches FaremarkCli's handler: its message, exit code 2.
    MachineFacts machine = MachineFacts.here();
    Scenario loaded = ScenarioLoader.load(scenario, machine);
    try {
      if (!models.isEmpty()) {
        loaded = loaded.withModels(models);
      }
    } catch (IllegalArgumentException e) {
      return badInput("--models: " + e.getMessage());
    }
    // The Toxiproxy to drive: --proxy-url, else TOXIPROXY_URL, else the file's (else embedded).
    String url = proxyUrl != null ? proxyUrl : System.getenv(TOXIPROXY_URL);
    String where = proxyUrl != null ? "--proxy-url" : TOXIPROXY_URL;
    if (url != null && !url.isBlank()) {
      Optional<URI> parsed = toxiproxyUrl(url.strip());
      if (parsed.isEmpty()) {
        return badInput(where + ": expected a Toxiproxy API URL such as http://127.0.0.1:8474; got '"
            + url + "'");
      }
      loaded = loaded.withProxyUrl(parsed);
    }
    // What will run but may not measure what the scenario means: said once, before it starts.
    ScenarioLimits.warnings(loaded, machine)
        .forEach(w -> spec.commandLine().getErr().println("faremark run: " + w));
    RunRequest request = new RunRequest(
        scenario, backend, List.copyOf(models),
        Optional.ofNullable(repetitions), out,
        options);
    return ExperimentRunner.run(request, loaded);
  }

  static final String TOXIPROXY_URL = "TOXIPROXY_URL";

  static Optional<URI> toxiproxyUrl(String text) {
    try {
      URI u = new URI(text);
      boolean ok = "http".equals(u.getScheme()) && u.getHost() != null && u.getPort() > 0
          && (u.getPath() == null || u.getPath().isEmpty() || u.getPath().equals("/"));
      return ok ? Optional.of(u) : Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  private int badInput(String message) {
    spec.commandLine().getErr().println("faremark run: " + message);
    return ExitCodes.BAD_INPUT;
  }
}
