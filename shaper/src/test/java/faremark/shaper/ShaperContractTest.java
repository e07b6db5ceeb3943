package faremark.shaper;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The Toxiproxy contract, both halves, against an embedded shaper: always runs. */
class ShaperContractTest {
  private static Shaper shaper;

  private static final ToxiproxyServer SHAPER = new ToxiproxyServer() {
    @Override
    public String apiHost() {
      return "127.0.0.1";
    }

    @Override
    public int apiPort() {
      return shaper.apiAddress().getPort();
    }
  };

  @BeforeAll
  static void startShaper() throws IOException {
    shaper = Shaper.start(ShaperOptions.loopbackEphemeral());
  }

  @AfterAll
  static void stopShaper() {
    shaper.close();
  }

  @Nested
  class ApiCalls extends ToxiproxyApiContract {
    @Override
    ToxiproxyServer server() {
      return SHAPER;
    }
  }

  @Nested
  class ToxicsOnTheWire extends ToxicWireContract {
    @Override
    ToxiproxyServer server() {
      return SHAPER;
    }
  }
}
