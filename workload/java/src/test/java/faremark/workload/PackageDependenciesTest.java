package faremark.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The workload's packages are layered (record ← http ← faremark.workload ← model ← process) and
 * no two classes need each other: read from the compiled classes with the JDK's jdeps, so what
 * is checked is what the code really uses (a nested class counts as its file's top-level class).
 */
class PackageDependenciesTest {

  @Test
  void noPackageCycleAndNoClassLoop() throws Exception {
    Map<String, Set<String>> classes = dependencies();
    assertThat(classes).as("jdeps found the workload's classes").containsKeys(
        "faremark.workload.WorkloadMain", "faremark.workload.http.RequestExecutor");

    Map<String, Set<String>> packages = new TreeMap<>();
    classes.forEach((from, tos) -> tos.forEach(to -> {
      if (!packageOf(from).equals(packageOf(to))) {
        packages.computeIfAbsent(packageOf(from), k -> new TreeSet<>()).add(packageOf(to));
      }
    }));
    assertThat(cycles(packages)).as("package cycles in " + packages).isEmpty();
    assertThat(cycles(classes)).as("classes that need each other").isEmpty();
    assertThat(packages.get("faremark.workload.record")).as("record is the bottom layer").isNull();
    assertThat(packages.get("faremark.workload.http")).containsExactly("faremark.workload.record");
  }

  /** Top-level class → the workload's top-level classes it uses, from jdeps -verbose:class. */
  private static Map<String, Set<String>> dependencies() throws Exception {
    Path classes = Path.of(JavaModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int code = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-filter:none", classes.toString());
    assertThat(code).as(out.toString()).isZero();
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String line : out.toString().lines().toList()) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 3 && f[1].equals("->") && f[0].startsWith("faremark.workload.")
          && f[2].startsWith("faremark.workload.")) {
        String from = topLevel(f[0]);
        String to = topLevel(f[2]);
        graph.computeIfAbsent(from, k -> new TreeSet<>());
        if (!from.equals(to)) {
          graph.get(from).add(to);
        }
      }
    }
    return graph;
  }

  private static String topLevel(String name) {
    int nested = name.indexOf('$');
    return nested < 0 ? name : name.substring(0, nested);
  }

  private static String packageOf(String name) {
    return name.substring(0, name.lastIndexOf('.'));
  }

  /** Strongly connected components of more than one node (Tarjan). */
  static List<Set<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> out = new ArrayList<>();
    for (String node : graph.keySet()) {
      if (!index.containsKey(node)) {
        connect(node, graph, index, low, stack, onStack, out);
      }
    }
    return out;
  }

  private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> out) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, graph, index, low, stack, onStack, out);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        out.add(component);
      }
    }
  }

  @Test
  void theCycleFinderFindsCycles() {
    Map<String, Set<String>> loop = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
    assertThat(cycles(loop)).containsExactly(Set.of("a", "b", "c"));
    assertThat(cycles(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
  }
}
