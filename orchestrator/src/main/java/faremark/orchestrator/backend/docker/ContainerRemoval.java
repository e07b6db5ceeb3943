package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Duration;

/**
 * Force-removes one container, tolerating another remover at work on it. Two removers meet on
 * one engine whenever two faremark processes sweep the same orphans at once (each run's start
 * sweeps every dead owner's containers), or a sweep meets the owner's own clean-up. The engine
 * answers the later one 409 "removal of container … is already in progress"; what the caller
 * wanted, the container gone, is then the other remover's to finish, and this one waits for it.
 */
final class ContainerRemoval {

  /** What a removal found. */
  enum Outcome {
    /** This call removed it. */
    REMOVED,
    /** It was not there (never made, its own --rm, or removed earlier). */
    GONE,
    /**
     * Another remover was at work on it: it is gone now (or, where the wait was interrupted, it
     * is going).
     */
    REMOVED_BY_ANOTHER
  }

  /**
   * How long another remover may take: a forced removal kills the container and deletes its
   * writable layer, which takes well under a second, or a few seconds on a loaded engine.
   */
  static final Duration ANOTHER_REMOVER_SETTLES = Duration.ofSeconds(30);

  /** Between two looks at a container another remover is removing. */
  private static final Duration RECHECK = Duration.ofMillis(100);

  private ContainerRemoval() {}

  /**
   * Removes container {@code idOrName} with its volumes, killing it if it runs.
   *
   * @throws ConflictException when another remover has not finished within {@link
   *     #ANOTHER_REMOVER_SETTLES}, or the engine refuses for another reason
   */
  static Outcome force(DockerClient docker, String idOrName) {
    long deadline = System.nanoTime() + ANOTHER_REMOVER_SETTLES.toNanos();
    boolean another = false;
    while (true) {
      try {
        docker.removeContainerCmd(idOrName).withForce(true).withRemoveVolumes(true).exec();
        return Outcome.REMOVED; // after a conflict too: the other remover failed, this call did it
      } catch (NotFoundException e) {
        return another ? Outcome.REMOVED_BY_ANOTHER : Outcome.GONE;
      } catch (ConflictException e) {
        if (!inProgress(e) || System.nanoTime() > deadline) {
          throw e;
        }
        another = true;
      }
      try {
        // A look every 100 ms: cheaper than a stream of the engine's events for one destroy
        Thread.sleep(RECHECK.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.REMOVED_BY_ANOTHER; // being removed; Ctrl-C is no time to wait it out
      }
    }
  }

  /** The engine's answer to a second removal while the first runs (moby's daemon/delete.go). */
  static boolean inProgress(ConflictException e) {
    String message = e.getMessage();
    return message != null && message.contains("is already in progress");
  }
}
