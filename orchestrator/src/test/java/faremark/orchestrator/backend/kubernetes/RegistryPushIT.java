package faremark.orchestrator.backend.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import faremark.orchestrator.Requirement;
import faremark.orchestrator.backend.docker.DockerEngine;
import faremark.orchestrator.backend.docker.ImageRef;
import faremark.orchestrator.backend.docker.Labels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real push: the test starts the Distribution registry (Debian's {@code docker-registry}) on
 * a free loopback port with its storage in a temp folder, builds a one-file image
 * {@code FROM scratch} (nothing pulled), pushes it through {@link RegistryImages}, and asks the
 * registry's own HTTP API which digest it holds for the tag. The engine allows plain http to
 * 127.0.0.0/8 registries by default, so no TLS is needed.
 *
 * <p>Skipped, saying why, without an engine or without the {@code docker-registry} program;
 * failed instead where {@code FAREMARK_REQUIRE} names docker: CI installs the program whenever
 * it runs the docker tests, so a missing one there is a broken install, not a reason to skip.
 * Removes what it made (the registry process, its folder, the test image's tag), nothing else.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RegistryPushIT {
  private static final String TEST = "RegistryPushIT";
  private static final String PROGRAM = "docker-registry";
  private static final String MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";
  private static final Duration PUSH_LIMIT = Duration.ofMinutes(2);

  @TempDir static Path tmp;

  private static DockerEngine engine;
  private static Process registryProcess;
  private static Path registryLog;
  private static int port;
  private static ImageRef local;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void startRegistryAndBuildTheImage() throws Exception {
    DockerEngine.Probe probe = DockerEngine.connect();
    if (probe instanceof DockerEngine.Missing m) {
      Requirement.DOCKER.missing(TEST, m.reason());
    }
    engine = ((DockerEngine.Found) probe).engine();
    Optional<Path> program = onPath(PROGRAM);
    if (program.isEmpty()) {
      Requirement.DOCKER.missing(TEST, "no " + PROGRAM + " on the PATH (Debian's package of that"
          + " name: the Distribution registry this test starts)");
    }
    port = freePort();
    registryProcess = startRegistry(program.get(), port);
    awaitV2(registryProcess, Duration.ofSeconds(30));
    local = buildTinyImage(engine.client());
  }

  @AfterAll
  static void stopAndRemoveWhatThisMade() throws Exception {
    try {
      if (registryProcess != null) {
        registryProcess.destroy();
        if (!registryProcess.waitFor(10, TimeUnit.SECONDS)) {
          registryProcess.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      if (engine != null) {
        if (local != null) {
          try {
            engine.client().removeImageCmd(local.reference()).exec();
          } catch (DockerException e) {
            System.err.println("[faremark] " + TEST + ": could not remove " + local.reference()
                + ": " + e.getMessage());
          }
        }
        engine.close();
      }
      // the temp folder (the registry's storage and config) goes with @TempDir
    }
  }

  @Test
  void pushesTheImageAndReturnsTheDigestTheRegistryHoldsForTheTag() throws Exception {
    RegistryRef registry = RegistryRef.parse("127.0.0.1:" + port + "/team");
    RegistryImages images = new RegistryImages(engine.client(), registry, PUSH_LIMIT);
    String tagged = registry.tagged(local.reference());

    long started = System.nanoTime();
    ImageRef pushed = images.push(local);
    long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    System.err.println("[faremark] " + TEST + ": pushed " + local.reference() + " as " + tagged
        + " in " + firstMs + " ms");

    Matcher pin = Pattern.compile(Pattern.quote(registry.repository(local.reference()))
        + "@(sha256:[0-9a-f]{64})").matcher(pushed.reference());
    assertThat(pin.matches()).as(pushed.reference()).isTrue();
    String digest = pin.group(1);
    assertThat(pushed.id()).isEqualTo(local.id());
    assertThat(pushed.source()).contains(registry.toString(), tagged, local.reference());

    // the registry's own word: the tag's manifest has that digest, and is those bytes
    String path = "/v2/team/faremark-registry-test/manifests/";
    HttpResponse<byte[]> byTag = get(path + tagged.substring(tagged.lastIndexOf(':') + 1));
    assertThat(byTag.statusCode()).isEqualTo(200);
    assertThat(byTag.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    assertThat("sha256:" + HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(byTag.body()))).isEqualTo(digest);
    // and it names the local image's config: the bits that were built are the bits pushed
    assertThat(new String(byTag.body(), StandardCharsets.UTF_8)).contains(local.id());
    assertThat(get(path + digest).statusCode()).isEqualTo(200);

    // the registry tag was made for the push only; the local image is untouched
    assertThat(tagOnEngine(tagged)).isFalse();
    assertThat(tagOnEngine(local.reference())).isTrue();

    // again: same digest, and the engine finds every layer there already
    started = System.nanoTime();
    assertThat(images.push(local)).isEqualTo(pushed);
    System.err.println("[faremark] " + TEST + ": pushed it again in "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
  }

  @Test
  void aRegistryThatDoesNotListenGivesAnIOExceptionThatSaysWhatToDo() throws Exception {
    int dead = freePort(); // nothing listens there once the probe socket is closed
    RegistryRef registry = RegistryRef.parse("127.0.0.1:" + dead);
    RegistryImages images = new RegistryImages(engine.client(), registry, PUSH_LIMIT);

    assertThatThrownBy(() -> images.push(local))
        .isInstanceOf(IOException.class)
        .satisfies(e -> System.err.println("[faremark] " + TEST + ": a registry that does not"
            + " listen reads: " + e.getMessage()))
        .hasMessageContaining("pushing " + local.reference() + " to 127.0.0.1:" + dead + " as "
            + registry.tagged(local.reference()) + " failed; the Docker engine said: ")
        .hasMessageContaining("connection refused")
        .hasMessageContaining("Check that a registry runs at 127.0.0.1:" + dead);
    assertThat(tagOnEngine(registry.tagged(local.reference()))).isFalse();
  }

  @Test
  void anImageThatIsNotOnTheEngineIsNamedAndNothingIsPushed() {
    RegistryRef registry = RegistryRef.parse("127.0.0.1:" + port);
    RegistryImages images = new RegistryImages(engine.client(), registry, PUSH_LIMIT);
    ImageRef missing = new ImageRef("faremark/registry-test:absent" + suffix(), "", "nowhere");

    assertThatThrownBy(() -> images.push(missing))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot push " + missing.reference() + " to 127.0.0.1:" + port)
        .hasMessageContaining("is not on the Docker engine");
  }

  private static boolean tagOnEngine(String reference) {
    try {
      engine.client().inspectImageCmd(reference).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private static HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Accept", MANIFEST_V2).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Process startRegistry(Path program, int port) throws IOException {
    Path storage = Files.createDirectories(tmp.resolve("storage"));
    Path config = tmp.resolve("config.yml");
    Files.writeString(config, String.join("\n",
        "version: 0.1",
        "log:",
        "  level: warn",
        "storage:",
        "  filesystem:",
        "    rootdirectory: " + storage,
        "http:",
        "  addr: 127.0.0.1:" + port,
        ""));
    registryLog = tmp.resolve("registry.log");
    return new ProcessBuilder(program.toString(), "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(registryLog.toFile()).start();
  }

  /** Polls {@code GET /v2/} (the registry's "API version 2 here"): it has no readiness event. */
  private static void awaitV2(Process process, Duration limit) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    String last = "no answer yet";
    while (true) {
      try {
        HttpResponse<byte[]> r = get("/v2/");
        if (r.statusCode() == 200) {
          return;
        }
        last = "HTTP " + r.statusCode();
      } catch (IOException e) {
        last = e.toString();
      }
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        throw new AssertionError("the registry on 127.0.0.1:" + port + " did not answer GET /v2/"
            + (process.isAlive() ? " within " + limit.toSeconds() + " s" : " (it exited "
                + process.exitValue() + ")") + ": " + last + "; its log:\n"
            + Files.readString(registryLog));
      }
      Thread.sleep(50);
    }
  }

  /** One small file on no base: built in a moment, with no registry and no network. */
  private static ImageRef buildTinyImage(DockerClient docker) throws IOException {
    String reference = "faremark/registry-test:" + suffix();
    byte[] context = tar(Map.of(
        "Dockerfile", "FROM scratch\nCOPY hello.txt /hello.txt\n",
        "hello.txt", "faremark registry push test\n"));
    docker.buildImageCmd(new ByteArrayInputStream(context))
        .withTags(Set.of(reference))
        .withLabels(Map.of(Labels.FAREMARK, "true", Labels.ROLE, "image:registry-test"))
        .withPull(false)
        .withRemove(true)
        .exec(new BuildImageResultCallback())
        .awaitImageId(2, TimeUnit.MINUTES);
    return new ImageRef(reference, docker.inspectImageCmd(reference).exec().getId(),
        "built by " + TEST);
  }

  private static byte[] tar(Map<String, String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (String name : files.keySet().stream().sorted().toList()) {
        byte[] content = files.get(name).getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A fresh tag each run: two checkouts' test runs on one engine never share one. */
  private static String suffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Optional<Path> onPath(String name) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
  }
}
