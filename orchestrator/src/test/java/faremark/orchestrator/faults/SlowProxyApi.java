package faremark.orchestrator.faults;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Toxiproxy API (for {@code --proxy-url}) that holds every request until released and then
 * hangs up: faremark is then, for as long as the test wants, in the middle of setting up its
 * stage, which on the local backend otherwise takes milliseconds. Released, the request fails
 * as a real unreachable proxy would.
 */
final class SlowProxyApi implements AutoCloseable {
  private final HttpServer server;
  private final CountDownLatch asked = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  SlowProxyApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      asked.countDown();
      try {
        released.await(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close(); // no response: the client reads end-of-stream
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "slow-proxy-api");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Whether faremark has asked it anything yet (it is then setting up its stage). */
  boolean asked() {
    return asked.getCount() == 0;
  }

  void release() {
    released.countDown();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
