package faremark.orchestrator.backend.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import faremark.contract.WorkloadSpec;
import faremark.orchestrator.model.Models;
import faremark.workload.JavaModels;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The classpath a Java workload JVM gets: exactly the jars (or class folders) holding the
 * workload, the contract and their libraries, then those holding every registered Java model
 * (a model declared in another jar or in test classes runs too), found from where those classes
 * were loaded. So the measured JVM opens no orchestrator, Docker or CLI jar, in a build tree,
 * from Maven, or from an installed copy alike.
 */
public final class WorkloadClasspath {
  /** One class from each code source the workload needs at run time. */
  private static final List<Class<?>> ANCHORS =
      List.of(
          JavaModels.class, // workload-java
          WorkloadSpec.class, // contract
          ObjectMapper.class, // jackson-databind
          JsonFactory.class, // jackson-core
          JsonProperty.class, // jackson-annotations
          JavaTimeModule.class, // jackson-datatype-jsr310
          Histogram.class); // HdrHistogram

  private WorkloadClasspath() {}

  public static String current() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> anchor : ANCHORS) {
      entries.add(location(anchor).toString());
    }
    for (Class<?> provider : Models.javaProviderClasses()) {
      entries.add(location(provider).toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
    }
  }
}
