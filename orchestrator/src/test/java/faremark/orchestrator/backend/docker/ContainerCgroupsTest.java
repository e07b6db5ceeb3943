package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.sampling.CgroupV1Probe;
import faremark.orchestrator.sampling.CgroupV2Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ContainerCgroups} on fixture files: cgroupfs and systemd drivers, v1 and v2, and the
 * case that must not be mistaken for the container (an engine in a VM reports a pid that here is
 * some other process).
 */
class ContainerCgroupsTest {
  private static final String ID = "d7b4330ca34f897345479f07f72e5417429810e57fd5aa92293bb163df951da1";
  @TempDir Path tmp;

  private ContainerCgroups fixture(String mountinfo, String procCgroup, String... files) throws Exception {
    Files.writeString(tmp.resolve("mountinfo"), mountinfo.replace("$T", tmp.toString()));
    Files.createDirectories(tmp.resolve("proc/42"));
    Files.writeString(tmp.resolve("proc/42/cgroup"), procCgroup);
    for (String f : files) {
      Path p = tmp.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "0\n");
    }
    return new ContainerCgroups(tmp.resolve("proc"), tmp.resolve("mountinfo"));
  }

  @Test
  void cgroupV1WithTheCgroupfsDriver() throws Exception {
    ContainerCgroups c = fixture("""
        30 25 0:26 / $T/memory rw,nosuid shared:9 - cgroup cgroup rw,memory
        31 25 0:27 / $T/cpu,cpuacct rw,nosuid shared:10 - cgroup cgroup rw,cpu,cpuacct
        """, """
        4:memory:/docker/%s
        2:cpu,cpuacct:/docker/%s
        """.formatted(ID, ID),
        "memory/docker/" + ID + "/memory.usage_in_bytes",
        "cpu,cpuacct/docker/" + ID + "/cpuacct.usage");
    assertThat(c.locate(ID, 42)).contains(new CgroupV1Probe(tmp.resolve("memory/docker/" + ID),
        Optional.of(tmp.resolve("cpu,cpuacct/docker/" + ID))));
  }

  @Test
  void cgroupV2WithTheSystemdDriver() throws Exception {
    ContainerCgroups c = fixture("""
        35 24 0:30 / $T/unified rw,nosuid shared:9 - cgroup2 cgroup2 rw,nsdelegate
        """, "0::/system.slice/docker-" + ID + ".scope\n",
        "unified/system.slice/docker-" + ID + ".scope/memory.current");
    assertThat(c.locate(ID, 42))
        .contains(new CgroupV2Probe(tmp.resolve("unified/system.slice/docker-" + ID + ".scope")));
  }

  @Test
  void aCgroupThatDoesNotNameTheContainerIsNotTaken() throws Exception {
    ContainerCgroups c = fixture("""
        30 25 0:26 / $T/memory rw,nosuid shared:9 - cgroup cgroup rw,memory
        """, "4:memory:/user.slice/session-1.scope\n",
        "memory/user.slice/session-1.scope/memory.usage_in_bytes");
    assertThat(c.locate(ID, 42)).isEmpty();
  }

  @Test
  void noSuchProcessOrNoPidMeansNotVisible() throws Exception {
    ContainerCgroups c = fixture("", "");
    assertThat(c.locate(ID, 4242)).isEmpty();
    assertThat(c.locate(ID, 0)).isEmpty();
  }
}
