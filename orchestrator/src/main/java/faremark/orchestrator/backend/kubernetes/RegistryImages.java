package faremark.orchestrator.backend.kubernetes;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import faremark.orchestrator.backend.docker.ImageRef;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.RegistryAuthLocator;

/**
 * Puts the images faremark built on the local Docker engine into the registry the user named
 * ({@code --image-registry}), so that pods on a cluster can pull them, and gives back references
 * pinned by digest: a pod then runs exactly the bits that were measured, whatever later happens
 * to the tag. Names follow {@link RegistryRef}: {@code faremark/<name>:<tag>} is pushed as
 * {@code <registry>/faremark-<name>:<tag>} and returned as
 * {@code <registry>/faremark-<name>@sha256:<digest>}.
 *
 * <p>The engine does the push (it holds the layers), so the registry must be reachable from the
 * engine's host, over https, or plain http where the engine allows the registry as insecure
 * (127.0.0.0/8 by default; others through the engine's {@code insecure-registries}).
 *
 * <p>Every call pushes: whether the registry already holds the tag with the same digest could
 * only be asked of the registry itself, over its own HTTP API with its own token handshake,
 * which is neither cheap to get right nor needed, since the engine checks each layer and
 * uploads only those the registry lacks ("Layer already exists"); a push of an unchanged image
 * costs one round trip per layer and the manifest.
 *
 * <p>Credentials come from the user's Docker configuration as Testcontainers' registry auth
 * lookup reads it: the {@code DOCKER_AUTH_CONFIG} variable, else {@code config.json} in
 * {@code $DOCKER_CONFIG} or {@code ~/.docker}: its {@code auths} entries (what
 * {@code docker login} writes without a credential store), {@code credHelpers} and
 * {@code credsStore} (the {@code docker-credential-<name>} program is run). Where none matches
 * the registry, the push goes without credentials (the engine still sends an empty auth header,
 * which registries that need none accept). No other scheme (a cloud provider's token exchange
 * done by faremark itself) is supported: log in with {@code docker login} first.
 *
 * <p>Not for use by two threads on the same image at once: the registry tag on the engine is
 * made for the push and removed after it.
 */
public final class RegistryImages {
  /** How long one image's push may take unless the caller says otherwise. */
  public static final Duration DEFAULT_PUSH_LIMIT = Duration.ofMinutes(15);

  private static final Pattern STATUS_DIGEST =
      Pattern.compile("^(\\S+): digest: (sha256:[0-9a-f]{64}) size: \\d+$");

  private final DockerClient docker;
  private final RegistryRef registry;
  private final Duration pushLimit;

  /**
   * @param docker the engine that holds the local images (and does the push)
   * @param registry where they go, from {@link RegistryRef#parse}
   * @param pushLimit how long one image's push may take before it is abandoned
   */
  public RegistryImages(DockerClient docker, RegistryRef registry, Duration pushLimit) {
    if (pushLimit.isNegative() || pushLimit.isZero()) {
      throw new IllegalArgumentException("push limit must be positive: " + pushLimit);
    }
    this.docker = docker;
    this.registry = registry;
    this.pushLimit = pushLimit;
  }

  public RegistryRef registry() {
    return registry;
  }

  /**
   * Where the user pushed the images themselves: the reference faremark expects for
   * {@code local} ({@code <registry>/faremark-<name>:<tag>}), with no engine or registry asked.
   * Pinned by tag only, since the digest is the registry's to tell; the tag is the image's
   * content hash, so a changed image never reuses it unless pushed under it by hand.
   *
   * @return the reference, the local image's id (the bits the user was to push) and a source
   *     that says the image was expected, not pushed, by faremark
   */
  public static ImageRef expected(RegistryRef registry, ImageRef local) {
    return new ImageRef(registry.tagged(local.reference()), local.id(),
        "expected in " + registry + " (pushed by the user) from " + local.reference());
  }

  /** {@link #expected(RegistryRef, ImageRef)} for each, in order. */
  public static List<ImageRef> expected(RegistryRef registry, List<ImageRef> locals) {
    return locals.stream().map(l -> expected(registry, l)).toList();
  }

  /** {@link #push(ImageRef)} for each, in order; stops at the first that fails. */
  public List<ImageRef> pushAll(List<ImageRef> locals) throws IOException {
    List<ImageRef> pushed = new ArrayList<>();
    for (ImageRef local : locals) {
      pushed.add(push(local));
    }
    return List.copyOf(pushed);
  }

  /**
   * Tags {@code local} for the registry, pushes it, and removes that tag from the engine again
   * (unless it was there before): the registry tag would otherwise keep an image alive that
   * {@code ProjectImages} removes when it builds a newer one.
   *
   * @return {@code <registry>/faremark-<name>@sha256:<digest>}, the local image's id (the config
   *     the pushed manifest names) and where it came from
   * @throws IOException naming the registry, the image and the engine's own words, with what to
   *     do: the image is not on the engine, the registry cannot be reached, refuses the push or
   *     wants credentials, or the push did not finish within the limit
   */
  public ImageRef push(ImageRef local) throws IOException {
    String repository = registry.repository(local.reference());
    String tagged = registry.tagged(local.reference());
    String tag = tagged.substring(repository.length() + 1);
    // by id where known: the exact bits built (and recorded), even if the name moved since
    String source = local.id() == null || local.id().isBlank() ? local.reference() : local.id();
    boolean tagExisted = exists(tagged);
    try {
      docker.tagImageCmd(source, repository, tag).withForce(true).exec();
    } catch (NotFoundException e) {
      throw new IOException("cannot push " + local.reference() + " to " + registry + ": the image"
          + " (" + source + ") is not on the Docker engine (" + firstLine(e) + "); build it first", e);
    } catch (DockerException e) {
      throw new IOException("cannot push " + local.reference() + " to " + registry + ": tagging it"
          + " as " + tagged + " failed: " + firstLine(e), e);
    }
    try {
      String digest = pushTagged(local, repository, tag, tagged);
      return new ImageRef(registry.pinned(local.reference(), digest), local.id(),
          "pushed to " + registry + " as " + tagged + " from " + local.reference());
    } finally {
      if (!tagExisted) {
        untag(tagged);
      }
    }
  }

  private String pushTagged(ImageRef local, String repository, String tag, String tagged)
      throws IOException {
    PushProgress progress = new PushProgress(tag);
    long started = System.nanoTime();
    boolean finished;
    try {
      docker.pushImageCmd(repository).withTag(tag).withAuthConfig(auth(tagged)).exec(progress);
      finished = progress.awaitCompletion(pushLimit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(progress);
      throw new IOException("interrupted while pushing " + tagged, e);
    } catch (DockerException | DockerClientException e) {
      throw failure(local, tagged, firstLine(e), e);
    } catch (RuntimeException e) { // the transport's own (connection to the engine lost)
      throw failure(local, tagged, String.valueOf(e), e);
    }
    if (!finished) {
      // closing the stream makes the engine cancel the push (its request context ends)
      closeQuietly(progress);
      throw new IOException("pushing " + local.reference() + " to " + registry + " as " + tagged
          + " did not finish within " + pushLimit.toSeconds() + " s (last from the engine: "
          + progress.last() + "); check the link to the registry, or allow a longer push");
    }
    if (progress.error() != null) {
      throw failure(local, tagged, progress.error(), null);
    }
    if (progress.digest() != null) {
      return progress.digest();
    }
    // an engine that reported no digest in the stream: the one it recorded for this repository
    return recordedDigest(local, repository, tagged, System.nanoTime() - started);
  }

  /** The digest in the image's RepoDigests for {@code repository}, when there is exactly one. */
  private String recordedDigest(ImageRef local, String repository, String tagged, long nanos)
      throws IOException {
    List<String> digests;
    try {
      List<String> repoDigests = docker.inspectImageCmd(tagged).exec().getRepoDigests();
      digests = repoDigests == null ? List.of() : repoDigests.stream()
          .filter(d -> d.startsWith(repository + "@")).map(d -> d.substring(repository.length() + 1))
          .distinct().toList();
    } catch (DockerException e) {
      throw new IOException("pushed " + local.reference() + " as " + tagged + " but could not read"
          + " its digest back from the engine: " + firstLine(e), e);
    }
    if (digests.size() != 1) {
      throw new IOException("pushed " + local.reference() + " as " + tagged + " (in "
          + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms) but the engine reported no digest, and"
          + " records " + digests.size() + " for " + repository + " " + digests + ": cannot tell"
          + " which is this push's; push again");
    }
    return digests.get(0);
  }

  private IOException failure(ImageRef local, String tagged, String engineSaid, Throwable cause) {
    return new IOException("pushing " + local.reference() + " to " + registry + " as " + tagged
        + " failed; the Docker engine said: " + engineSaid + ". " + advice(engineSaid), cause);
  }

  /** What to do about what the engine said, as far as its words tell. */
  String advice(String engineSaid) {
    String s = engineSaid.toLowerCase(Locale.ROOT);
    String host = registry.host();
    if (s.contains("server gave http response to https client")) {
      return "The registry speaks plain http: serve it over https, or add " + host + " to the"
          + " engine's insecure-registries (only 127.0.0.0/8 is allowed by default).";
    }
    if (s.contains("x509") || s.contains("certificate")) {
      return "The engine does not trust the registry's certificate: give the engine its CA"
          + " (Docker's certs.d folder for " + host + ") or fix the certificate.";
    }
    if (s.contains("connection refused") || s.contains("no such host") || s.contains("i/o timeout")
        || s.contains("dial tcp") || s.contains("no route to host") || s.contains("network is unreachable")) {
      return "Check that a registry runs at " + host + " and that the Docker engine's host can"
          + " reach it (the engine pushes, not faremark), and the " + RegistryRef.OPTION + " value.";
    }
    if (s.contains("unauthorized") || s.contains("authentication required")
        || s.contains("denied") || s.contains("no basic auth credentials")) {
      return "The registry wants credentials or refused these: log in with `docker login " + host
          + "` (faremark reads the Docker configuration's auths, credHelpers and credsStore) and"
          + " check the account may push to " + registry + ".";
    }
    return "Check the registry at " + host + " and the " + RegistryRef.OPTION + " value.";
  }

  /** The user's credentials for the registry, else an empty auth (see the class comment). */
  private static AuthConfig auth(String tagged) {
    // The engine wants the auth header on a push even when the registry needs none (without
    // it dockerd falls back to reading auth from the body and fails on an empty one).
    AuthConfig none = new AuthConfig();
    try {
      AuthConfig found = RegistryAuthLocator.instance()
          .lookupAuthConfig(DockerImageName.parse(tagged), none);
      return found == null ? none : found;
    } catch (RuntimeException e) {
      return none; // an unreadable config: the registry says "unauthorized" if it needs any
    }
  }

  private boolean exists(String reference) throws IOException {
    try {
      docker.inspectImageCmd(reference).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (DockerException e) {
      throw new IOException("cannot push to " + registry + ": the Docker engine did not answer"
          + " about " + reference + " (" + firstLine(e) + ")", e);
    }
  }

  private void untag(String reference) {
    try {
      // the local image keeps its faremark/<name>:<tag>: this removes only the name, no layers
      docker.removeImageCmd(reference).withNoPrune(true).exec();
    } catch (DockerException e) {
      // gone already, or the engine went away: a leftover tag, nothing a pod depends on
    }
  }

  private static void closeQuietly(ResultCallback<?> callback) {
    try {
      callback.close();
    } catch (IOException | RuntimeException e) {
      // the stream is abandoned either way
    }
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage()).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /**
   * The push's progress stream: the first error the engine reports in it (a push that fails at
   * the registry still answers HTTP 200, with the error as a stream item) and the digest of the
   * pushed tag, from the item's aux or its closing status line ("tag: digest: sha256:… size: N").
   */
  static final class PushProgress extends ResultCallback.Adapter<PushResponseItem> {
    private final String tag;
    private volatile String error;
    private volatile String digest;
    private volatile String last = "nothing yet";

    PushProgress(String tag) {
      this.tag = tag;
    }

    @Override
    public void onNext(PushResponseItem item) {
      if (item.isErrorIndicated()) {
        if (error == null) {
          ResponseItem.ErrorDetail detail = item.getErrorDetail();
          // the plain "error" field repeats the detail's message (and is deprecated in the API)
          error = detail != null && detail.getMessage() != null ? detail.getMessage() : item.toString();
        }
        return;
      }
      ResponseItem.AuxDetail aux = item.getAux();
      if (aux != null && aux.getDigest() != null && (aux.getTag() == null || tag.equals(aux.getTag()))) {
        digest = aux.getDigest();
      }
      if (item.getStatus() != null) {
        last = item.getStatus() + (item.getId() == null ? "" : " " + item.getId());
        Matcher m = STATUS_DIGEST.matcher(item.getStatus().strip());
        if (digest == null && m.matches() && m.group(1).equals(tag)) {
          digest = m.group(2);
        }
      }
    }

    String error() {
      return error;
    }

    String digest() {
      return digest;
    }

    String last() {
      return last;
    }
  }
}
