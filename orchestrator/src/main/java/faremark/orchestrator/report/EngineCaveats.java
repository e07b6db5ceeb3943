package faremark.orchestrator.report;

import faremark.orchestrator.results.ExperimentData;
import faremark.orchestrator.results.Outcome;
import faremark.orchestrator.results.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a report says about runs spread over several Docker engines: which engines, whether they
 * differ in what a figure depends on (kernel, CPU, engine version, the images' ids), and runs lost
 * with their engine. Nothing for an experiment on one engine or machine: its records name none.
 */
final class EngineCaveats {
  /** The facts a run's figures depend on, as the run records name them. */
  private static final List<String> FACTS =
      List.of("kernel", "cpuModel", "cpus", "architecture", "version", "images");

  private EngineCaveats() {}

  static List<String> of(ExperimentData data) {
    Map<String, Map<String, Object>> engines = new LinkedHashMap<>();
    List<RunRecord> records = data.runs().stream().map(r -> r.record()).toList();
    for (RunRecord r : records) {
      if (r.engine() != null && r.engine().get("host") != null) {
        engines.putIfAbsent(String.valueOf(r.engine().get("host")), r.engine());
      }
    }
    List<String> c = new ArrayList<>();
    if (engines.size() > 1) {
      c.add("Runs were spread over " + engines.size() + " Docker engines (" + String.join(", ", engines.keySet())
          + "), one run at a time on each, each with its own fare server and proxy; every run's"
          + " run.json names its engine.");
      List<String> differ = new ArrayList<>();
      for (String fact : FACTS) {
        Set<String> values = new LinkedHashSet<>();
        engines.values().forEach(e -> values.add(Objects.toString(e.get(fact), "unknown")));
        if (values.size() > 1) {
          differ.add(fact.equals("images") ? "image ids" : fact + " (" + String.join(" / ", values) + ")");
        }
      }
      if (!differ.isEmpty()) {
        c.add("The engines differ in " + String.join(", ", differ) + ": a model's runs on"
            + " different engines can differ for that reason alone, so its ranges include the"
            + " difference between engines; compare runs by engine (run.json's engine).");
      }
    }
    long lost = records.stream().filter(r -> r.outcome() == Outcome.ENGINE_FAILED).count();
    if (lost > 0) {
      c.add(lost + " run(s) were cut short when what they ran on failed under them (engine-failed:"
          + " a Docker engine that stopped answering, whose later runs went to the other engines;"
          + " a pod evicted or its node lost): they are listed and enter no figure.");
    }
    return c;
  }
}
