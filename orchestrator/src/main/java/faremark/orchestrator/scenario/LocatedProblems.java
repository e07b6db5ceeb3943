package faremark.orchestrator.scenario;

import faremark.orchestrator.scenario.ScenarioException.Problem;
import java.util.List;

/**
 * Where a scenario's binders put what is wrong with it: each problem located at the line and
 * column the source map knows for its field, collected in one list so that every section's
 * problems are reported together, in file order.
 */
final class LocatedProblems {
  private final String file;
  private final SourceMap map;
  private final List<Problem> problems;

  LocatedProblems(String file, SourceMap map, List<Problem> problems) {
    this.file = file;
    this.map = map;
    this.problems = problems;
  }

  /** How many problems were found so far, in every section. */
  int count() {
    return problems.size();
  }

  /** The value as written in the file when we know it, else as bound. */
  String found(String path, String bound) {
    return map.get(path).map(SourceMap.Entry::found).orElse("'" + bound + "'");
  }

  /** A problem with the value at {@code path}. */
  void atValue(String path, String message) {
    var e = map.get(path);
    problems.add(new Problem(file, path, e.map(SourceMap.Entry::valueLine).orElse(0),
        e.map(SourceMap.Entry::valueColumn).orElse(0), message));
  }

  /**
   * A problem with a value set by several fields: at the first of {@code paths} the file wrote,
   * else at the first (a default that, with the others, is too much).
   */
  void atFirstValue(List<String> paths, String message) {
    String path = paths.stream().filter(p -> map.get(p).isPresent()).findFirst().orElse(paths.get(0));
    atValue(path, message);
  }

  /** A problem with the key at {@code path} itself (unknown, duplicated, misplaced). */
  void atKey(String path, String message) {
    var e = map.get(path);
    problems.add(new Problem(file, path, e.map(SourceMap.Entry::keyLine).orElse(0),
        e.map(SourceMap.Entry::keyColumn).orElse(0), message));
  }
}
