package faremark.orchestrator.probe;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.sampling.CgroupV1Probe;
import faremark.orchestrator.sampling.CgroupV2Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HostCgroupTree} on fixture trees, as the probe container sees the host's: only the
 * cgroup mounts under its root count (not the container's own /sys/fs/cgroup), and the run's
 * cgroup is found by id with either driver, v1 and v2, and deeper in the tree when asked to walk.
 */
class HostCgroupTreeTest {
  private static final String ID = "d7b4330ca34f897345479f07f72e5417429810e57fd5aa92293bb163df951da1";
  @TempDir Path tmp;

  private HostCgroupTree tree(String mountinfo, String... files) throws Exception {
    Files.writeString(tmp.resolve("mountinfo"), mountinfo.replace("$T", tmp.toString()));
    Files.writeString(tmp.resolve("self-cgroup"), "0::/\n");
    for (String f : files) {
      Path p = tmp.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "0\n");
    }
    return HostCgroupTree.read(tmp.resolve("host"), tmp.resolve("mountinfo"), tmp.resolve("self-cgroup"));
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
}
