package faremark.orchestrator.scenario;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A scenario file that cannot be used: every problem found, each naming the file, the field
 * path, the line and column where known, what was expected and what was found. The message is
 * one problem per line, compiler style, so editors and terminals can jump to the place.
 */
public final class ScenarioException extends Exception {
  private final transient List<Problem> problems;

  public ScenarioException(List<Problem> problems) {
    super(render(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ScenarioException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public ScenarioException(Problem problem) {
    this(List.of(problem));
  }

  /** The problems in the order they occur in the file (structural ones first). */
  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }

  /**
   * One thing wrong with a scenario.
   *
   * @param file the file as the user named it, e.g. {@code scenarios/x.yaml}
   * @param field dotted field path, e.g. {@code server.serviceTime}, {@code models[2]}; empty
   *     for the document as a whole
   * @param line 1-based line, 0 when unknown
   * @param column 1-based column, 0 when unknown
   * @param message what was expected and what was found
   */
  public record Problem(String file, String field, int line, int column, String message) {
    public Problem {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(message, "message");
    }

    /** {@code scenarios/x.yaml:12:16: server.serviceTime: expected ...; got '290'} */
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(file);
      if (line > 0) {
        b.append(':').append(line);
        if (column > 0) {
          b.append(':').append(column);
        }
      }
      b.append(": ");
      if (!field.isEmpty()) {
        b.append(field).append(": ");
      }
      return b.append(message).toString();
    }
  }
}
