package faremark.orchestrator.sampling;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a cgroup's memory by kind from its own files, in bytes, under the keys {@code anon},
 * {@code file}, {@code kernel}, {@code kernelStack}, {@code sock}, {@code pageTables} and {@code
 * total}. A key the kernel does not give is never filled in: {@link #missing} says why.
 *
 * <ul>
 *   <li>cgroup v2 ({@code memory.stat} is hierarchical): anon, file, kernel (Linux 5.18+),
 *       kernel_stack, sock, pagetables; total = memory.current.
 *   <li>cgroup v1: anon = memory.stat {@code total_rss}, file = {@code total_cache} (the total_*
 *       lines include child cgroups), kernel = memory.kmem.usage_in_bytes (slab, stacks, page
 *       tables and the rest of the kernel's charges), sock = memory.kmem.tcp.usage_in_bytes where
 *       TCP accounting is on; total = memory.usage_in_bytes (which, on v1 since Linux 4.6, also
 *       carries the kernel memory charged to the cgroup). v1 has no kernel-stack or page-table
 *       line.
 * </ul>
 *
 * @param dir the run's cgroup directory (for v1: its memory controller directory)
 * @param v2 which layout {@code dir} has
 */
public record CgroupBreakdown(Path dir, boolean v2) {

  /** The largest value v1 writes for "no limit" (PAGE_COUNTER_MAX on 64-bit, page-aligned). */
  private static final long V1_UNLIMITED = 0x7FFF_FFFF_FFFF_F000L;

  /** The breakdown of the cgroup a v1 or v2 probe reads (a container's, on the host); else empty. */
  public static Optional<CgroupBreakdown> of(MemoryProbe probe) {
    return switch (probe) {
      case CgroupV1Probe v1 -> Optional.of(new CgroupBreakdown(v1.memoryDir(), false));
      case CgroupV2Probe v2 -> Optional.of(new CgroupBreakdown(v2.dir(), true));
      case ProcTreeProbe p -> Optional.empty();
      case ContainerCgroupProbe c -> Optional.empty();
      case DockerStatsProbe d -> Optional.empty();
    };
  }

  /** The breakdown now. @throws ProbeException when the cgroup cannot be read (it is gone) */
  public Map<String, Long> read() {
    Map<String, Long> out = new LinkedHashMap<>();
    Map<String, Long> stat = CgroupFiles.readKeyed(dir.resolve("memory.stat"));
    if (v2) {
      put(out, "anon", stat.get("anon"));
      put(out, "file", stat.get("file"));
      put(out, "kernel", stat.get("kernel"));
      put(out, "kernelStack", stat.get("kernel_stack"));
      put(out, "sock", stat.get("sock"));
      put(out, "pageTables", stat.get("pagetables"));
      out.put("total", CgroupFiles.readLong(dir.resolve("memory.current")));
      return out;
    }
    put(out, "anon", stat.get("total_rss"));
    put(out, "file", stat.get("total_cache"));
    OptionalLong kmem = CgroupFiles.readLongIfPresent(dir.resolve("memory.kmem.usage_in_bytes"));
    kmem.ifPresent(k -> out.put("kernel", k));
    if (tcpAccounted()) {
      CgroupFiles.readLongIfPresent(dir.resolve("memory.kmem.tcp.usage_in_bytes"))
          .ifPresent(t -> out.put("sock", t));
    }
    out.put("total", CgroupFiles.readLong(dir.resolve("memory.usage_in_bytes")));
    return out;
  }

  /** Which files the keys come from, for the results. */
  public String source() {
    return v2 ? "cgroup v2 memory.stat (anon, file, kernel, kernel_stack, sock, pagetables) + memory.current"
        : "cgroup v1 memory.stat (total_rss, total_cache) + memory.kmem.usage_in_bytes"
            + (tcpAccounted() ? " + memory.kmem.tcp.usage_in_bytes" : "") + " + memory.usage_in_bytes";
  }

  /** The keys this cgroup does not give, with why; read once at the start of a run. */
  public Map<String, String> missing() {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, Long> stat = CgroupFiles.readKeyedIfPresent(dir.resolve("memory.stat")).orElse(Map.of());
    if (v2) {
      absent(out, stat, "kernel", "kernel", "memory.stat has no 'kernel' line (Linux 5.18+)");
      absent(out, stat, "kernel_stack", "kernelStack", "memory.stat has no 'kernel_stack' line");
      absent(out, stat, "sock", "sock", "memory.stat has no 'sock' line");
      absent(out, stat, "pagetables", "pageTables", "memory.stat has no 'pagetables' line");
      return out;
    }
    if (CgroupFiles.readIfPresent(dir.resolve("memory.kmem.usage_in_bytes")).isEmpty()) {
      out.put("kernel", "no memory.kmem.usage_in_bytes (kernel memory accounting is off)");
    }
    out.put("kernelStack", "cgroup v1's memory.stat has no kernel-stack line (included in kernel)");
    out.put("pageTables", "cgroup v1's memory.stat has no page-table line (included in kernel)");
    if (!tcpAccounted()) {
      out.put("sock", "cgroup v1 counts TCP buffers (memory.kmem.tcp.usage_in_bytes) only once"
          + " memory.kmem.tcp.limit_in_bytes is set, and it is not");
    }
    return out;
  }

  /** v1 turns TCP accounting on when a tcp limit is written: unlimited means never counted. */
  private boolean tcpAccounted() {
    Optional<String> limit = CgroupFiles.readIfPresent(dir.resolve("memory.kmem.tcp.limit_in_bytes"));
    return limit.isPresent() && Long.parseLong(limit.get().strip()) < V1_UNLIMITED;
  }

  private static void put(Map<String, Long> out, String key, Long value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  private static void absent(Map<String, String> out, Map<String, Long> stat, String line, String key,
      String why) {
    if (!stat.containsKey(line)) {
      out.put(key, why);
    }
  }
}
