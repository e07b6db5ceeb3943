package faremark.orchestrator.backend.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The labels and names of everything the kubernetes backend creates. The labels are how an
 * experiment's objects are found again: by Ctrl-C's clean-up, by the next start's sweep of dead
 * experiments, and by label selectors (a run's pod, one run per node). The names obey the API
 * server's rules (RFC 1123 labels), checked here rather than discovered as a 422 mid-experiment.
 */
public final class KubeLabels {
  public static final String PREFIX = "faremark.io/";
  /** {@code app.kubernetes.io/managed-by: faremark} on everything: what {@code kubectl} users filter on. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String EXPERIMENT = PREFIX + "experiment";
  public static final String ROLE = PREFIX + "role";
  /** On a run's pod template: its pod is found by it whatever the cluster's Job controller adds. */
  public static final String RUN = PREFIX + "run";
  public static final String OWNER_HOST = PREFIX + "owner-host";
  public static final String OWNER_PID = PREFIX + "owner-pid";
  /** On a namespace faremark created, which it may therefore delete. */
  public static final String CREATED_NAMESPACE = PREFIX + "created-namespace";
  /** The experiment object's annotation, renewed while its faremark process lives (ISO-8601). */
  public static final String HEARTBEAT = PREFIX + "heartbeat";

  public static final String ROLE_EXPERIMENT = "experiment";
  public static final String ROLE_FARE_SERVER = "fare-server";
  public static final String ROLE_PROXY = "proxy";
  public static final String ROLE_RUN = "run";

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

  private KubeLabels() {}

  /** The labels for an object of {@code experiment} in {@code role}. */
  public static Map<String, String> of(String experiment, String role) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY, "faremark");
    labels.put(EXPERIMENT, experiment);
    labels.put(ROLE, role);
    labels.put(OWNER_HOST, labelValue(HostName.get()));
    labels.put(OWNER_PID, Long.toString(ProcessHandle.current().pid()));
    return labels;
  }

  /** {@link #of} with the run's own label, which its pod template carries too. */
  public static Map<String, String> ofRun(String experiment, String run) {
    Map<String, String> labels = of(experiment, ROLE_RUN);
    labels.put(RUN, run);
    return labels;
  }

  /**
   * {@code text} as an RFC 1123 label of at most {@code max} characters: lower case, anything
   * else but letters and digits a dash, no dash at either end. Distinct inputs may meet (case,
   * punctuation); callers prefix something unique.
   */
  public static String dnsLabel(String text, int max) {
    String s = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    if (s.length() > max) {
      s = s.substring(0, max);
    }
    s = s.replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "x" : s;
  }

  /** Whether {@code name} is an RFC 1123 label (object names, container names, namespaces). */
  public static boolean isDnsLabel(String name) {
    return name != null && name.length() <= 63 && DNS_LABEL.matcher(name).matches();
  }

  /** Whether {@code value} may be a label value (63 characters, alphanumeric ends). */
  public static boolean isLabelValue(String value) {
    return value != null && value.length() <= 63 && LABEL_VALUE.matcher(value).matches();
  }

  /** {@code text} made a valid label value (a host name with odd characters, a long one). */
  static String labelValue(String text) {
    String s = text.replaceAll("[^A-Za-z0-9_.-]", "-");
    if (s.length() > 63) {
      s = s.substring(0, 63);
    }
    s = s.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    return s;
  }

  /** This machine's name, as the docker backend's labels give it. */
  static final class HostName {
    private HostName() {}

    static String get() {
      String env = System.getenv("HOSTNAME");
      if (env != null && !env.isBlank()) {
        return env.strip();
      }
      try {
        return java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        return "unknown";
      }
    }
  }
}
