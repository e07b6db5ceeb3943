package faremark.orchestrator.python;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Byte-compiles the extracted sources once per interpreter, before any run, so that no run pays
 * (in time and memory before its {@code ready}) for compiling them, and the first run of an
 * experiment is like the others. Each interpreter writes its own files beside the other's:
 * {@code __pycache__/runner.cpython-311.pyc} and {@code runner.pypy39.pyc} (PEP 3147 cache tags),
 * so neither reads nor overwrites the other's byte code.
 */
final class Compiler {
  private Compiler() {}

  /**
   * @return true when the interpreter's byte code is there afterwards (checked on the runner
   *     module, under the interpreter's cache tag)
   * @throws IOException when compileall fails
   */
  static boolean compile(PythonProbe probe, Path dir) throws IOException {
    String python = probe.executable().orElseThrow();
    Process p = new ProcessBuilder(python, "-m", "compileall", "-q", dir.toString())
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException(python + " -m compileall " + dir + " failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compiling the Python sources", e);
    }
    return !probe.cacheTag().isEmpty() && Files.isRegularFile(
        dir.resolve("faremark_py/__pycache__/runner." + probe.cacheTag() + ".pyc"));
  }
}
