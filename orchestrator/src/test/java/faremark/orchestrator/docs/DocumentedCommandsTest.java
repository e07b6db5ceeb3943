package faremark.orchestrator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.scenario.ScenarioFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every shell command README.md and docs/ show is either run as written by {@code
 * .ci/documented-commands} (CI runs it after {@code mvn verify}) or listed there as not run, with
 * why. This checks the classification only, in seconds, so that a new command in the docs fails
 * here, on a developer's machine, and not only in CI.
 */
class DocumentedCommandsTest {
  static final Path ROOT = ScenarioFiles.repoRoot();

  @Test
  void everyDocumentedCommandIsRunOrSaidNotToBe() throws Exception {
    Process p = new ProcessBuilder("bash", ".ci/documented-commands", "--list")
        .directory(ROOT.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).doesNotContain("UNKNOWN");
    // the commands a user of this machine types first are run, not skipped
    assertThat(out).contains("runs     README.md: ./faremark run scenarios/seed.yaml",
        "runs     README.md: ./faremark validate scenarios/cap-5.yaml",
        "runs     README.md: ./faremark models",
        "runs     docs/shaper.md: shaper/bench/latency.sh");
    // and every skip says why
    assertThat(out.lines().filter(l -> l.startsWith("skipped")).count())
        .isEqualTo(out.lines().filter(l -> l.startsWith("         (")).count());
  }

  /** The shaper benchmark once documented as a Maven call that a fresh clone cannot resolve. */
  @Test
  void noDocumentedMavenCallNeedsASiblingModuleInstalled() throws Exception {
    for (Path doc : docs()) {
      String text = Files.readString(doc);
      assertThat(text).as(doc.toString()).doesNotContain("-pl shaper test-compile exec:java");
    }
  }

  private static java.util.List<Path> docs() throws Exception {
    try (var s = Files.list(ROOT.resolve("docs"))) {
      var all = new java.util.ArrayList<>(s.filter(f -> f.toString().endsWith(".md")).toList());
      all.add(ROOT.resolve("README.md"));
      return all;
    }
  }
}
