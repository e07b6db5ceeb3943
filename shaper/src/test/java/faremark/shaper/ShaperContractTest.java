package faremark.shaper;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Toxiproxy contract against an embedded shaper: always runs. */
class ShaperContractTest extends ToxiproxyContract {
  private static Shaper shaper;

  @BeforeAll
  static void startShaper() throws IOException {
    shaper = Shaper.start(ShaperOptions.loopbackEphemeral());
  }

  @AfterAll
  static void stopShaper() {
    shaper.close();
  }

  @Override
  String apiHost() {
    return "127.0.0.1";
  }

  @Override
  int apiPort() {
    return shaper.apiAddress().getPort();
  }
}
