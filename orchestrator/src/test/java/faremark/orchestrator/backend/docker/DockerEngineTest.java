package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DockerEngine#acceptsConnections}: how the backend tells "the engine was stopped" from
 * "a container died", with a fresh connection to the engine's address (no engine needed here:
 * a socket that listens, then one that no longer does).
 */
class DockerEngineTest {
  @TempDir Path tmp;

  @Test
  void aUnixSocketThatListensAcceptsAndOneClosedOrGoneDoesNot() throws Exception {
    Path socket = tmp.resolve("docker.sock");
    String host = "unix://" + socket;
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      assertThat(DockerEngine.acceptsConnections(host)).isTrue();
    }
    // closed, the file still there (refused), then the file gone (as dockerd leaves it)
    assertThat(DockerEngine.acceptsConnections(host)).isFalse();
    java.nio.file.Files.deleteIfExists(socket);
    assertThat(DockerEngine.acceptsConnections(host)).isFalse();
  }

  @Test
  void aTcpAddressIsTriedTheSameWay() throws Exception {
    int port;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = server.getLocalPort();
      assertThat(DockerEngine.acceptsConnections("tcp://127.0.0.1:" + port)).isTrue();
    }
    assertThat(DockerEngine.acceptsConnections("tcp://127.0.0.1:" + port)).isFalse();
  }

  @Test
  void anAddressItCannotCheckCountsAsAccepting() {
    // e.g. a Windows named pipe: saying "stopped" there would be a guess
    assertThat(DockerEngine.acceptsConnections("npipe:////./pipe/docker_engine")).isTrue();
    assertThat(DockerEngine.acceptsConnections("not a uri")).isTrue();
  }
}
