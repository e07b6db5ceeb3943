package faremark.orchestrator.backend.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.PushResponseItem;
import faremark.orchestrator.backend.docker.ImageRef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link RegistryImages} does without an engine: the names a user who pushes the images
 * themselves must use, reading the engine's push stream, and the advice in its errors (the
 * real push is {@code RegistryPushIT}).
 */
class RegistryImagesTest {
  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void expectedNamesNeedNoEngine() {
    RegistryRef registry = RegistryRef.parse("registry.example.com/team");
    List<ImageRef> expected = RegistryImages.expected(registry, List.of(
        new ImageRef("faremark/fare-server:3f2a", "sha256:aa", "built"),
        new ImageRef("faremark/workload-java:ab12cd34ef56", "sha256:bb", "cached")));
    assertThat(expected).extracting(ImageRef::reference).containsExactly(
        "registry.example.com/team/faremark-fare-server:3f2a",
        "registry.example.com/team/faremark-workload-java:ab12cd34ef56");
    assertThat(expected).extracting(ImageRef::id).containsExactly("sha256:aa", "sha256:bb");
    assertThat(expected.get(0).source())
        .isEqualTo("expected in registry.example.com/team (pushed by the user) from faremark/fare-server:3f2a");
  }

  @Test
  void theDigestComesFromTheAuxOfThePushedTag() throws Exception {
    RegistryImages.PushProgress progress = new RegistryImages.PushProgress("t1");
    progress.onNext(item("{\"status\":\"The push refers to repository [localhost:5001/faremark-x]\"}"));
    progress.onNext(item("{\"status\":\"Pushed\",\"progressDetail\":{},\"id\":\"5f70bf18a086\"}"));
    progress.onNext(item("{\"progressDetail\":{},\"aux\":{\"Tag\":\"other\",\"Digest\":\"sha256:"
        + "f".repeat(64) + "\",\"Size\":1}}"));
    assertThat(progress.digest()).isNull();
    progress.onNext(item("{\"progressDetail\":{},\"aux\":{\"Tag\":\"t1\",\"Digest\":\"" + DIGEST
        + "\",\"Size\":527}}"));
    assertThat(progress.digest()).isEqualTo(DIGEST);
    assertThat(progress.error()).isNull();
    assertThat(progress.last()).isEqualTo("Pushed 5f70bf18a086");
  }

  @Test
  void orFromTheClosingStatusLineWhereThereIsNoAux() throws Exception {
    RegistryImages.PushProgress progress = new RegistryImages.PushProgress("t1");
    progress.onNext(item("{\"status\":\"t1: digest: " + DIGEST + " size: 527\"}"));
    assertThat(progress.digest()).isEqualTo(DIGEST);
  }

  @Test
  void theFirstErrorInTheStreamIsKeptInTheEnginesWords() throws Exception {
    RegistryImages.PushProgress progress = new RegistryImages.PushProgress("t1");
    progress.onNext(item("{\"errorDetail\":{\"message\":\"Get \\\"http://127.0.0.1:9/v2/\\\": dial tcp"
        + " 127.0.0.1:9: connect: connection refused\"},\"error\":\"short\"}"));
    progress.onNext(item("{\"errorDetail\":{\"message\":\"later\"},\"error\":\"later\"}"));
    assertThat(progress.error()).isEqualTo(
        "Get \"http://127.0.0.1:9/v2/\": dial tcp 127.0.0.1:9: connect: connection refused");
  }

  @Test
  void theAdviceFollowsTheEnginesWords() {
    RegistryImages images = new RegistryImages(null, RegistryRef.parse("reg.example.com:4013/team"),
        Duration.ofMinutes(1));
    assertThat(images.advice("Get \"https://reg.example.com:4013/v2/\": dial tcp 10.0.0.9:4013:"
        + " connect: connection refused"))
        .contains("a registry runs at reg.example.com:4013", "the engine pushes, not faremark");
    assertThat(images.advice("unauthorized: authentication required"))
        .contains("docker login reg.example.com:4013");
    assertThat(images.advice("denied: requested access to the resource is denied"))
        .contains("docker login");
    assertThat(images.advice("Get \"https://reg.example.com:4013/v2/\": http: server gave HTTP"
        + " response to HTTPS client")).contains("insecure-registries");
    assertThat(images.advice("x509: certificate signed by unknown authority")).contains("CA");
    assertThat(images.advice("something new")).contains("--image-registry");
  }

  private PushResponseItem item(String text) throws Exception {
    return json.readValue(text, PushResponseItem.class);
  }
}
