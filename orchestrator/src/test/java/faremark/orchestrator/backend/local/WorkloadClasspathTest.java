package faremark.orchestrator.backend.local;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.model.Models;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadClasspathTest {

  @Test
  void holdsTheWorkloadAndEveryRegisteredModelButNotTheOrchestrator() throws Exception {
    List<String> entries = Arrays.asList(WorkloadClasspath.current().split(File.pathSeparator));
    for (Class<?> provider : Models.javaProviderClasses()) {
      assertThat(entries).as(provider.getName()).contains(location(provider));
    }
    assertThat(entries).as("the orchestrator's own classes stay out of the measured JVM")
        .doesNotContain(location(WorkloadClasspath.class));
    assertThat(entries).doesNotHaveDuplicates();
  }

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
