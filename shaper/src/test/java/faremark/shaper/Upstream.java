package faremark.shaper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A loopback TCP server for wire tests: echoes, or greets and closes. One virtual thread per connection. */
public final class Upstream implements AutoCloseable {
  /** What the server does with each accepted connection. */
  public interface Behaviour {
    void serve(Socket socket) throws IOException;
  }

  private final ServerSocket server;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  private Upstream(Behaviour behaviour) throws IOException {
    server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
    acceptor =
        Thread.ofPlatform()
            .daemon()
            .name("upstream-accept")
            .start(
                () -> {
                  while (!server.isClosed()) {
                    try {
                      Socket socket = server.accept();
                      socket.setTcpNoDelay(true);
                      sockets.add(socket);
                      Thread.ofVirtual()
                          .start(
                              () -> {
                                try (socket) {
                                  behaviour.serve(socket);
                                } catch (IOException ignored) {
                                  // The client went away: nothing to serve.
                                } finally {
                                  sockets.remove(socket);
                                }
                              });
                    } catch (IOException closed) {
                      return;
                    }
                  }
                });
  }

  /** Writes back every byte it reads; closes when the client does. */
  public static Upstream echo() throws IOException {
    return new Upstream(
        socket -> {
          InputStream in = socket.getInputStream();
          OutputStream out = socket.getOutputStream();
          byte[] buffer = new byte[16384];
          int n;
          while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            out.flush();
          }
        });
  }

  /** Serves each connection with {@code behaviour}. */
  public static Upstream custom(Behaviour behaviour) throws IOException {
    return new Upstream(behaviour);
  }

  /** Sends {@code greeting} at once and closes. */
  public static Upstream greetAndClose(byte[] greeting) throws IOException {
    return new Upstream(
        socket -> {
          socket.getOutputStream().write(greeting);
          socket.getOutputStream().flush();
        });
  }

  public int port() {
    return server.getLocalPort();
  }

  /** {@code 127.0.0.1:port}, as a proxy's upstream. */
  public String address() {
    return "127.0.0.1:" + port();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
