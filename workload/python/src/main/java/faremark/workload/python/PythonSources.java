package faremark.workload.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The Python models' sources and their declarations ({@code faremark_py/models.json}), carried in
 * this module's jar (or build folder) under {@value #PREFIX}, written out to a folder Python can
 * run them from. The orchestrator does it once per
 * experiment, into the results folder: the exact code that ran is kept with its results, and the
 * models run whatever the working directory.
 */
public final class PythonSources {
  static final String PREFIX = "faremark-python/";

  private PythonSources() {}

  /**
   * Writes every {@code .py} file and {@code models.json} to {@code dir} (created), keeping the
   * package layout, and returns the relative paths written, sorted.
   */
  public static List<String> extractTo(Path dir) throws IOException {
    Path origin = origin();
    List<String> written = new ArrayList<>();
    Files.createDirectories(dir);
    if (Files.isDirectory(origin)) {
      Path root = origin.resolve(PREFIX);
      if (!Files.isDirectory(root)) {
        throw new IOException("no Python sources under " + root + "; rebuild the project");
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(p -> isSource(p.toString())).sorted().toList()) {
          String relative = root.relativize(file).toString().replace('\\', '/');
          copy(Files.newInputStream(file), dir, relative);
          written.add(relative);
        }
      }
    } else {
      try (JarFile jar = new JarFile(origin.toFile())) {
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
          JarEntry entry = e.nextElement();
          if (!entry.isDirectory() && entry.getName().startsWith(PREFIX) && isSource(entry.getName())) {
            String relative = entry.getName().substring(PREFIX.length());
            copy(jar.getInputStream(entry), dir, relative);
            written.add(relative);
          }
        }
      }
    }
    for (String needed : List.of(PythonCatalog.LAUNCHER, PythonCatalog.DECLARATIONS)) {
      if (!written.contains(needed)) {
        throw new IOException("the Python sources in " + origin + " have no " + needed);
      }
    }
    written.sort(null);
    return written;
  }

  /**
   * The text of one source file, {@code relative} to the root of the sources (e.g.
   * {@value #INTERPRETER_PROBE}), read from the jar or build folder without extracting anything.
   */
  public static String text(String relative) throws IOException {
    String resource = "/" + PREFIX + relative;
    try (InputStream in = PythonSources.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(resource + " is not on the class path; rebuild the project");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /**
   * The probe that names an interpreter and checks which libraries load on it (standard library
   * only, so it runs as {@code <python> -c <its text> <modules...>} before the sources are
   * extracted, on this machine or in an image).
   */
  public static final String INTERPRETER_PROBE = PythonCatalog.PACKAGE + "/interpreter.py";

  /** The modules, and the declarations the launcher reads (no caches, no byte code). */
  private static boolean isSource(String name) {
    return name.endsWith(".py") || name.endsWith("/" + PythonCatalog.DECLARATIONS);
  }

  private static void copy(InputStream in, Path dir, String relative) throws IOException {
    Path target = dir.resolve(relative).normalize();
    if (!target.startsWith(dir)) {
      throw new IOException("refusing to write outside " + dir + ": " + relative);
    }
    Files.createDirectories(target.getParent());
    try (in) {
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The jar or class folder this class was loaded from: the Python files sit beside it. */
  private static Path origin() {
    try {
      return Path.of(PythonSources.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new UncheckedIOException(new IOException("cannot tell where the Python sources are", e));
    }
  }
}
