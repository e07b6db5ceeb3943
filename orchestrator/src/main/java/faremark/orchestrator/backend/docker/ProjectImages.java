package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

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
  }

  /** The image for {@code recipe} on {@code base}, built unless the engine has it already. */
  public ImageRef image(ImageRecipe recipe, ImageRef base) throws IOException {
    Map<String, Path> context = recipe.context(projectDir);
    String tag = "faremark/" + recipe.name() + ":" + contentHash(recipe, context, base);
    try {
      String id = docker.inspectImageCmd(tag).exec().getId();
      ImageRef ref = new ImageRef(tag, id, "cached, from " + recipe.module() + "/Dockerfile on " + base.reference());
      built.put(recipe.name(), ref);
      return ref;
    } catch (NotFoundException e) {
      // not built yet: build below
    }
    byte[] tar = tar(context);
    String id;
    try {
      id = docker.buildImageCmd(new ByteArrayInputStream(tar))
          .withTags(Set.of(tag))
          .withBuildArg(recipe.baseArg(), base.reference())
          .withLabels(Map.of(Labels.FAREMARK, "true", Labels.ROLE, "image:" + recipe.name()))
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
    return ref;
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

  static String contentHash(ImageRecipe recipe, Map<String, Path> context, ImageRef base)
      throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    update(sha, recipe.name());
    update(sha, base.id());
    for (Map.Entry<String, Path> e : context.entrySet()) {
      update(sha, e.getKey());
      sha.update(Files.readAllBytes(e.getValue()));
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }

  private static void update(MessageDigest sha, String s) {
    sha.update(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }

  /** The build context as a tar, entries in a fixed order with fixed times: same bits, same tar. */
  static byte[] tar(Map<String, Path> context) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, Path> e : context.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        byte[] data = Files.readAllBytes(e.getValue());
        entry.setSize(data.length);
        entry.setMode(0644);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
