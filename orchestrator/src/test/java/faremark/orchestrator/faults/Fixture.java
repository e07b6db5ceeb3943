package faremark.orchestrator.faults;

import faremark.orchestrator.lifecycle.LeftoverCensus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row's world: its own folder (scenario, results, the census's temporary folder), the
 * census's snapshot taken before anything starts, and the faremark commands it runs, all marked.
 */
final class Fixture {
  final String backend;
  final Path dir;
  final Path results;
  final LeftoverCensus census;
  private LeftoverCensus.Snapshot before;

  private Fixture(String backend, Path dir) throws IOException {
    this.backend = backend;
    this.dir = Files.createDirectories(dir);
    this.results = dir.resolve("results");
    this.census = LeftoverCensus.in(dir);
    if (backend.equals("docker")) {
      census.docker("");
    }
  }

  /** A fixture in {@code parent}/{@code slug}; the census snapshot is taken now. */
  static Fixture of(Path parent, String slug, String backend) throws IOException {
    Fixture f = new Fixture(backend, parent.resolve(slug + "-" + backend));
    f.before = f.census.take();
    return f;
  }

  Path scenario(String name, String yaml) throws IOException {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  /** {@code faremark run <scenario> --backend <backend> --out <results> extra...}. */
  CliProcess run(Path scenario, String... extra) throws IOException {
    return run(List.of(), Map.of(), scenario, extra);
  }

  CliProcess run(List<String> prefix, Map<String, String> env, Path scenario, String... extra)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "--backend", backend,
        "--out", results.toString()));
    args.addAll(List.of(extra));
    return CliProcess.start(census, prefix, env, args.toArray(String[]::new));
  }

  /** What is left of this row's faremark processes, waiting at most {@code limit} for it to go. */
  LeftoverCensus.Verdict leftBehind(Duration limit) {
    return census.awaitNothingLeft(before, limit);
  }

  /** The watchdog's lines in the results folder's log, empty when it did nothing. */
  String watchdogLog(ResultsCheck results) throws IOException {
    if (results.dir().isEmpty() || !Files.isRegularFile(results.dir().get().resolve("faremark.log"))) {
      return "";
    }
    return String.join("\n", Files.readAllLines(results.dir().get().resolve("faremark.log")).stream()
        .filter(l -> l.contains("watchdog:")).toList());
  }
}
