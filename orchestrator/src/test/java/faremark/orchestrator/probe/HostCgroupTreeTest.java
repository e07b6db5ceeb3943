package faremark.orchestrator.probe;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.sampling.CgroupV1Probe;
import faremark.orchestrator.sampling.CgroupV2Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HostCgroupTree} on fixture trees, as the probe container sees the host's: only the
 * cgroup mounts under its root count (not the container's own /sys/fs/cgroup), and the run's
 * cgroup is found by id with either driver, v1 and v2, and deeper in the tree when asked to walk.
 * In a pod: the pod's cgroup by its uid, with kubelet's either driver and QoS class, and the
 * workload's cgroup as the child directory that appears after the snapshot.
 */
class HostCgroupTreeTest {
  private static final String ID = "d7b4330ca34f897345479f07f72e5417429810e57fd5aa92293bb163df951da1";
  @TempDir Path tmp;

  private HostCgroupTree tree(String mountinfo, String... files) throws Exception {
    Files.writeString(tmp.resolve("mountinfo"), mountinfo.replace("$T", tmp.toString()));
    Files.writeString(tmp.resolve("self-cgroup"), "0::/\n");
    files(files);
    return HostCgroupTree.read(tmp.resolve("host"), tmp.resolve("mountinfo"), tmp.resolve("self-cgroup"));
  }

  /** Cgroup files (and their directories) as the kernel would show them, each holding "0". */
  private void files(String... files) throws Exception {
    for (String f : files) {
      Path p = tmp.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "0\n");
    }
  }

  /** v1 as the probe's mounts show it: its own cgroup at /sys/fs/cgroup, the host's two binds. */
  private static final String V1 = """
      700 690 0:26 /docker/0123abcd /sys/fs/cgroup/memory ro,nosuid master:9 - cgroup cgroup rw,memory
      710 690 0:26 / $T/host/memory ro,nosuid master:9 - cgroup cgroup rw,memory
      711 690 0:27 / $T/host/cpuacct ro,nosuid master:10 - cgroup cgroup rw,cpu,cpuacct
      """;

  @Test
  void v1WithTheCgroupfsDriverAndOnlyTheMountsUnderTheRoot() throws Exception {
    HostCgroupTree t = tree(V1, "host/memory/docker/" + ID + "/memory.usage_in_bytes",
        "host/cpuacct/docker/" + ID + "/cpuacct.usage");
    assertThat(t.mounts()).hasSize(2);
    assertThat(t.find(ID, false)).contains(new CgroupV1Probe(tmp.resolve("host/memory/docker/" + ID),
        Optional.of(tmp.resolve("host/cpuacct/docker/" + ID))));
  }

  @Test
  void v1WithTheSystemdDriverWithoutCpuacct() throws Exception {
    HostCgroupTree t = tree(V1, "host/memory/system.slice/docker-" + ID + ".scope/memory.usage_in_bytes");
    assertThat(t.find(ID, false)).contains(new CgroupV1Probe(
        tmp.resolve("host/memory/system.slice/docker-" + ID + ".scope"), Optional.empty()));
  }

  @Test
  void v2UnderACgroupParentIsFoundOnlyByWalking() throws Exception {
    // a private cgroup namespace shows the host's root as a path above the probe's own
    HostCgroupTree t = tree("""
        800 790 0:30 /../.. $T/host ro,nosuid - cgroup2 cgroup2 rw,nsdelegate
        801 790 0:30 / /sys/fs/cgroup ro,nosuid - cgroup2 cgroup2 rw,nsdelegate
        """, "host/user.slice/user-1000.slice/user@1000.service/docker-" + ID + ".scope/memory.current");
    assertThat(t.find(ID, false)).isEmpty();
    assertThat(t.find(ID, true)).contains(new CgroupV2Probe(
        tmp.resolve("host/user.slice/user-1000.slice/user@1000.service/docker-" + ID + ".scope")));
  }

  @Test
  void notThereYetOrNoTreeMountedIsEmpty() throws Exception {
    HostCgroupTree t = tree(V1, "host/memory/docker/other/memory.usage_in_bytes");
    assertThat(t.find(ID, true)).isEmpty();
    HostCgroupTree none = tree("""
        700 690 0:26 /docker/0123abcd /sys/fs/cgroup/memory ro,nosuid master:9 - cgroup cgroup rw,memory
        """);
    assertThat(none.searched()).isEmpty();
    assertThat(none.find(ID, true)).isEmpty();
  }

  @Test
  void aDirectoryNamingTheIdWithoutMemoryFilesIsNotTaken() throws Exception {
    HostCgroupTree t = tree(V1, "host/memory/docker/" + ID + "/tasks");
    assertThat(t.find(ID, true)).isEmpty();
  }

  // In a pod: kubelet's pod cgroup, found by the pod's uid, and the containers' cgroups in it.
  private static final String UID = "3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b";
  private static final String UID_ = "3f2b8c1e_9a4d_4e6f_8b7a_0c1d2e3f4a5b";
  private static final String OTHER_UID = "00000000-1111-4222-8333-444444444444";
  private static final String PAUSE = "5a1f0e6c9b2d4a8e7f3c1b0d9e8a7f6c5b4a3d2e1f0c9b8a7d6e5f4c3b2a1f0e";
  private static final String SIDECAR = "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b";

  @Test
  void aGuaranteedPodWithTheCgroupfsDriverOnV1() throws Exception {
    HostCgroupTree t = tree(V1, "host/memory/kubepods/pod" + UID + "/" + PAUSE + "/memory.usage_in_bytes");
    assertThat(t.findPod(UID, false)).contains(tmp.resolve("host/memory/kubepods/pod" + UID));
  }

  @Test
  void aBurstablePodWithTheCgroupfsDriverOnV1() throws Exception {
    HostCgroupTree t = tree(V1, "host/memory/kubepods/burstable/pod" + UID + "/cgroup.procs",
        "host/memory/kubepods/besteffort/pod" + OTHER_UID + "/cgroup.procs");
    assertThat(t.findPod(UID, false)).contains(tmp.resolve("host/memory/kubepods/burstable/pod" + UID));
  }

  @Test
  void aBurstablePodWithTheSystemdDriver() throws Exception {
    String pod = "host/memory/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + UID_ + ".slice";
    HostCgroupTree t = tree(V1, pod + "/cgroup.procs");
    assertThat(t.findPod(UID, false)).contains(tmp.resolve(pod));
    assertThat(t.findPod(OTHER_UID, true)).isEmpty();
  }

  @Test
  void aBestEffortPodOnV2UnderAnotherCgroupRootIsFoundOnlyByWalking() throws Exception {
    // kind: the node is a container, its kubelet's --cgroup-root is /kubelet
    String pod = "host/system.slice/docker-node.scope/kubelet.slice/kubelet-kubepods.slice"
        + "/kubelet-kubepods-besteffort.slice/kubelet-kubepods-besteffort-pod" + UID_ + ".slice";
    HostCgroupTree t = tree("""
        800 790 0:30 / $T/host ro,nosuid - cgroup2 cgroup2 rw,nsdelegate
        """, pod + "/cri-containerd-" + PAUSE + ".scope/memory.current");
    assertThat(t.findPod(UID, false)).isEmpty();
    assertThat(t.findPod(UID, true)).contains(tmp.resolve(pod));
  }

  @Test
  void theWorkloadsCgroupIsTheChildDirectoryThatWasNotThereAtTheSnapshot() throws Exception {
    String pod = "host/memory/kubepods/burstable/pod" + UID;
    HostCgroupTree t = tree(V1, pod + "/" + PAUSE + "/memory.usage_in_bytes",
        pod + "/" + SIDECAR + "/memory.usage_in_bytes", pod + "/memory.usage_in_bytes", pod + "/tasks");
    Path podDir = t.findPod(UID, false).orElseThrow();
    Set<String> before = HostCgroupTree.childDirs(podDir);
    assertThat(before).as("directories only, not the control files").containsExactlyInAnyOrder(PAUSE, SIDECAR);
    assertThat(HostCgroupTree.newChild(podDir, before)).isEmpty();
    Files.writeString(podDir.resolve("memory.stat"), "total_rss 0\n");
    assertThat(HostCgroupTree.newChild(podDir, before)).as("a new file is not a cgroup").isEmpty();

    files(pod + "/" + ID + "/memory.usage_in_bytes",
        "host/cpuacct/kubepods/burstable/pod" + UID + "/" + ID + "/cpuacct.usage");
    assertThat(HostCgroupTree.newChild(podDir, before)).contains(podDir.resolve(ID));
    assertThat(t.probeAt(podDir.resolve(ID))).contains(new CgroupV1Probe(podDir.resolve(ID),
        Optional.of(tmp.resolve("host/cpuacct/kubepods/burstable/pod" + UID + "/" + ID))));
    assertThat(HostCgroupTree.newChild(tmp.resolve("gone"), before)).isEmpty();
  }

  @Test
  void withTheSystemdDriverOnV2TheNewScopeIsTheProbe() throws Exception {
    String pod = "host/kubepods.slice/kubepods-pod" + UID_ + ".slice";
    HostCgroupTree t = tree("""
        800 790 0:30 /../.. $T/host ro,nosuid - cgroup2 cgroup2 rw,nsdelegate
        """, pod + "/cri-containerd-" + PAUSE + ".scope/memory.current");
    Path podDir = t.findPod(UID, false).orElseThrow();
    assertThat(podDir).isEqualTo(tmp.resolve(pod));
    Set<String> before = HostCgroupTree.childDirs(podDir);
    files(pod + "/cri-containerd-" + ID + ".scope/memory.current");
    Path workload = HostCgroupTree.newChild(podDir, before).orElseThrow();
    assertThat(workload).isEqualTo(podDir.resolve("cri-containerd-" + ID + ".scope"));
    assertThat(t.probeAt(workload)).contains(new CgroupV2Probe(workload));
    assertThat(t.probeAt(tmp.resolve("host"))).as("not the whole tree").isEmpty();
    assertThat(t.probeAt(tmp.resolve("elsewhere/x"))).isEmpty();
  }
}
