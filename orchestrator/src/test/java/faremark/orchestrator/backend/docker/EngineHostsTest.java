package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineHostsTest {
  @TempDir Path tmp;

  private static List<EngineAddress> hosts(String option, Map<String, String> env, boolean insecure)
      throws EngineAddress.BadAddress {
    return EngineHosts.of(Optional.ofNullable(option), env, insecure);
  }

  private Path certs(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
      Files.writeString(dir.resolve(f), "-----BEGIN " + f + "-----\n");
    }
    return dir;
  }

  @Test
  void noOptionNoVariableMeansTheDiscoveredEngine() throws Exception {
    assertThat(hosts(null, Map.of(), false)).isEmpty();
  }

  @Test
  void aUnixSocketAndALoopbackTcpEngineNeedNoTls() throws Exception {
    List<EngineAddress> h = hosts("unix:///var/run/docker.sock, tcp://127.0.0.1:2375", Map.of(), false);
    assertThat(h).extracting(EngineAddress::toString)
        .containsExactly("unix:///var/run/docker.sock", "tcp://127.0.0.1:2375");
    assertThat(h).noneMatch(EngineAddress::tls);
  }

  @Test
  void theOptionWinsOverTheVariable() throws Exception {
    Map<String, String> env = Map.of(EngineHosts.VARIABLE, "unix:///a.sock,unix:///b.sock");
    assertThat(hosts("unix:///c.sock", env, false)).extracting(EngineAddress::toString)
        .containsExactly("unix:///c.sock");
    assertThat(hosts(null, env, false)).hasSize(2);
  }

  @Test
  void aPlainTextRemoteEngineIsRefusedUnlessAllowed() throws Exception {
    assertThatThrownBy(() -> hosts("unix:///a.sock,tcp://10.0.0.2:2375", Map.of(), false))
        .isInstanceOf(EngineAddress.BadAddress.class)
        .hasMessageContaining("--docker-hosts: tcp://10.0.0.2:2375 is a remote engine over plain text")
        .hasMessageContaining("DOCKER_TLS_VERIFY=1")
        .hasMessageContaining("--allow-insecure-engine");
    assertThat(hosts("tcp://10.0.0.2:2375", Map.of(), true)).singleElement()
        .satisfies(a -> assertThat(a.tls()).isFalse());
  }

  @Test
  void theVariableIsNamedWhenItIsTheSource() {
    assertThatThrownBy(() -> hosts(null, Map.of(EngineHosts.VARIABLE, "tcp://engine.lab:2375"), false))
        .hasMessageStartingWith("FAREMARK_DOCKER_HOSTS: tcp://engine.lab:2375 is a remote engine");
  }

  @Test
  void tlsTakesTheCertificatesAsTheDockerCliDoes() throws Exception {
    Path base = certs(tmp.resolve("docker"));
    Map<String, String> env = Map.of(EngineAddress.TLS_VERIFY, "1", EngineAddress.CERT_PATH, base.toString());
    EngineAddress a = hosts("tcp://10.0.0.2", env, false).get(0);
    assertThat(a.toString()).as("2376: the Docker CLI's TLS port").isEqualTo("tcp://10.0.0.2:2376");
    assertThat(a.certPath()).contains(base);
  }

  @Test
  void anEnginesOwnCertificateFolderWins() throws Exception {
    Path base = certs(tmp.resolve("docker"));
    Path own = certs(base.resolve("10.0.0.3:2376"));
    Path byName = certs(base.resolve("engine.lab"));
    Map<String, String> env = Map.of(EngineAddress.TLS_VERIFY, "1", EngineAddress.CERT_PATH, base.toString());
    List<EngineAddress> h = hosts("tcp://10.0.0.2:2376,tcp://10.0.0.3:2376,tcp://engine.lab:2376", env, false);
    assertThat(h).extracting(a -> a.certPath().orElseThrow()).containsExactly(base, own, byName);
  }

  @Test
  void tlsWithoutCertificatesSaysWhereItLooked() {
    Map<String, String> env = Map.of(EngineAddress.TLS_VERIFY, "1", EngineAddress.CERT_PATH, tmp.toString());
    assertThatThrownBy(() -> hosts("tcp://10.0.0.2:2376", env, false))
        .hasMessageContaining("needs TLS").hasMessageContaining(tmp.toString())
        .hasMessageContaining("ca.pem, cert.pem and key.pem");
  }

  @Test
  void tlsVerifyZeroMeansOff() throws Exception {
    Map<String, String> env = Map.of(EngineAddress.TLS_VERIFY, "0");
    assertThat(hosts("tcp://localhost:2375", env, false).get(0).tls()).isFalse();
  }

  @Test
  void badAddressesNameTheOptionAndWhatWasExpected() {
    assertThatThrownBy(() -> hosts("docker.sock", Map.of(), false))
        .hasMessage("--docker-hosts: expected unix:///path/to/docker.sock or tcp://host:port, got 'docker.sock'");
    assertThatThrownBy(() -> hosts("ssh://me@lab", Map.of(), false))
        .hasMessageContaining("ssh:// engines are not supported");
    assertThatThrownBy(() -> hosts("unix://relative.sock", Map.of(), false))
        .hasMessageContaining("expected unix:///absolute/path");
    assertThatThrownBy(() -> hosts("unix:///a.sock,,unix:///b.sock", Map.of(), false))
        .hasMessageContaining("an empty address");
    assertThatThrownBy(() -> hosts("", Map.of(), false)).hasMessageContaining("got nothing");
  }

  @Test
  void anEngineNamedTwiceIsRefused() {
    assertThatThrownBy(() -> hosts("tcp://127.0.0.1:2375,tcp://127.0.0.1", Map.of(), false))
        .hasMessageContaining("tcp://127.0.0.1:2375 is named twice");
  }

  @Test
  void loopbackIsOnlyThisMachine() {
    assertThat(EngineAddress.loopback("127.0.0.1")).isTrue();
    assertThat(EngineAddress.loopback("127.1.2.3")).isTrue();
    assertThat(EngineAddress.loopback("localhost")).isTrue();
    assertThat(EngineAddress.loopback("[::1]")).isTrue();
    assertThat(EngineAddress.loopback("128.0.0.1")).isFalse();
    assertThat(EngineAddress.loopback("localhost.evil.example")).isFalse();
  }
}
