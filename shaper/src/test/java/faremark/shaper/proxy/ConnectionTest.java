package faremark.shaper.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.shaper.Transport;
import faremark.shaper.Upstream;
import io.netty.channel.ChannelException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionTest {
  /** A socket to the upstream that cannot be made, as when the process is out of descriptors. */
  public static final class NoDescriptorsSocketChannel extends NioSocketChannel {
    public NoDescriptorsSocketChannel() {
      throw new ChannelException(new IOException("Too many open files"));
    }
  }

  @Test
  void aClientWhoseUpstreamSocketCannotBeMadeIsClosedAndTheProxyStillStops() throws Exception {
    Transport nio = Transport.nio();
    Transport noSockets = new Transport(
        "nio", nio.ioHandlers(), nio.serverChannel(), NoDescriptorsSocketChannel.class);
    EventLoopGroup group = noSockets.newGroup(1, "connection-test");
    try (Upstream upstream = Upstream.echo()) {
      ProxyServer proxy = new ProxyServer(
          "p", "127.0.0.1:0", upstream.address(), group, noSockets, new Random(1));
      proxy.start();
      try (Socket client = new Socket()) {
        client.connect(HostPort.parse(proxy.listen()).resolve(), 10_000);
        client.setSoTimeout(10_000);
        // Closed at once (end of stream), not left open with nothing behind it.
        assertThat(client.getInputStream().read()).isEqualTo(-1);
      }
      proxy.stop(); // the failed upstream is not among the proxy's channels to close
      assertThat(proxy.enabled()).isFalse();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
