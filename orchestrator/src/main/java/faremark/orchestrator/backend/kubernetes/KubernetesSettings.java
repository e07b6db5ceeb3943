package faremark.orchestrator.backend.kubernetes;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The kubernetes backend's knobs: where (namespace, nodes), which images, what each run's pod
 * may use. From the command line ({@code --namespace}, {@code --image-registry}, {@code
 * --node-selector}) and the environment ({@code FAREMARK_KUBE_*}); every value is checked before
 * anything is created, and a bad one names its option or variable and what was expected.
 *
 * @param namespace the namespace to work in; empty: one created for the experiment and deleted
 *     with it
 * @param registry where the project's images are pushed and pulled from ({@code host[:port][/path]})
 * @param push push the images (default); false: the user pushed them under the names faremark
 *     prints
 * @param nodeSelector runs only on nodes with these labels; empty: any node
 * @param onePerNode no two runs on one node at a time (pod anti-affinity, the default)
 * @param probe the probe as a sidecar of each run's pod (10 ms, kernel peak; needs a hostPath of
 *     the cgroup tree); false: the coarse fallback from metrics-server
 * @param runCpu each run's CPU, requests = limits (the pod is Guaranteed only with both set)
 * @param defaultMemory a run's memory where the scenario sets no limit (a Guaranteed pod needs one)
 * @param startLimit how long a run's pod may take to be scheduled and pull its image
 */
public record KubernetesSettings(
    Optional<String> namespace,
    String registry,
    boolean push,
    Map<String, String> nodeSelector,
    boolean onePerNode,
    boolean probe,
    Quantity runCpu,
    Quantity defaultMemory,
    java.time.Duration startLimit) {

  public static final String NAMESPACE_OPTION = "--namespace";
  public static final String REGISTRY_OPTION = "--image-registry";
  public static final String NODE_SELECTOR_OPTION = "--node-selector";
  public static final String PUSH = "FAREMARK_KUBE_PUSH";
  public static final String PLACEMENT = "FAREMARK_KUBE_PLACEMENT";
  public static final String PROBE = "FAREMARK_KUBE_PROBE";
  public static final String RUN_CPU = "FAREMARK_KUBE_RUN_CPU";
  public static final String RUN_MEMORY = "FAREMARK_KUBE_RUN_MEMORY";
  public static final String START_LIMIT = "FAREMARK_KUBE_START_SECONDS";

  public KubernetesSettings {
    nodeSelector = Map.copyOf(nodeSelector);
  }

  /** A setting that cannot be used; the message names it and what was expected. */
  public static final class BadSetting extends Exception {
    public BadSetting(String message) {
      super(message);
    }
  }

  /**
   * The settings from the options given and the environment {@code env}.
   *
   * @throws BadSetting naming the option or variable
   */
  public static KubernetesSettings of(Optional<String> namespace, Optional<String> registry,
      Optional<String> nodeSelector, Map<String, String> env) throws BadSetting {
    if (namespace.isPresent() && !KubeLabels.isDnsLabel(namespace.get())) {
      throw new BadSetting(NAMESPACE_OPTION + ": expected a namespace name (lower-case letters,"
          + " digits and '-', at most 63), got '" + namespace.get() + "'");
    }
    if (registry.isEmpty() || registry.get().isBlank()) {
      throw new BadSetting(REGISTRY_OPTION + " is required with --backend kubernetes: the"
          + " cluster's nodes pull the run images from it (e.g. localhost:5001 for kind's local"
          + " registry); see docs/kubernetes.md");
    }
    String reg = registry.get().strip();
    try {
      RegistryRef.parse(reg);
    } catch (IllegalArgumentException e) {
      throw new BadSetting(e.getMessage());
    }
    Map<String, String> selector = nodeSelector.isPresent()
        ? selector(nodeSelector.get()) : Map.of();
    boolean push = yesNo(env, PUSH, true);
    String placement = env.getOrDefault(PLACEMENT, "one-per-node").strip();
    boolean onePerNode = switch (placement) {
      case "one-per-node" -> true;
      case "any" -> false;
      default -> throw new BadSetting(PLACEMENT + ": expected one-per-node or any, got '" + placement + "'");
    };
    String probeMode = env.getOrDefault(PROBE, "sidecar").strip();
    boolean probe = switch (probeMode) {
      case "sidecar" -> true;
      case "off" -> false;
      default -> throw new BadSetting(PROBE + ": expected sidecar or off, got '" + probeMode + "'");
    };
    Quantity cpu = quantity(env, RUN_CPU, "1", "a CPU amount such as 1, 2 or 1500m");
    Quantity memory = quantity(env, RUN_MEMORY, "2Gi", "a memory amount such as 2Gi or 512Mi");
    long start = seconds(env, START_LIMIT, 300);
    return new KubernetesSettings(namespace, reg, push, selector, onePerNode, probe, cpu, memory,
        java.time.Duration.ofSeconds(start));
  }

  /** {@code key=value[,key=value]}: a node selector. */
  static Map<String, String> selector(String text) throws BadSetting {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      int eq = part.indexOf('=');
      String key = eq < 0 ? "" : part.substring(0, eq).strip();
      String value = eq < 0 ? "" : part.substring(eq + 1).strip();
      if (key.isEmpty() || !key.matches("([a-z0-9.-]+/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")
          || !KubeLabels.isLabelValue(value)) {
        throw new BadSetting(NODE_SELECTOR_OPTION + ": expected label=value[,label=value] such as"
            + " kubernetes.io/hostname=node-2, got '" + part + "'");
      }
      out.put(key, value);
    }
    return out;
  }

  private static boolean yesNo(Map<String, String> env, String name, boolean otherwise)
      throws BadSetting {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return otherwise;
    }
    return switch (v.strip()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new BadSetting(name + ": expected true or false, got '" + v + "'");
    };
  }

  private static Quantity quantity(Map<String, String> env, String name, String otherwise,
      String expected) throws BadSetting {
    String v = env.getOrDefault(name, otherwise).strip();
    try {
      Quantity q = Quantity.parse(v);
      if (Quantity.getAmountInBytes(q).signum() > 0) {
        return q;
      }
    } catch (RuntimeException e) {
      // said below
    }
    throw new BadSetting(name + ": expected " + expected + ", got '" + v + "'");
  }

  private static long seconds(Map<String, String> env, String name, long otherwise) throws BadSetting {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return otherwise;
    }
    try {
      long n = Long.parseLong(v.strip());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new BadSetting(name + ": expected a positive number of seconds, got '" + v + "'");
  }
}
