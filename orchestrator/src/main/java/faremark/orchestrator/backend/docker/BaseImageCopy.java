package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives an engine the base images the first engine resolved, so that every engine builds the
 * project's images on the same bases and gets the same content-hash tags: where it lacks one,
 * the image is streamed from the first engine ({@code docker save | docker load}, through this
 * process, never through a registry). An engine that has the reference already keeps its own:
 * if its id differs, the tags differ too, and the run records' image ids say so.
 */
final class BaseImageCopy {
  private BaseImageCopy() {}

  /**
   * @return the references copied
   * @throws IOException naming the engine and the image when a copy fails
   */
  static List<String> ensure(DockerClient from, String fromName, DockerClient to, String toName,
      List<ImageRef> bases, PrintStream out) throws IOException {
    List<String> copied = new ArrayList<>();
    BaseImages present = new BaseImages(to);
    for (ImageRef base : bases) {
      if (present.present(base.reference(), "").isPresent()) {
        continue;
      }
      out.println("docker: " + toName + " lacks the base image " + base.reference()
          + "; loading it from " + fromName);
      try (InputStream image = from.saveImageCmd(base.reference()).exec()) {
        to.loadImageCmd(image).exec();
      } catch (DockerException | IOException e) {
        throw new IOException(toName + " lacks the base image " + base.reference()
            + " and loading it from " + fromName + " failed: " + e.getMessage(), e);
      }
      if (present.present(base.reference(), "").isEmpty()) {
        throw new IOException(toName + " lacks the base image " + base.reference()
            + ": loading it from " + fromName + " gave no image of that name");
      }
      copied.add(base.reference());
    }
    return copied;
  }
}
