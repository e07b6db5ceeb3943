package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.orchestrator.backend.docker.DockerfileText.Instruction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * The project's Dockerfiles against the docker contract (notes: docker-contract), without an
 * engine, so a Dockerfile that drifts from what the docker backend and docker-compose expect
 * fails here on every machine, not only where Docker runs: base image as a build arg with a
 * pinned public default, the jar or sources the module's pom really builds, the unprivileged
 * user, /run/faremark, the command line, and a .dockerignore that keeps the context small.
 */
class DockerfilesTest {

  /** One row of the contract's table of project images. */
  record Image(String module, String dockerfile, String label, String baseArg, String publicDefault,
      String copyTo, Optional<List<String>> entrypoint, Optional<List<String>> cmd) {
    Image(String module, String label, String baseArg, String publicDefault, String copyTo,
        Optional<List<String>> entrypoint, Optional<List<String>> cmd) {
      this(module, "Dockerfile", label, baseArg, publicDefault, copyTo, entrypoint, cmd);
    }

    @Override
    public String toString() {
      return module + "/" + dockerfile;
    }
  }

  static Stream<Image> images() {
    return Stream.of(
        new Image("fare-server", "fare-server", "JRE_IMAGE", "eclipse-temurin:25-jre",
            "/opt/faremark/fare-server.jar",
            Optional.of(List.of("java", "-jar", "/opt/faremark/fare-server.jar")),
            Optional.of(List.of("--host", "0.0.0.0", "--port", "8080"))),
        new Image("shaper", "shaper", "JRE_IMAGE", "eclipse-temurin:25-jre",
            "/opt/faremark/shaper.jar",
            Optional.of(List.of("java", "-jar", "/opt/faremark/shaper.jar")),
            // the same flags as Toxiproxy, so either image can be the proxy
            Optional.of(List.of("-host", "0.0.0.0", "-port", "8474"))),
        new Image("workload/java", "workload-java", "JRE_IMAGE", "eclipse-temurin:25-jre",
            "/opt/faremark/workload-java.jar",
            Optional.empty(),
            Optional.of(List.of("java", "-jar", "/opt/faremark/workload-java.jar", "--help"))),
        new Image("workload/python", "workload-python", "PYTHON_IMAGE", "python:3.12-slim",
            "/opt/faremark/python/",
            Optional.empty(),
            Optional.empty()),
        // the same sources for PyPy (ImageRecipe.WORKLOAD_PYPY)
        new Image("workload/python", "Dockerfile.pypy", "workload-pypy", "PYPY_IMAGE", "pypy:3.9-slim",
            "/opt/faremark/python/",
            Optional.empty(),
            Optional.of(List.of("pypy3", "/opt/faremark/python/run_model.py", "--help"))));
  }

  private static final Path ROOT =
      Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();

  private static DockerfileText dockerfile(Image image) {
    return DockerfileText.read(ROOT.resolve(image.module()).resolve(image.dockerfile()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void baseImageIsABuildArgWithThePinnedPublicDefault(Image image) {
    DockerfileText file = dockerfile(image);
    Instruction from = file.all("FROM").get(0);
    assertThat(file.all("FROM")).as("%s: one stage", file.file()).hasSize(1);
    assertThat(from.args()).as("%s", from).isEqualTo("${" + image.baseArg() + "}");
    Instruction arg = file.instructions().get(0);
    assertThat(arg.keyword()).as("%s: the base's ARG comes first (before FROM)", file.file()).isEqualTo("ARG");
    assertThat(arg.args()).as("%s", arg).isEqualTo(image.baseArg() + "=" + image.publicDefault());
    assertPinned(image.publicDefault());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void copiesWhatTheModulesPomBuilds(Image image) throws Exception {
    DockerfileText file = dockerfile(image);
    List<Instruction> copies = file.all("COPY");
    assertThat(copies).as("%s: one COPY", file.file()).hasSize(1);
    String[] parts = copies.get(0).args().split("\\s+");
    assertThat(parts).as("%s", copies.get(0)).hasSize(2);
    String source = parts[0];
    assertThat(parts[1]).as("%s", copies.get(0)).isEqualTo(image.copyTo());
    assertThat(stripSlash(source)).as("%s copies what %s/pom.xml builds", file.file(), image.module())
        .isEqualTo(builtByPom(ROOT.resolve(image.module()).resolve("pom.xml")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void runsUnprivilegedWithRunFaremarkAndItsLabel(Image image) {
    DockerfileText file = dockerfile(image);
    List<Instruction> users = file.all("USER");
    assertThat(users).as("%s: one USER", file.file()).hasSize(1);
    assertThat(users.get(0).args()).as("%s", users.get(0)).isEqualTo("65534:65534");
    // everything that needs root (mkdir, pip, compileall) happens before the switch
    int userAt = file.indexOf(users.get(0));
    assertThat(file.all("RUN")).allSatisfy(run ->
        assertThat(file.indexOf(run)).as("%s comes before USER", run).isLessThan(userAt));
    assertThat(file.all("RUN")).as("%s creates /run/faremark world-readable", file.file())
        .anySatisfy(run -> assertThat(run.args()).contains("mkdir -p /run/faremark", "chmod 0755 /run/faremark"));
    assertThat(file.all("LABEL")).extracting(Instruction::args)
        .as("%s", file.file()).contains("io.faremark.image=" + image.label());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void commandLineIsTheContracts(Image image) {
    DockerfileText file = dockerfile(image);
    Optional<Instruction> entrypoint = file.last("ENTRYPOINT");
    assertThat(entrypoint.map(Instruction::execForm)).as("%s ENTRYPOINT", file.file()).isEqualTo(image.entrypoint());
    image.cmd().ifPresent(cmd ->
        assertThat(file.last("CMD").map(Instruction::execForm)).as("%s CMD", file.file()).contains(cmd));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void dockerignoreSendsOnlyWhatIsCopied(Image image) throws IOException {
    Path ignore = ROOT.resolve(image.module()).resolve(".dockerignore");
    assertThat(ignore).as("build context filter next to %s", dockerfile(image).file()).isRegularFile();
    List<String> patterns = Files.readAllLines(ignore).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    String source = stripSlash(dockerfile(image).all("COPY").get(0).args().split("\\s+")[0]);
    assertThat(patterns).as("%s: everything excluded first, then the COPY source let back in", ignore)
        .startsWith("*", "!" + source);
  }

  @Test
  void pypyImageInstallsDebiansRequestsOnlyWhenTheBaseLacksItAndByteCompilesWithPypy() {
    DockerfileText file = dockerfile(images().filter(i -> i.label().equals("workload-pypy")).findFirst().orElseThrow());
    List<Instruction> runs = file.all("RUN");
    Instruction libs = runs.stream().filter(r -> r.args().contains("pip install")).findFirst().orElseThrow(
        () -> new AssertionError(file.file() + ": no RUN installs requests for bases that lack it"));
    assertThat(libs.args()).as("%s", libs).startsWith("pypy3 -c 'import requests'")
        .contains("|| pypy3 -m pip install --no-cache-dir")
        .as("the requests the CPython offline base has").contains("requests==2.28.1", "urllib3==1.26.12");
    Instruction copy = file.all("COPY").get(0);
    assertThat(runs).as("%s byte-compiles the copied sources with PyPy", file.file()).anySatisfy(run -> {
      assertThat(run.args()).isEqualTo("pypy3 -m compileall -q /opt/faremark/python");
      assertThat(file.indexOf(run)).isGreaterThan(file.indexOf(copy));
    });
    // the interpreter is the one the orchestrator's image layout names for PyPy
    assertThat(faremark.orchestrator.backend.ModelLaunch.Layout.IMAGE
        .python(faremark.contract.model.PythonImplementation.PYPY)).isEqualTo("pypy3");
    assertThat(ImageRecipe.WORKLOAD_PYPY.dockerfile()).isEqualTo("Dockerfile.pypy");
  }

  @Test
  void pythonImageInstallsPinnedLibrariesOnlyWhenTheBaseLacksThemAndByteCompiles() {
    DockerfileText file = dockerfile(images().filter(i -> i.module().equals("workload/python")).findFirst().orElseThrow());
    List<Instruction> runs = file.all("RUN");
    Instruction libs = runs.stream().filter(r -> r.args().contains("pip install")).findFirst().orElseThrow(
        () -> new AssertionError(file.file() + ": no RUN installs the libraries for bases that lack them"));
    assertThat(libs.args()).as("%s", libs)
        .startsWith("python3 -c 'import requests, aiohttp, gevent'")
        .contains("|| pip install --no-cache-dir");
    for (String lib : List.of("requests", "aiohttp", "gevent")) {
      assertThat(libs.args()).as("%s pins %s", libs, lib).containsPattern(lib + "==\\d+(\\.\\d+)+");
    }
    Instruction copy = file.all("COPY").get(0);
    assertThat(runs).as("%s byte-compiles the copied sources", file.file()).anySatisfy(run -> {
      assertThat(run.args()).isEqualTo("python3 -m compileall -q /opt/faremark/python");
      assertThat(file.indexOf(run)).isGreaterThan(file.indexOf(copy));
    });
    // the script the orchestrator runs (python3 /opt/faremark/python/run_model.py) is in the copy
    assertThat(ROOT.resolve("workload/python/src/main/python/run_model.py")).isRegularFile();
  }

  /** The checks above must be able to fail: the reader and the pinning rule on known-bad text. */
  @Nested
  class TheChecksBite {
    @Test
    void continuationsAndCommentsAreReadAsTheEngineDoes() {
      List<Instruction> parsed = DockerfileText.parse("""
          # a comment
          ARG JRE_IMAGE=eclipse-temurin:25-jre
          FROM ${JRE_IMAGE}
          RUN a \\
          # a comment inside a continuation
           && b
          cmd ["java", "-version"]
          """);
      assertThat(parsed).extracting(Instruction::keyword).containsExactly("ARG", "FROM", "RUN", "CMD");
      assertThat(parsed.get(2)).isEqualTo(new Instruction(4, "RUN", "a && b"));
      assertThat(parsed.get(3).execForm()).containsExactly("java", "-version");
      assertThatThrownBy(() -> parsed.get(2).execForm()).hasMessageContaining("line 4: RUN is not in exec");
    }

    @Test
    void unpinnedDefaultsAreRejected() {
      assertThatThrownBy(() -> assertPinned("eclipse-temurin:latest")).isInstanceOf(AssertionError.class);
      assertThatThrownBy(() -> assertPinned("python")).isInstanceOf(AssertionError.class);
      assertPinned("python:3.12-slim");
    }

    @Test
    void theJarIsReadFromTheShadePluginsOutputFile(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
      Path pom = tmp.resolve("pom.xml");
      Files.writeString(pom, """
          <project><build><plugins><plugin>
            <artifactId>maven-shade-plugin</artifactId>
            <executions><execution><configuration>
              <outputFile>${project.build.directory}/other.jar</outputFile>
            </configuration></execution></executions>
          </plugin></plugins></build></project>
          """);
      assertThat(builtByPom(pom)).isEqualTo("target/other.jar");
    }
  }

  /** A public default must name a tag, and never the moving `latest`. */
  static void assertPinned(String image) {
    Matcher m = Pattern.compile("[^:@/]+(/[^:@/]+)*:([\\w.-]+)").matcher(image);
    assertThat(m.matches()).as("base image %s names a tag", image).isTrue();
    assertThat(m.group(2)).as("base image %s is pinned", image).isNotEqualTo("latest");
  }

  /**
   * What a module's pom puts where its Dockerfile copies from: the shade plugin's outputFile for
   * the jar modules, the resource directory for the Python sources.
   */
  static String builtByPom(Path pom) throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    var xpath = XPathFactory.newInstance().newXPath();
    String outputFile = ((String) xpath.evaluate(
        "//*[local-name()='plugin'][*[local-name()='artifactId']='maven-shade-plugin']"
            + "//*[local-name()='outputFile']", doc, XPathConstants.STRING)).strip();
    if (!outputFile.isEmpty()) {
      return outputFile.replace("${project.build.directory}", "target");
    }
    String resources = ((String) xpath.evaluate(
        "//*[local-name()='build']/*[local-name()='resources']/*[local-name()='resource']/*[local-name()='directory']",
        doc, XPathConstants.STRING)).strip();
    assertThat(resources).as("%s builds neither a shaded jar nor resources", pom).isNotEmpty();
    return resources;
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
