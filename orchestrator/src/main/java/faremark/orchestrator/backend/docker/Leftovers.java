package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds and removes faremark's containers and networks by label: those of a crashed earlier run
 * (owner process on this host no longer alive), or all of one experiment (the Ctrl-C backstop).
 * A label filter is the engine's own query, so nothing of anyone else's is ever listed.
 */
public final class Leftovers {
  private final DockerClient docker;

  public Leftovers(DockerClient docker) {
    this.docker = docker;
  }

  /** What was removed, as "container name" / "network name" lines. */
  public List<String> removeOrphans() {
    return remove(Leftovers::orphaned, List.of(Labels.FAREMARK + "=true"));
  }

  /** Everything labelled with {@code experiment}, whoever made it. */
  public List<String> removeExperiment(String experiment) {
    return remove(labels -> true, List.of(Labels.EXPERIMENT + "=" + experiment));
  }

  private List<String> remove(Predicate<Map<String, String>> which, List<String> labelFilter) {
    List<String> removed = new ArrayList<>();
    List<Container> containers =
        docker.listContainersCmd().withShowAll(true).withLabelFilter(labelFilter).exec();
    for (Container c : containers) {
      if (which.test(c.getLabels())) {
        // Gone already (its own --rm) or removed by a concurrent sweep: what was wanted, and
        // the other remover reports it.
        if (ContainerRemoval.force(docker, c.getId()) == ContainerRemoval.Outcome.REMOVED) {
          removed.add("container " + name(c));
        }
      }
    }
    // Networks after containers: a network with containers attached cannot be removed.
    for (Network n : docker.listNetworksCmd().withFilter("label", labelFilter).exec()) {
      if (which.test(n.getLabels())) {
        try {
          docker.removeNetworkCmd(n.getId()).exec();
          removed.add("network " + n.getName());
        } catch (NotFoundException e) {
          // already gone
        }
      }
    }
    return removed;
  }

  /** Made on this host by a faremark process that no longer runs. */
  static boolean orphaned(Map<String, String> labels) {
    if (labels == null || !Host.name().equals(labels.get(Labels.OWNER_HOST))) {
      return false; // another machine's (a shared engine): not ours to judge
    }
    try {
      long pid = Long.parseLong(labels.getOrDefault(Labels.OWNER_PID, ""));
      return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String name(Container c) {
    String[] names = c.getNames();
    return names != null && names.length > 0 ? names[0].replaceFirst("^/", "") : c.getId().substring(0, 12);
  }
}
