package faremark.orchestrator.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The mounts the disk faults need (root only): a small tmpfs, a read-only bind mount. */
final class Mounts {
  private static volatile String lastError = "";

  private Mounts() {}

  static boolean tmpfs(Path dir, String size) {
    return mount("-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", dir.toString());
  }

  static boolean resize(Path dir, String size) {
    return mount("-o", "remount,size=" + size, dir.toString());
  }

  static boolean bindReadOnly(Path dir) {
    if (!mount("--bind", dir.toString(), dir.toString())) {
      return false;
    }
    if (!mount("-o", "remount,bind,ro", dir.toString())) {
      unmount(dir);
      return false;
    }
    return true;
  }

  /** Unmounts, lazily if busy, so a failed row cannot leave a mount behind. */
  static void unmount(Path dir) {
    if (!run("umount", dir.toString())) {
      run("umount", "-l", dir.toString());
    }
  }

  static String lastError() {
    return lastError;
  }

  private static boolean mount(String... args) {
    List<String> command = new ArrayList<>(List.of("mount"));
    command.addAll(List.of(args));
    return run(command.toArray(String[]::new));
  }

  private static boolean run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        lastError = String.join(" ", command) + ": did not end";
        return false;
      }
      if (p.exitValue() != 0) {
        lastError = String.join(" ", command) + ": " + out;
        return false;
      }
      return true;
    } catch (IOException e) {
      lastError = String.join(" ", command) + ": " + e.getMessage();
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
