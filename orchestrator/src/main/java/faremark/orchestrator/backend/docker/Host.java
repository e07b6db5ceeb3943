package faremark.orchestrator.backend.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's name, as the owner label records it. */
final class Host {
  private Host() {}

  static String name() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env == null ? "unknown" : env;
    }
  }
}
