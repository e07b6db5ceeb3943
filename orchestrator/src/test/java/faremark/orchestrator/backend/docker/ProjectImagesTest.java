package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageRecipe} contexts and {@link ProjectImages}' content tags, without an engine. */
class ProjectImagesTest {
  @TempDir Path project;

  private static final ImageRef BASE = new ImageRef("faremark/base-jre:offline", "sha256:aa", "offline base");

  private Map<String, byte[]> fareServerContext() throws Exception {
    Files.createDirectories(project.resolve("fare-server/target"));
    Files.writeString(project.resolve("fare-server/Dockerfile"), "FROM x\n");
    Files.writeString(project.resolve("fare-server/target/fare-server.jar"), "jar v1");
    return ImageRecipe.FARE_SERVER.context(project);
  }

  @Test
  void theContextIsTheDockerfileAndWhatItCopiesOnly() throws Exception {
    Files.createDirectories(project.resolve("fare-server/src"));
    Files.writeString(project.resolve("fare-server/src/Other.java"), "not in the context");
    assertThat(fareServerContext()).containsOnlyKeys("Dockerfile", "target/fare-server.jar");
  }

  @Test
  void aFolderIsTakenWholeWithoutBytecodeCaches() throws Exception {
    Path src = project.resolve("workload/python/src/main/python");
    Files.createDirectories(src.resolve("faremark_py/__pycache__"));
    Files.writeString(project.resolve("workload/python/Dockerfile"), "FROM x\n");
    Files.writeString(src.resolve("run_model.py"), "print()");
    Files.writeString(src.resolve("faremark_py/spec.py"), "x = 1");
    Files.writeString(src.resolve("faremark_py/__pycache__/spec.cpython-311.pyc"), "bytes");
    assertThat(ImageRecipe.WORKLOAD_PYTHON.context(project).keySet()).containsExactly(
        "Dockerfile", "src/main/python/faremark_py/spec.py", "src/main/python/run_model.py");
  }

  @Test
  void aMissingJarSaysHowToBuildIt() {
    assertThatThrownBy(() -> ImageRecipe.SHAPER.context(project))
        .isInstanceOf(ImageRecipe.NotBuilt.class)
        .hasMessageContaining("mvn -DskipTests -Dfaremark.skipExperiment package");
  }

  @Test
  void theTagChangesWithTheJarAndTheBaseAndOnlyThen() throws Exception {
    Map<String, byte[]> context = fareServerContext();
    String first = ProjectImages.contentHash(ImageRecipe.FARE_SERVER, context, BASE);
    assertThat(ProjectImages.contentHash(ImageRecipe.FARE_SERVER, fareServerContext(), BASE))
        .isEqualTo(first);
    assertThat(ProjectImages.contentHash(ImageRecipe.FARE_SERVER, context,
        new ImageRef(BASE.reference(), "sha256:bb", "offline base"))).isNotEqualTo(first);
    Files.writeString(project.resolve("fare-server/target/fare-server.jar"), "jar v2");
    context = ImageRecipe.FARE_SERVER.context(project);
    assertThat(ProjectImages.contentHash(ImageRecipe.FARE_SERVER, context, BASE)).isNotEqualTo(first);
  }

  @Test
  void theTarHoldsExactlyTheContextReadableByAll() throws Exception {
    byte[] tar = Tar.of(fareServerContext());
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
        assertThat(e.getMode() & 0444).isEqualTo(0444);
      }
    }
    assertThat(names).containsExactly("Dockerfile", "target/fare-server.jar");
    assertThat(Tar.of(fareServerContext())).isEqualTo(tar);
  }

  @Test
  void eachCheckoutLabelsItsOwnImages() {
    assertThat(ProjectImages.projectLabel(project)).hasSize(12)
        .isEqualTo(ProjectImages.projectLabel(project.resolve("fare-server/..")))
        .isNotEqualTo(ProjectImages.projectLabel(project.resolve("other-checkout")));
  }
}
