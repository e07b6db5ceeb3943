package faremark.workload.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmCommandTest {

  @Test
  void keepsJvmOptionsButNotAgentsOrDebuggers() {
    assertThat(JvmCommand.jvmOptions(List.of(
            "-Xmx256m", "-javaagent:/x/jacoco.jar=destfile=a", "-agentlib:jdwp=transport=dt_socket",
            "-XX:+UseSerialGC", "-Xdebug", "-Xrunjdwp:server=y", "-Dfoo=bar", "-Djava.class.path=/x")))
        .containsExactly("-Xmx256m", "-XX:+UseSerialGC", "-Dfoo=bar");
  }

  @Test
  void startsTheSameJavaWithTheSameClassPath() {
    List<String> command = JvmCommand.forMainClass("some.Main");
    assertThat(command.get(0)).endsWith("java");
    assertThat(command).containsSequence("-cp", System.getProperty("java.class.path"), "some.Main");
    assertThat(command).last().isEqualTo("some.Main");
  }
}
