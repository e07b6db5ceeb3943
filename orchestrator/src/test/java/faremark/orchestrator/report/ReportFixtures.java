package faremark.orchestrator.report;

import java.nio.file.Path;

/** {@link ResultsFixture} for tests in other packages (the CLI's). */
public final class ReportFixtures {
  private ReportFixtures() {}

  public static Path writeA(Path dir) throws Exception {
    return ResultsFixture.writeA(dir);
  }

  public static Path writeB(Path dir) throws Exception {
    return ResultsFixture.writeB(dir);
  }
}
