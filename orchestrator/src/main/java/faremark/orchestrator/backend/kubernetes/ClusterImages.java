package faremark.orchestrator.backend.kubernetes;

import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.PythonImplementation;
import faremark.orchestrator.backend.docker.BaseImages;
import faremark.orchestrator.backend.docker.DockerEngine;
import faremark.orchestrator.backend.docker.DockerSettings;
import faremark.orchestrator.backend.docker.ImageRecipe;
import faremark.orchestrator.backend.docker.ImageRef;
import faremark.orchestrator.backend.docker.ProjectDir;
import faremark.orchestrator.backend.docker.ProjectImages;
import faremark.orchestrator.model.Models;
import faremark.orchestrator.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The images a cluster runs: built by the local Docker engine exactly as the docker backend
 * builds them (content-hashed, from the offline bases), then pushed to the user's registry and
 * referred to by digest; or, where the user pushed them ({@code FAREMARK_KUBE_PUSH=false}), named
 * as faremark expects them there. The proxy is always the shaper: a real Toxiproxy image would
 * have to come from a public registry the nodes may not reach.
 */
final class ClusterImages {
  private ClusterImages() {}

  static KubeImages build(Scenario scenario, Path projectDir, KubernetesSettings settings,
      PrintStream out) throws IOException {
    DockerEngine engine = switch (DockerEngine.connect()) {
      case DockerEngine.Found f -> f.engine();
      case DockerEngine.Missing m -> throw new IOException("the kubernetes backend builds its"
          + " images with a local Docker engine, and none answers: " + m.reason());
    };
    try (engine) {
      DockerSettings docker = DockerSettings.fromEnvironment();
      BaseImages bases = new BaseImages(engine.client());
      ProjectImages project = new ProjectImages(engine.client(), ProjectDir.find(projectDir),
          docker.network() == DockerSettings.NetworkMode.HOST);
      ImageRef jre = bases.jre(docker.jreImage());
      out.println("kubernetes images: building what is not cached yet");
      RegistryRef registry = RegistryRef.parse(settings.registry());
      RegistryImages push = new RegistryImages(engine.client(), registry,
          RegistryImages.DEFAULT_PUSH_LIMIT);
      Map<String, String> localIds = new LinkedHashMap<>();
      Publish publish = local -> {
        ImageRef remote = settings.push() ? push.push(local) : RegistryImages.expected(registry, local);
        localIds.put(remote.reference(), local.id());
        return remote.reference();
      };
      String fareServer = publish.apply(project.image(ImageRecipe.FARE_SERVER, jre));
      String proxy = publish.apply(project.image(ImageRecipe.SHAPER, jre));
      boolean java = scenario.models().stream().anyMatch(m -> !Models.isPython(m));
      Optional<String> workloadJava = java
          ? Optional.of(publish.apply(project.image(ImageRecipe.WORKLOAD_JAVA, jre)))
          : Optional.empty();
      Map<PythonImplementation, String> python = new EnumMap<>(PythonImplementation.class);
      for (String model : scenario.models()) {
        Optional<PythonImplementation> implementation = Models.find(model)
            .flatMap(ModelDeclaration::python).map(p -> p.implementation());
        if (implementation.isEmpty() || python.containsKey(implementation.get())) {
          continue;
        }
        switch (implementation.get()) {
          case CPYTHON -> python.put(PythonImplementation.CPYTHON, publish.apply(project.image(
              ImageRecipe.WORKLOAD_PYTHON, bases.python(docker.pythonImage()))));
          case PYPY -> {
            try {
              python.put(PythonImplementation.PYPY, publish.apply(project.image(
                  ImageRecipe.WORKLOAD_PYPY, bases.pypy(docker.pypyImage()))));
            } catch (BaseImages.Missing e) {
              out.println("kubernetes images: no PyPy image (" + e.getMessage() + "); its models"
                  + " are skipped");
            }
          }
        }
      }
      Optional<String> probe = settings.probe()
          ? Optional.of(publish.apply(project.image(ImageRecipe.PROBE, jre))) : Optional.empty();
      out.println("kubernetes images: " + (settings.push() ? "pushed to " : "expected in ")
          + registry);
      return new KubeImages(fareServer, proxy, workloadJava, python, probe, localIds);
    } catch (DockerSettings.BadSetting | BaseImages.Missing e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** A local image made available to the cluster: its reference there. */
  @FunctionalInterface
  private interface Publish {
    String apply(ImageRef local) throws IOException;
  }
}
