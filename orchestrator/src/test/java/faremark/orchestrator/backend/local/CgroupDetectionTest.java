package faremark.orchestrator.backend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection from fixture mountinfo, /proc/self/cgroup and a fake cgroup tree. (Permission
 * checks cannot be exercised here: the tests may run as root, for whom everything is writable.)
 */
class CgroupDetectionTest {
  @TempDir Path tmp;

  private static final String SCOPE =
      "user.slice/user-1000.slice/user@1000.service/app.slice/run-r1.scope";

  private Path pureV2(String appSliceSubtree, String appSliceProcs) throws IOException {
    Path root = tmp.resolve("sys/fs/cgroup");
    Path app = root.resolve("user.slice/user-1000.slice/user@1000.service/app.slice");
    Path scope = root.resolve(SCOPE);
    Files.createDirectories(scope);
    write(root, "cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc");
    write(root, "cgroup.subtree_control", "cpu io memory pids");
    write(root, "cgroup.procs", "1\n");
    for (Path p = scope.getParent(); !p.equals(root); p = p.getParent()) {
      write(p, "cgroup.controllers", "cpu io memory pids");
      write(p, "cgroup.subtree_control", "cpu io memory pids");
      write(p, "cgroup.procs", "");
    }
    write(app, "cgroup.subtree_control", appSliceSubtree);
    write(app, "cgroup.procs", appSliceProcs);
    write(scope, "cgroup.controllers", "memory pids");
    write(scope, "cgroup.subtree_control", "");
    write(scope, "cgroup.procs", "4242\n");
    Files.writeString(tmp.resolve("mountinfo"),
        "22 1 0:21 / /proc rw,nosuid - proc proc rw\n"
            + "30 22 0:26 / " + root + " rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n");
    Files.writeString(tmp.resolve("cgroup"), "0::/" + SCOPE + "\n");
    return root;
  }

  private CgroupSupport detect(String setting) {
    return CgroupSupport.detect(tmp.resolve("mountinfo"), tmp.resolve("cgroup"), setting);
  }

  @Test
  void v2UsesTheNearestWritableAncestorThatPassesMemoryDown() throws IOException {
    Path root = pureV2("memory pids", "");
    CgroupSupport s = detect(null);
    assertThat(s.mode()).isEqualTo("cgroup-v2");
    CgroupPlacement.V2 v2 = (CgroupPlacement.V2) s.placement();
    // Not our own scope: we are in it, and v2 forbids processes beside controller-enabled children.
    assertThat(v2.delegated()).isEqualTo(root.resolve(SCOPE).getParent());
    assertThat(v2.enableMemory()).isFalse();
    assertThat(v2.parent()).isEqualTo(root.resolve(SCOPE).getParent().resolve("faremark"));
    assertThat(s.describe()).contains("cgroup v2", "faremark");
  }

  @Test
  void v2EnablesMemoryOnAnEmptyParentThatDoesNotYetPassItDown() throws IOException {
    pureV2("pids", "");
    CgroupPlacement.V2 v2 = (CgroupPlacement.V2) detect(null).placement();
    assertThat(v2.delegated().getFileName().toString()).isEqualTo("app.slice");
    assertThat(v2.enableMemory()).isTrue();
  }

  @Test
  void v2SkipsAParentWithProcessesAndWithoutMemory() throws IOException {
    pureV2("pids", "777\n");
    CgroupPlacement.V2 v2 = (CgroupPlacement.V2) detect(null).placement();
    assertThat(v2.delegated().getFileName().toString()).isEqualTo("user@1000.service");
  }

  @Test
  void v2WithoutMemoryControllerFallsToV1OrNone() throws IOException {
    Path root = pureV2("memory", "");
    write(root, "cgroup.controllers", "cpu io pids");
    CgroupSupport s = detect(null);
    assertThat(s.available()).isFalse();
    assertThat(s.mode()).isEqualTo("none");
    assertThat(s.describe()).contains("no memory controller", "no cgroup v1 memory hierarchy", "/proc");
  }

  @Test
  void forcedNoneAndBadSettings() throws IOException {
    pureV2("memory", "");
    CgroupSupport none = detect("none");
    assertThat(none.available()).isFalse();
    assertThat(none.describe()).contains("FAREMARK_CGROUP=none");
    assertThatThrownBy(() -> none.create("x", Optional.empty())).isInstanceOf(IllegalStateException.class);
    assertThat(detect("v1").available()).isFalse();
    assertThatThrownBy(() -> detect("v3")).hasMessageContaining("auto, v2, v1 or none");
  }

  @Test
  void v1HybridUsesOurOwnMemoryCgroupAndCpuacct() throws IOException {
    Path base = tmp.resolve("sys/fs/cgroup");
    Path ownMemory = base.resolve("memory/process_api/abc");
    Files.createDirectories(ownMemory);
    write(ownMemory, "cgroup.procs", "4242\n");
    Path cpuacct = base.resolve("cpu,cpuacct");
    Files.createDirectories(cpuacct);
    write(cpuacct, "cgroup.procs", "1\n");
    Files.createDirectories(base.resolve("unified"));
    write(base.resolve("unified"), "cgroup.controllers", "");
    Files.writeString(tmp.resolve("mountinfo"),
        "32 31 0:29 / " + cpuacct + " rw,relatime - cgroup cgroup rw,cpu,cpuacct\n"
            + "35 31 0:32 / " + base.resolve("memory") + " rw,relatime - cgroup cgroup rw,memory\n"
            + "41 31 0:38 / " + base.resolve("unified") + " rw,relatime - cgroup2 cgroup2 rw\n");
    Files.writeString(tmp.resolve("cgroup"),
        "4:memory:/process_api/abc\n2:cpu,cpuacct:/\n0::/\n");
    CgroupSupport s = detect(null);
    assertThat(s.mode()).isEqualTo("cgroup-v1");
    CgroupPlacement.V1 v1 = (CgroupPlacement.V1) s.placement();
    assertThat(v1.memoryParent()).isEqualTo(ownMemory.resolve("faremark"));
    assertThat(v1.cpuacctParent()).contains(cpuacct.resolve("faremark"));
    assertThat(detect("v2").available()).isFalse();
  }

  @Test
  void mountinfoEscapesAndNamespacedRoots() {
    CgroupLayout layout =
        CgroupLayout.parse(
            "41 31 0:38 /docker/abc /sys/fs/my\\040cgroup rw - cgroup2 cgroup2 rw\n",
            "0::/docker/abc/sub\n");
    CgroupLayout.Mount m = layout.v2Mount().orElseThrow();
    assertThat(m.mountPoint()).isEqualTo(Path.of("/sys/fs/my cgroup"));
    assertThat(layout.ownDir(m)).contains(Path.of("/sys/fs/my cgroup/sub"));
  }

  private static void write(Path dir, String file, String text) throws IOException {
    Files.writeString(dir.resolve(file), text);
  }
}
