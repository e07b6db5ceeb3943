package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.backend.docker.DockerfileText.Instruction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * orchestrator/Dockerfile.probe against what {@link ImageRecipe#PROBE} sends and {@link
 * ProbeContainer} runs, without an engine: the pinned JRE base as a build arg, the classes the
 * recipe puts in the context, nobody, and an entry point that names the probe's main class.
 */
class ProbeDockerfileTest {
  private static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
  private final DockerfileText file = DockerfileText.read(ROOT.resolve("orchestrator/Dockerfile.probe"));

  @Test
  void jreBaseAsABuildArgWithThePinnedDefault() {
    assertThat(file.instructions().get(0).args()).isEqualTo("JRE_IMAGE=" + BaseImages.PUBLIC_JRE);
    assertThat(file.all("FROM")).extracting(Instruction::args).containsExactly("${JRE_IMAGE}");
    assertThat(ImageRecipe.PROBE.baseArg()).isEqualTo("JRE_IMAGE");
    assertThat(ImageRecipe.PROBE.dockerfile()).isEqualTo("Dockerfile.probe");
  }

  @Test
  void copiesTheRecipesClassesAndRunsTheProbeAsNobody() throws Exception {
    assertThat(file.all("COPY")).extracting(Instruction::args)
        .containsExactly("classes /opt/faremark/probe/classes");
    assertThat(ImageRecipe.PROBE.files().keySet()).allSatisfy(k -> assertThat(k).startsWith("classes/"));
    assertThat(file.all("USER")).extracting(Instruction::args).containsExactly("65534:65534");
    assertThat(file.all("RUN")).as("nothing runs at build time: the root stays the base's").isEmpty();
    List<String> entry = file.last("ENTRYPOINT").orElseThrow().execForm();
    assertThat(entry).startsWith("java").endsWith("-cp", "/opt/faremark/probe/classes",
        "faremark.orchestrator.probe.ProbeMain");
    assertThat(entry).as("no hsperfdata file on the read-only root").contains("-XX:-UsePerfData");
    Class.forName(entry.getLast()).getMethod("main", String[].class);
    // the main class's package is in the context
    String pkg = entry.getLast().substring(0, entry.getLast().lastIndexOf('.')).replace('.', '/');
    assertThat(ImageRecipe.PROBE.files()).containsKey("classes/" + pkg);
  }
}
