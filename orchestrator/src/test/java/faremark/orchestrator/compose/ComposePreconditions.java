package faremark.orchestrator.compose;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the compose smoke test needs from the machine, each missing piece a reason to skip: a
 * Docker engine that answers, a Compose CLI (v2's {@code docker compose} or v1's {@code
 * docker-compose}), and the offline base images (no registry is assumed reachable).
 */
public final class ComposePreconditions {
  static final String JRE_BASE = "faremark/base-jre:offline";
  private static final Duration PROBE = Duration.ofSeconds(20);

  private ComposePreconditions() {}

  /** The Compose command to use, or why there is none / why the test cannot run. */
  public sealed interface Verdict {}

  public record Ready(List<String> compose, String version) implements Verdict {}

  public record Skip(String reason) implements Verdict {}

  public static Verdict check() {
    if (!Exec.succeeds(PROBE, List.of("docker", "version", "--format", "{{.Server.Version}}"))) {
      return new Skip("no Docker engine answers (docker version failed or docker is not installed)");
    }
    Optional<List<String>> compose = detectCompose();
    if (compose.isEmpty()) {
      return new Skip("neither 'docker compose' (v2) nor 'docker-compose' (v1) is installed");
    }
    // The Java models need only the JRE base; the Python one is not built for this test.
    if (!Exec.succeeds(PROBE, List.of("docker", "image", "inspect", JRE_BASE))) {
      return new Skip("the offline base image " + JRE_BASE
          + " is missing: build it with docker/offline-bases.sh");
    }
    return new Ready(compose.get(), version(compose.get()));
  }

  /** v2 first (the plugin is what current Docker ships), then v1's standalone binary. */
  static Optional<List<String>> detectCompose() {
    for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
      List<String> probe = new java.util.ArrayList<>(candidate);
      probe.add("version");
      if (Exec.succeeds(PROBE, probe)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String version(List<String> compose) {
    List<String> probe = new java.util.ArrayList<>(compose);
    probe.addAll(List.of("version", "--short"));
    try {
      return Exec.run(PROBE, java.nio.file.Path.of("."), java.util.Map.of(), probe).stdout().strip();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
