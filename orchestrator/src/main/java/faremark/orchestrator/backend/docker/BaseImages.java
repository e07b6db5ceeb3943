package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the base images, in this order: the user's (environment variable), the offline base
 * that {@code docker/offline-bases.sh} imports, the public image if the engine already has it,
 * the public image pulled. The first that exists wins, so an air-gapped machine never waits on
 * a registry it cannot reach once its offline bases exist, and a user online needs nothing.
 */
public final class BaseImages {
  public static final String PUBLIC_JRE = "eclipse-temurin:25-jre";
  public static final String PUBLIC_PYTHON = "python:3.12-slim";
  public static final String OFFLINE_JRE = "faremark/base-jre:offline";
  public static final String OFFLINE_PYTHON = "faremark/base-python:offline";
  public static final String OFFLINE_PYPY = "faremark/base-pypy:offline";
  /** The real Toxiproxy, pinned: its API and toxics are what the shaper is tested against. */
  public static final String TOXIPROXY = "ghcr.io/shopify/toxiproxy:2.12.0";

  /** How long one pull may take before the next choice is tried. */
  private static final long PULL_LIMIT_SECONDS = 300;

  private final DockerClient docker;

  public BaseImages(DockerClient docker) {
    this.docker = docker;
  }

  /** A base that cannot be had, with every place that was tried. */
  public static final class Missing extends Exception {
    Missing(String message) {
      super(message);
    }
  }

  public ImageRef jre(Optional<String> override) throws Missing {
    return resolve("Java base", DockerSettings.JRE_IMAGE, override, OFFLINE_JRE, PUBLIC_JRE);
  }

  public ImageRef python(Optional<String> override) throws Missing {
    return resolve("Python base", DockerSettings.PYTHON_IMAGE, override, OFFLINE_PYTHON, PUBLIC_PYTHON);
  }

  /**
   * The PyPy base: the user's ({@code FAREMARK_PYPY_IMAGE}), else the offline one. There is no
   * public fallback: no public PyPy image could be verified here (no registry is reachable), and
   * one that was never run would give figures no one checked; the offline base is Debian's
   * pypy3 with Debian's requests, the same requests as the offline CPython base, so the two
   * images compare the interpreters alone. A public image named through the variable must have
   * {@code pypy3} and pip (the official {@code pypy:3.9-slim} does; untested here).
   *
   * @throws Missing saying how to get one; the PyPy models are then skipped with it
   */
  public ImageRef pypy(Optional<String> override) throws Missing {
    if (override.isPresent()) {
      return resolve("PyPy base", DockerSettings.PYPY_IMAGE, override, "", "");
    }
    return present(OFFLINE_PYPY, "offline base").orElseThrow(() -> new Missing("no PyPy base image: "
        + OFFLINE_PYPY + " is not on the engine (docker/offline-bases.sh builds it from Debian's"
        + " pypy3), and there is no public default; or name one with " + DockerSettings.PYPY_IMAGE));
  }

  /**
   * The real Toxiproxy, or empty (then the shaper image stands in) with the reason in {@code why}.
   *
   * @throws Missing when the user named an image that cannot be had: no silent stand-in then
   */
  public Optional<ImageRef> toxiproxy(Optional<String> override, List<String> why) throws Missing {
    if (override.isPresent()) {
      return Optional.of(resolve("proxy", DockerSettings.PROXY_IMAGE, override, "", ""));
    }
    Optional<ImageRef> found = present(TOXIPROXY, "public, present").or(() -> pulled(TOXIPROXY, "public, pulled", why));
    if (found.isEmpty()) {
      why.add(TOXIPROXY + " is not on the engine and cannot be pulled");
    }
    return found;
  }

  private ImageRef resolve(String what, String variable, Optional<String> override, String offline,
      String publicRef) throws Missing {
    List<String> why = new ArrayList<>();
    if (override.isPresent()) {
      return present(override.get(), "env " + variable)
          .or(() -> pulled(override.get(), "env " + variable, why))
          .orElseThrow(() -> new Missing(what + " " + override.get() + " (from " + variable
              + ") is not on the engine and cannot be pulled: " + String.join("; ", why)));
    }
    return present(offline, "offline base")
        .or(() -> present(publicRef, "public, present"))
        .or(() -> pulled(publicRef, "public, pulled", why))
        .orElseThrow(() -> new Missing("no " + what + " image: neither " + offline + " nor "
            + publicRef + " is on the engine, and pulling " + publicRef + " failed ("
            + String.join("; ", why) + "). Offline, build the bases with docker/offline-bases.sh,"
            + " or name one with " + variable));
  }

  /** The image {@code reference} when the engine has it. */
  public Optional<ImageRef> present(String reference, String source) {
    try {
      InspectImageResponse image = docker.inspectImageCmd(reference).exec();
      return Optional.of(new ImageRef(reference, image.getId(), source));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private Optional<ImageRef> pulled(String reference, String source, List<String> why) {
    try {
      boolean done = docker.pullImageCmd(reference)
          .exec(new PullImageResultCallback())
          .awaitCompletion(PULL_LIMIT_SECONDS, TimeUnit.SECONDS);
      if (!done) {
        why.add("pulling " + reference + " took over " + PULL_LIMIT_SECONDS + " s");
        return Optional.empty();
      }
      return present(reference, source);
    } catch (DockerException | IllegalStateException e) {
      why.add("pulling " + reference + ": " + firstLine(e.getMessage()));
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      why.add("interrupted while pulling " + reference);
      return Optional.empty();
    }
  }

  private static String firstLine(String m) {
    String s = String.valueOf(m).strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
