package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import faremark.orchestrator.Requirement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the docker integration tests need, or a skip that says why: an engine that answers and a
 * Java base image (the offline one from docker/offline-bases.sh, or the public one). The reason is
 * printed on stderr as well, so a skipped docker suite is seen in the build log, not only in the
 * test report; under {@code FAREMARK_REQUIRE=docker} it is a failure ({@link Requirement}).
 */
public final class DockerTestSupport {
  private static Optional<String> skipReason;

  private DockerTestSupport() {}

  /**
   * Aborts the calling test (skipped, with the reason, or failed where docker is required) unless
   * Docker can run faremark here.
   */
  public static void assumeDocker() {
    assumeDocker(caller());
  }

  private static void assumeDocker(String caller) {
    Optional<String> reason;
    synchronized (DockerTestSupport.class) {
      if (skipReason == null) {
        skipReason = check();
      }
      reason = skipReason;
    }
    reason.ifPresent(r -> Requirement.DOCKER.missing(caller, r));
  }

  /**
   * {@link #assumeDocker()}, and host networking (FAREMARK_DOCKER_NETWORK=host): the tests that
   * reach a server in this JVM at 127.0.0.1 from a container need it. Where docker is required
   * (CI sets both), a bridge network is a misconfiguration and fails the test.
   */
  public static void assumeDockerOnTheHostNetwork() {
    String caller = caller();
    assumeDocker(caller);
    DockerSettings settings;
    try {
      settings = DockerSettings.fromEnvironment();
    } catch (DockerSettings.BadSetting e) {
      throw new AssertionError(e.getMessage(), e);
    }
    Requirement.DOCKER.require(settings.network() == DockerSettings.NetworkMode.HOST, caller,
        () -> "needs FAREMARK_DOCKER_NETWORK=host: a server in this JVM on 127.0.0.1 must be"
            + " reachable from the container");
  }

  /** The test class that called into this one, as the skip line names it. */
  private static String caller() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
        .map(StackWalker.StackFrame::getDeclaringClass)
        .filter(c -> c != DockerTestSupport.class).findFirst()
        .map(Class::getSimpleName).orElse("docker tests"));
  }

  /** Why the docker tests cannot run here, or empty when they can (checked once). */
  public static synchronized Optional<String> skipReason() {
    if (skipReason == null) {
      skipReason = check();
    }
    return skipReason;
  }

  private static Optional<String> check() {
    DockerEngine.Probe probe = DockerEngine.connect();
    if (probe instanceof DockerEngine.Missing m) {
      return Optional.of(m.reason());
    }
    try (DockerEngine engine = ((DockerEngine.Found) probe).engine()) {
      BaseImages bases = new BaseImages(engine.client());
      if (bases.present(BaseImages.OFFLINE_JRE, "").isEmpty()
          && bases.present(BaseImages.PUBLIC_JRE, "").isEmpty()) {
        return Optional.of("neither " + BaseImages.OFFLINE_JRE + " nor " + BaseImages.PUBLIC_JRE
            + " is on the engine (build the offline bases: docker/offline-bases.sh)");
      }
      return Optional.empty();
    }
  }

  /** A client for checks; close it. */
  public static DockerEngine engine() {
    return ((DockerEngine.Found) DockerEngine.connect()).engine();
  }

  /** faremark's containers and networks made by process {@code pid}, as "kind name" lines. */
  public static List<String> ownedBy(DockerClient docker, long pid) {
    List<String> filter = List.of(Labels.OWNER_PID + "=" + pid);
    Stream<String> containers = docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(filter).exec().stream().map(Container::getNames).map(n -> "container " + n[0]);
    Stream<String> networks = docker.listNetworksCmd().withFilter("label", filter).exec().stream()
        .map(Network::getName).map(n -> "network " + n);
    return Stream.concat(containers, networks).toList();
  }

  /** The labels a crashed faremark process would have left on its containers. */
  public static Map<String, String> labelsOfDeadOwner(long deadPid) {
    Map<String, String> labels = new java.util.HashMap<>(Labels.of("faremark-crashed-test", "run"));
    labels.put(Labels.OWNER_PID, Long.toString(deadPid));
    return labels;
  }
}
