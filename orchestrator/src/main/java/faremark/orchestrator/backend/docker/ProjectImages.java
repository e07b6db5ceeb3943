package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds the project's images from their Dockerfiles, tagged by content: the tag is a hash of
 * the Dockerfile, every file of the context and the base image's id. The same jars on the same
 * base give the same tag, which the engine already has, so a rerun builds nothing; a changed jar
 * or base gives a new image. No one has to run {@code docker build} by hand.
 */
public final class ProjectImages {
  private static final long BUILD_LIMIT_MINUTES = 15;

  private final DockerClient docker;
  private final Path projectDir;
  private final Map<String, ImageRef> built = new LinkedHashMap<>();

  private final boolean hostNetwork;

  /**
   * @param hostNetwork build on the host's network: a Dockerfile's RUN steps otherwise run in a
   *     container on the engine's default bridge, which machines that allow no bridge traffic
   *     (CI's) must not use even for steps that send nothing
   */
  public ProjectImages(DockerClient docker, Path projectDir, boolean hostNetwork) {
    this.docker = docker;
    this.projectDir = projectDir;
    this.hostNetwork = hostNetwork;
    this.projectLabel = projectLabel(projectDir);
  }

  /** Which checkout built an image: only that checkout's older images are ever removed. */
  private final String projectLabel;

  static final String PROJECT = "io.faremark.project";

  static String projectLabel(Path projectDir) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          projectDir.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The image for {@code recipe} on {@code base}, built unless the engine has it already. */
  public ImageRef image(ImageRecipe recipe, ImageRef base) throws IOException {
    Map<String, byte[]> context = recipe.context(projectDir);
    String tag = "faremark/" + recipe.name() + ":" + contentHash(recipe, context, base);
    try {
      String id = docker.inspectImageCmd(tag).exec().getId();
      ImageRef ref = new ImageRef(tag, id, "cached, from " + recipe.module() + "/Dockerfile on " + base.reference());
      built.put(recipe.name(), ref);
      return ref;
    } catch (NotFoundException e) {
      // not built yet: build below
    }
    byte[] tar = Tar.of(context);
    String id;
    try {
      id = docker.buildImageCmd(new ByteArrayInputStream(tar))
          .withTags(Set.of(tag))
          .withBuildArg(recipe.baseArg(), base.reference())
          .withLabels(Map.of(Labels.FAREMARK, "true", Labels.ROLE, "image:" + recipe.name(),
              PROJECT, projectLabel))
          .withPull(false) // the base was resolved (and pulled if need be) already
          .withRemove(true)
          .withNetworkMode(hostNetwork ? "host" : null)
          .exec(new BuildImageResultCallback())
          .awaitImageId(BUILD_LIMIT_MINUTES, TimeUnit.MINUTES);
    } catch (DockerException | com.github.dockerjava.api.exception.DockerClientException e) {
      throw new IOException("building " + tag + " from " + recipe.module() + "/Dockerfile on "
          + base.reference() + " failed: " + e.getMessage(), e);
    }
    ImageRef ref = new ImageRef(tag, docker.inspectImageCmd(tag).exec().getId(),
        "built from " + recipe.module() + "/Dockerfile on " + base.reference());
    built.put(recipe.name(), ref);
    removeOlder(recipe, tag);
    return ref;
  }

  /**
   * A new build supersedes the image this checkout built before for the same recipe (every
   * changed jar gives a new tag): without this, each rebuild of the project would leave one more
   * image on the engine. Only this checkout's images are removed (another checkout's experiment
   * may be between two runs of its own), and an image still used by a container stays.
   */
  private void removeOlder(ImageRecipe recipe, String keep) {
    String repository = "faremark/" + recipe.name();
    for (com.github.dockerjava.api.model.Image image : docker.listImagesCmd()
        .withImageNameFilter(repository)
        .withLabelFilter(Map.of(Labels.FAREMARK, "true", PROJECT, projectLabel)).exec()) {
      String[] tags = image.getRepoTags();
      if (tags == null) {
        continue;
      }
      for (String t : tags) {
        if (t.startsWith(repository + ":") && !t.equals(keep)) {
          try {
            docker.removeImageCmd(t).exec();
          } catch (DockerException e) {
            // in use by a container (perhaps another experiment's): it stays
          }
        }
      }
    }
  }

  /** Every image this experiment used, by recipe name. */
  public Map<String, ImageRef> used() {
    return Map.copyOf(built);
  }

  /** Removes the images this experiment built or reused (only when asked: they are a cache). */
  public void removeAll() {
    for (ImageRef ref : built.values()) {
      try {
        docker.removeImageCmd(ref.reference()).exec();
      } catch (DockerException e) {
        // in use by someone else's container, or gone: leave it
      }
    }
  }

  static String contentHash(ImageRecipe recipe, Map<String, byte[]> context, ImageRef base) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    update(sha, recipe.name());
    update(sha, base.id());
    for (Map.Entry<String, byte[]> e : context.entrySet()) {
      update(sha, e.getKey());
      sha.update(e.getValue());
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }

  private static void update(MessageDigest sha, String s) {
    sha.update(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }
}
