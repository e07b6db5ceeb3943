package faremark.orchestrator.results;

import java.nio.file.Path;

/**
 * A results folder that cannot be read back: names the file and what is wrong with it. Bad input
 * (exit code 2), not an internal error.
 */
public final class ResultsException extends Exception {
  public ResultsException(Path file, String problem) {
    super(file + ": " + problem);
  }

  public ResultsException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem + (cause.getMessage() == null ? "" : " (" + firstLine(cause) + ")"), cause);
  }

  private static String firstLine(Throwable t) {
    String m = t.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
