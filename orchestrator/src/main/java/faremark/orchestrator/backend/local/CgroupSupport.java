package faremark.orchestrator.backend.local;

import faremark.contract.DataSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds out whether and how this machine lets faremark put each run in its own memory cgroup.
 *
 * <p>Preference: cgroup v2 where the unified hierarchy has the memory controller, else v1 where
 * the memory hierarchy is mounted and writable, else none (the /proc fallback).
 *
 * <p><b>v2.</b> v2 forbids processes in a cgroup whose children get controllers ("no internal
 * processes"), and we live in our own cgroup, so runs cannot go below it (unless it is the root).
 * We take the nearest ancestor-or-self of our cgroup that we can write (directory and
 * cgroup.procs — moving a process needs write access to the common ancestor of source and
 * destination) and that passes memory to its children, and put runs in {@code <it>/faremark/}.
 * As root that is usually the root cgroup; without root it is a systemd delegated subtree, e.g.
 * {@code user@1000.service/app.slice} when faremark runs under {@code systemd-run --user --scope
 * -p Delegate=yes}. A terminal session scope is not delegated: then there is no cgroup.
 *
 * <p><b>v1.</b> Runs go in {@code <our memory cgroup>/faremark/} when we can write our own cgroup
 * (so any limit put on the orchestrator also covers its workloads, and whoever manages our cgroup
 * finds ours inside it), else in {@code <mount>/faremark/}. v1 allows processes next to child
 * cgroups, so no leaf is needed. cpuacct, where mounted and writable, gets the same layout.
 *
 * <p>{@code -Dfaremark.cgroup} or {@code FAREMARK_CGROUP} = {@code auto} (default), {@code v2},
 * {@code v1} or {@code none} restricts the choice; {@code none} forces the /proc fallback.
 */
public final class CgroupSupport {
  static final String PARENT_NAME = "faremark";
  public static final String SETTING_PROPERTY = "faremark.cgroup";
  public static final String SETTING_ENV = "FAREMARK_CGROUP";
  /** Run cgroup names: {@code <orchestrator pid>-<run name>}, so leftovers can be attributed. */
  private static final Pattern RUN_NAME = Pattern.compile("(\\d+)-.+");

  private final CgroupPlacement placement;
  private final String setting;

  CgroupSupport(CgroupPlacement placement, String setting) {
    this.placement = placement;
    this.setting = setting;
  }

  /** Detects on this machine, honouring the faremark.cgroup / FAREMARK_CGROUP setting. */
  public static CgroupSupport detect() {
    String setting = System.getProperty(SETTING_PROPERTY, System.getenv(SETTING_ENV));
    return detect(Path.of("/proc/self/mountinfo"), Path.of("/proc/self/cgroup"), setting);
  }

  /** Detection from given files; {@code setting} null means auto. */
  static CgroupSupport detect(Path mountinfo, Path procSelfCgroup, String setting) {
    String s = setting == null || setting.isBlank() ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
    if (!List.of("auto", "v2", "v1", "none").contains(s)) {
      throw new IllegalArgumentException(
          SETTING_ENV + "/-D" + SETTING_PROPERTY + " must be auto, v2, v1 or none, not '" + setting + "'");
    }
    if (s.equals("none")) {
      return new CgroupSupport(new CgroupPlacement.None("cgroups disabled by setting (" + SETTING_ENV + "=none)"), s);
    }
    CgroupLayout layout;
    try {
      layout = CgroupLayout.read(mountinfo, procSelfCgroup);
    } catch (IOException e) {
      return new CgroupSupport(new CgroupPlacement.None("cannot read " + mountinfo + " / " + procSelfCgroup + ": " + e), s);
    }
    List<String> why = new ArrayList<>();
    if (!s.equals("v1")) {
      CgroupPlacement v2 = CgroupDetection.v2(layout);
      if (!(v2 instanceof CgroupPlacement.None none)) {
        return new CgroupSupport(v2, s);
      }
      why.add(none.reason());
    }
    if (!s.equals("v2")) {
      CgroupPlacement v1 = CgroupDetection.v1(layout);
      if (!(v1 instanceof CgroupPlacement.None none)) {
        return new CgroupSupport(v1, s);
      }
      why.add(none.reason());
    }
    return new CgroupSupport(new CgroupPlacement.None(String.join("; ", why)), s);
  }

  public CgroupPlacement placement() {
    return placement;
  }

  /** True when runs get their own cgroup; false means the /proc RSS fallback. */
  public boolean available() {
    return !(placement instanceof CgroupPlacement.None);
  }

  /** "cgroup-v2", "cgroup-v1" or "none": the cgroup version for the environment record. */
  public String mode() {
    return switch (placement) {
      case CgroupPlacement.V2 v -> "cgroup-v2";
      case CgroupPlacement.V1 v -> "cgroup-v1";
      case CgroupPlacement.None n -> "none";
    };
  }

  /** One sentence for the environment record and the console. */
  public String describe() {
    return switch (placement) {
      case CgroupPlacement.V2 v ->
          "cgroup v2: each run in its own cgroup under " + v.parent() + " (setting " + setting + ")";
      case CgroupPlacement.V1 v ->
          "cgroup v1: each run in its own memory cgroup under " + v.memoryParent()
              + v.cpuacctParent().map(p -> ", cpuacct under " + p).orElse(", no cpuacct (no CPU time)")
              + " (setting " + setting + ")";
      case CgroupPlacement.None n ->
          "no cgroup: " + n.reason() + "; memory is the RSS of each run's process tree from /proc";
    };
  }

  /**
   * Makes the cgroup for one run.
   *
   * @param runName e.g. {@code virtual-threads-r1}; anything outside [A-Za-z0-9_.-] becomes '_'
   * @param memoryLimit memory limit, swap disabled where the kernel lets us
   * @throws IllegalStateException when no cgroup is available here (check {@link #available()})
   */
  public RunCgroup create(String runName, Optional<DataSize> memoryLimit) throws IOException {
    // The parents are shared by every faremark on the machine, and one that ends removes them
    // when empty (removeEmptyParents): between our making the parent and our run's directory in
    // it, another experiment may just have removed it. Make it again, a few times.
    for (int attempt = 1; ; attempt++) {
      try {
        return createOnce(runName, memoryLimit);
      } catch (NoSuchFileException e) {
        if (attempt == PARENT_RACE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static final int PARENT_RACE_ATTEMPTS = 3;

  private RunCgroup createOnce(String runName, Optional<DataSize> memoryLimit) throws IOException {
    String name = ProcessHandle.current().pid() + "-" + runName.replaceAll("[^A-Za-z0-9_.-]", "_");
    return switch (placement) {
      case CgroupPlacement.V2 v -> {
        prepareV2Parent(v);
        yield RunCgroup.create(true, List.of(v.parent().resolve(name)), memoryLimit);
      }
      case CgroupPlacement.V1 v -> {
        List<Path> dirs = new ArrayList<>();
        dirs.add(v.memoryParent().resolve(name));
        v.cpuacctParent().ifPresent(p -> dirs.add(p.resolve(name)));
        for (Path d : dirs) {
          Files.createDirectories(d.getParent());
        }
        yield RunCgroup.create(false, dirs, memoryLimit);
      }
      case CgroupPlacement.None n -> throw new IllegalStateException("no cgroup available: " + n.reason());
    };
  }

  private static void prepareV2Parent(CgroupPlacement.V2 v) throws IOException {
    if (v.enableMemory()) {
      CgroupDetection.enableMemory(v.delegated());
    }
    Files.createDirectories(v.parent());
    // Our parent holds no processes, so its children may get the memory controller.
    CgroupDetection.enableMemory(v.parent());
  }

  /**
   * Removes run cgroups left by orchestrators that are no longer alive (a crash, a kill -9),
   * killing any process still in them first. Call once at start.
   *
   * @return the directories removed
   */
  public List<Path> removeStale() {
    List<Path> parents = runParents();
    List<Path> removed = new ArrayList<>();
    for (Path parent : parents) {
      if (!Files.isDirectory(parent)) {
        continue;
      }
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, Files::isDirectory)) {
        for (Path dir : dirs) {
          Matcher m = RUN_NAME.matcher(dir.getFileName().toString());
          if (m.matches() && !isAlive(Long.parseLong(m.group(1)))) {
            RunCgroup.killAndRemove(dir, placement instanceof CgroupPlacement.V2);
            removed.add(dir);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clean up stale cgroups in " + parent, e);
      }
    }
    return removed;
  }

  /**
   * Removes the parent cgroups ({@value #PARENT_NAME}) this orchestrator made its runs in, once
   * they hold no run: an experiment leaves the cgroup tree as it found it. A parent still
   * holding another experiment's run is left to that experiment (rmdir refuses a cgroup with
   * children), and the next run re-creates a removed parent.
   *
   * @return the parents removed
   */
  public List<Path> removeEmptyParents() {
    List<Path> removed = new ArrayList<>();
    for (Path parent : runParents()) {
      try {
        if (Files.deleteIfExists(parent)) {
          removed.add(parent);
        }
      } catch (IOException e) {
        // not empty or busy: another experiment's runs are still in it
      }
    }
    return removed;
  }

  /** The directories run cgroups are made in (one per hierarchy on v1); empty without cgroups. */
  public List<Path> runParents() {
    return switch (placement) {
      case CgroupPlacement.V2 v -> List.of(v.parent());
      case CgroupPlacement.V1 v -> {
        List<Path> p = new ArrayList<>(List.of(v.memoryParent()));
        v.cpuacctParent().ifPresent(p::add);
        yield List.copyOf(p);
      }
      case CgroupPlacement.None n -> List.of();
    };
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Override
  public String toString() {
    return describe();
  }

  static List<String> words(String text) {
    return Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }
}
