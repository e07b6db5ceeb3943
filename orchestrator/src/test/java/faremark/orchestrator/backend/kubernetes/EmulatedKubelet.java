package faremark.orchestrator.backend.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kubelet's part: the sidecar's spec from the Job turned into the engine's settings, the
 * way a kubelet turns a pod spec into a runtime's. Only what the probe's spec uses is known;
 * anything else fails the test, so a manifest change this emulation does not follow is seen.
 */
record EmulatedKubelet(PodSpec pod, Container sidecar, String podUid, ProbeSidecarIT.Tree tree, Path emptyDir) {
  /** $(VAR) in args from the container's env, as the kubelet expands them. */
  List<String> args() {
    Map<String, String> env = envMap();
    List<String> out = new ArrayList<>();
    Pattern var = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    for (String a : sidecar.getArgs()) {
      Matcher m = var.matcher(a);
      out.add(m.replaceAll(r -> Matcher.quoteReplacement(env.getOrDefault(r.group(1), r.group()))));
    }
    return out;
  }

  List<String> env() {
    return envMap().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  private Map<String, String> envMap() {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (EnvVar e : Optional.ofNullable(sidecar.getEnv()).orElse(List.of())) {
      if (e.getValue() != null) {
        env.put(e.getName(), e.getValue());
      } else if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null
          && "metadata.uid".equals(e.getValueFrom().getFieldRef().getFieldPath())) {
        env.put(e.getName(), podUid); // the downward API
      } else {
        throw new AssertionError("the emulated kubelet knows no source for env " + e);
      }
    }
    return env;
  }

  String user() {
    return pod.getSecurityContext().getRunAsUser() + ":" + pod.getSecurityContext().getRunAsGroup();
  }

  HostConfig hostConfig(String cgroupParent) throws IOException {
    SecurityContext security = sidecar.getSecurityContext();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getPrivileged()).isFalse();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    Map<String, Quantity> limits = sidecar.getResources().getLimits();
    long memory = Quantity.getAmountInBytes(limits.get("memory")).longValueExact();
    // the kubelet's CFS quota: milli-CPUs over a 100 ms period
    long milliCpu = Quantity.getAmountInBytes(limits.get("cpu")).movePointRight(3).longValueExact();
    return HostConfig.newHostConfig()
        // a pod's own network namespace: the probe sends nothing
        .withNetworkMode("none")
        .withCapDrop(Capability.ALL)
        .withSecurityOpts(List.of("no-new-privileges"))
        .withReadonlyRootfs(Boolean.TRUE.equals(security.getReadOnlyRootFilesystem()))
        .withMemory(memory)
        .withMemorySwap(memory)
        .withCpuPeriod(100_000L)
        .withCpuQuota(milliCpu * 100)
        .withCgroupParent(cgroupParent)
        .withBinds(binds());
  }

  private List<Bind> binds() throws IOException {
    List<Bind> binds = new ArrayList<>();
    for (VolumeMount m : sidecar.getVolumeMounts()) {
      Volume v = pod.getVolumes().stream().filter(x -> x.getName().equals(m.getName()))
          .findFirst().orElseThrow();
      AccessMode mode = Boolean.TRUE.equals(m.getReadOnly()) ? AccessMode.ro : AccessMode.rw;
      if (v.getHostPath() != null) {
        Path host = Path.of(v.getHostPath().getPath());
        if (tree == ProbeSidecarIT.Tree.HOST_PATH) {
          binds.add(new Bind(host.toString(), new com.github.dockerjava.api.model.Volume(m.getMountPath()), mode));
        } else {
          assertThat(host).isEqualTo(ProbeSidecarIT.CGROUP);
          for (String h : List.of("memory", "cpuacct")) {
            binds.add(new Bind(host.resolve(h).toString(),
                new com.github.dockerjava.api.model.Volume(m.getMountPath() + "/" + h), mode));
          }
        }
      } else if (v.getEmptyDir() != null) {
        // an emptyDir is the pod's, writable by its user: here a folder the test can look in
        Files.setAttribute(emptyDir, "unix:uid", pod.getSecurityContext().getRunAsUser().intValue());
        Files.setAttribute(emptyDir, "unix:gid", pod.getSecurityContext().getRunAsGroup().intValue());
        binds.add(new Bind(emptyDir.toString(), new com.github.dockerjava.api.model.Volume(m.getMountPath()), mode));
      } else {
        throw new AssertionError("the emulated kubelet knows no volume like " + v);
      }
    }
    return binds;
  }
}
