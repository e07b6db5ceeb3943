package faremark.orchestrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.orchestrator.cli.FaremarkCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a fault left in the results: each run's recorded outcome and reason, and whether the
 * folder still reads back as {@code faremark report} reads it, with no figure of a run that was
 * not ok.
 *
 * @param dir the results folder, empty when none was made (the fault came before)
 * @param runs runs with a complete record ({@code run.json}), in run order
 */
public record ResultsCheck(Optional<Path> dir, List<Run> runs) {
  /** One recorded run. */
  record Run(String id, String model, String outcome, String reason) {
    String describe() {
      return model + " " + outcome + (reason.isEmpty() ? "" : " (" + shorten(reason) + ")");
    }
  }

  /** The results folder under {@code root} (there is at most one), read. */
  static ResultsCheck under(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return new ResultsCheck(Optional.empty(), List.of());
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(root)) {
      dirs = s.filter(Files::isDirectory).toList();
    }
    assertThat(dirs).as("results folders under " + root).hasSizeLessThanOrEqualTo(1);
    if (dirs.isEmpty()) {
      return new ResultsCheck(Optional.empty(), List.of());
    }
    Path dir = dirs.getFirst();
    List<Run> runs = new ArrayList<>();
    Path runsDir = dir.resolve("runs");
    if (Files.isDirectory(runsDir)) {
      try (Stream<Path> s = Files.list(runsDir)) {
        for (Path r : s.sorted().toList()) {
          Path record = r.resolve("run.json");
          if (Files.isRegularFile(record)) {
            JsonNode n = Json.mapper().readTree(record.toFile()); // a half-written file fails here
            runs.add(new Run(r.getFileName().toString(), n.path("model").asText(),
                n.path("outcome").asText(), n.path("reason").asText()));
          }
        }
      }
    }
    return new ResultsCheck(Optional.of(dir), runs);
  }

  Run run(String model) {
    return runs.stream().filter(r -> r.model().equals(model)).findFirst()
        .orElseThrow(() -> new AssertionError("no recorded run of " + model + " in " + dir
            + ": " + runs));
  }

  /** Runs that ended ok. */
  long ok() {
    return runs.stream().filter(r -> r.outcome().equals("ok")).count();
  }

  /**
   * Runs {@code faremark report} on the folder (in this JVM, as the command does) and checks
   * that it reads: exit 0 or 1 (some runs not ok), every recorded run counted, and no figure in
   * summary.json that comes from a run that was not ok.
   *
   * @return "N of M ok, report reads them" for the table
   */
  String reportReads() throws IOException {
    if (dir.isEmpty()) {
      return "no results folder";
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = FaremarkCli.execute(new PrintWriter(out), new PrintWriter(err), "report", dir.get().toString());
    assertThat(exit).as("faremark report " + dir.get() + ":\n" + out + err).isIn(0, 1);
    JsonNode summary = Json.mapper().readTree(dir.get().resolve("summary.json").toFile());
    assertThat(summary.path("runs").asInt()).as("runs in summary.json").isEqualTo(runs.size());
    assertThat(summary.path("okRuns").asLong()).as("ok runs in summary.json").isEqualTo(ok());
    assertThat(figuresOfRunsNotOk(summary)).as("figures of runs that were not ok").isEmpty();
    return runs.size() + " (" + ok() + " ok); report reads them";
  }

  /**
   * Every per-model figure (an object with a count {@code n}) counts ok runs only: a model's
   * {@code n} above its {@code ok} means a failed run was averaged in.
   */
  public static List<String> figuresOfRunsNotOk(JsonNode summary) {
    List<String> wrong = new ArrayList<>();
    for (JsonNode model : summary.path("models")) {
      int ok = model.path("ok").asInt();
      for (Iterator<Map.Entry<String, JsonNode>> it = model.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode n = f.getValue().path("n");
        if (n.isNumber() && n.asInt() > ok) {
          wrong.add(model.path("model").asText() + "." + f.getKey() + ": n=" + n.asInt() + " > ok=" + ok);
        }
      }
      if (ok == 0 && model.path("requestPhaseVsIdeal").isNumber()) {
        wrong.add(model.path("model").asText() + ".requestPhaseVsIdeal with no ok run");
      }
    }
    return wrong;
  }

  /** "model outcome (reason); ..." for the table. */
  String outcomes() {
    return runs.isEmpty() ? "no run recorded"
        : String.join("; ", runs.stream().map(Run::describe).toList());
  }

  static String shorten(String s) {
    // a workload's garbage may be in a reason: the table shows printable text only
    String one = s.replace('\n', ' ').replaceAll("[^\\x20-\\x7E\\u00A0-\\u024F\\u2190-\\u21FF]", "?");
    return one.length() <= 90 ? one : one.substring(0, 87) + "...";
  }
}
