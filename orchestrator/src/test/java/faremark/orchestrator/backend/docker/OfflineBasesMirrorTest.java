package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.scenario.ScenarioFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker/offline-bases.sh} takes its Debian mirror from the machine's apt sources: the
 * script's own {@code apt_mirror} function, run on apt folders made here.
 */
class OfflineBasesMirrorTest {
  static final Path SCRIPT = ScenarioFiles.repoRoot().resolve("docker/offline-bases.sh");

  @TempDir Path apt;

  private String mirror() throws Exception {
    String fn = "source <(sed -n '/^apt_mirror()/,/^}/p' \"$0\"); SUITE=bookworm APT_SOURCES=\"$1\" apt_mirror";
    Process p = new ProcessBuilder("bash", "-c", fn, SCRIPT.toString(), apt.toString())
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.strip();
  }

  @Test
  void oneLineSourcesWithOptionsGiveTheFirstDebSourceOfTheSuite() throws Exception {
    Files.writeString(apt.resolve("sources.list"), """
        # a comment
        deb-src http://src.example/debian bookworm main
        deb http://sec.example/debian-security bookworm-security main
        deb [arch=amd64 signed-by=/usr/share/keyrings/k.gpg] http://lab.example/debian bookworm main
        """);
    assertThat(mirror()).isEqualTo("http://lab.example/debian");
  }

  @Test
  void deb822SourcesSkipDisabledStanzasAndOtherSuites() throws Exception {
    Files.createDirectories(apt.resolve("sources.list.d"));
    Files.writeString(apt.resolve("sources.list.d/debian.sources"), """
        Types: deb
        URIs: http://sec.example/debian-security
        Suites: bookworm-security

        Types: deb
        URIs: http://off.example/debian
        Suites: bookworm
        Enabled: no

        Types: deb deb-src
        # http://comment.example/debian
        URIs: http://lab.example/debian http://second.example/debian
        Suites: bookworm bookworm-updates
        Components: main
        """);
    assertThat(mirror()).isEqualTo("http://lab.example/debian");
  }

  @Test
  void noSourceForTheSuiteGivesNothingAndTheScriptNamesNoHostOfItsOwn() throws Exception {
    Files.createDirectories(apt.resolve("sources.list.d"));
    Files.writeString(apt.resolve("sources.list.d/other.list"), "deb http://x.example/ubuntu jammy main\n");
    assertThat(mirror()).isEmpty();
    assertThat(Files.readString(SCRIPT)).doesNotContainPattern("https?://[a-z]");
  }
}
