package faremark.orchestrator.backend.docker;

import faremark.contract.model.ModelDeclaration;
import faremark.orchestrator.model.Models;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the docker backend records about its engine: {@code environment.json}'s {@code docker}
 * section (the engine, its cgroups, the network and CPU plan, the memory source and every image),
 * and, with several engines, each run's {@code engine} (where it ran and the exact images it
 * used), so two engines' runs can be told apart and the report can say when engines differ.
 */
final class EngineRecords {
  private EngineRecords() {}

  static Map<String, Object> environment(DockerEngine engine, DockerSettings settings,
      CpuPlan cpus, String experiment, DockerBackend.Images images) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("engine", engine.describe());
    env.put("serverVersion", engine.serverVersion());
    env.put("apiVersion", engine.apiVersion());
    env.put("engineOs", engine.operatingSystem());
    env.put("cgroupVersion", engine.cgroupVersion().orElse(null));
    env.put("cgroupDriver", engine.cgroupDriver().orElse(null));
    env.put("network", settings.network().id());
    env.put("cpus", cpus.record());
    env.put("memorySource", settings.memorySource().id());
    env.put("experimentLabel", experiment);
    Map<String, Object> imgs = new LinkedHashMap<>();
    images.bases().forEach((k, v) -> imgs.put("base-" + k, v));
    imgs.put("fare-server", images.fareServer());
    imgs.put(images.realToxiproxy() ? "toxiproxy" : "proxy (shaper)", images.proxy());
    images.workloadJava().ifPresent(i -> imgs.put("workload-java", i));
    images.workloadPython().forEach((i, ref) -> imgs.put(DockerBackend.recipe(i).name(), ref));
    env.put("images", imgs);
    return env;
  }

  /**
   * @param cpuModel the engine's CPU model as a throw-away container read it; null before
   */
  static Map<String, Object> run(DockerEngine engine, String cpuModel,
      DockerBackend.Images images, String model) {
    Map<String, Object> where = new LinkedHashMap<>();
    where.put("host", engine.host());
    where.put("name", engine.name());
    where.put("id", engine.engineId());
    where.put("version", engine.serverVersion());
    where.put("os", engine.operatingSystem());
    where.put("kernel", engine.kernel());
    where.put("architecture", engine.architecture());
    where.put("cpuModel", cpuModel);
    where.put("cpus", engine.cpus());
    Map<String, String> ids = new LinkedHashMap<>();
    workloadImage(images, model).ifPresent(i -> ids.put("workload", i.id()));
    ids.put("fare-server", images.fareServer().id());
    ids.put("proxy", images.proxy().id());
    where.put("images", ids);
    return where;
  }

  /** The image a run of {@code model} used: its Python implementation's, else the Java one. */
  private static Optional<ImageRef> workloadImage(DockerBackend.Images images, String model) {
    return Models.find(model).flatMap(ModelDeclaration::python)
        .map(p -> Optional.ofNullable(images.workloadPython().get(p.implementation())))
        .orElseGet(images::workloadJava);
  }
}
