package faremark.shaper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A blocking test client for one proxied connection, with a read timeout so no test hangs. */
public final class Wire implements AutoCloseable {
  public static final int READ_TIMEOUT_MS = 10_000;

  private final Socket socket;

  public Wire(String host, int port) throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5000);
    socket.setSoTimeout(READ_TIMEOUT_MS);
  }

  /** Connects to a proxy's {@code listen} string ({@code host:port}). */
  public static Wire to(String listen) throws IOException {
    int colon = listen.lastIndexOf(':');
    String host = listen.substring(0, colon);
    if (host.isEmpty() || host.equals("[::]") || host.equals("0.0.0.0")) {
      host = "127.0.0.1";
    }
    return new Wire(host, Integer.parseInt(listen.substring(colon + 1)));
  }

  public Wire send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return this;
  }

  /** Exactly {@code n} bytes, or fewer if the stream ends first. */
  public byte[] read(int n) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[Math.min(n, 65536)];
    while (out.size() < n) {
      int r = in.read(buffer, 0, Math.min(buffer.length, n - out.size()));
      if (r < 0) {
        break;
      }
      out.write(buffer, 0, r);
    }
    return out.toByteArray();
  }

  /** Everything until the peer closes (EOF); throws on reset. */
  public byte[] readToEnd() throws IOException {
    return socket.getInputStream().readAllBytes();
  }

  /** Sizes of the successive reads until {@code n} bytes arrived. */
  public java.util.List<Integer> readSizes(int n) throws IOException {
    InputStream in = socket.getInputStream();
    java.util.List<Integer> sizes = new java.util.ArrayList<>();
    byte[] buffer = new byte[65536];
    int total = 0;
    while (total < n) {
      int r = in.read(buffer);
      if (r < 0) {
        break;
      }
      sizes.add(r);
      total += r;
    }
    return sizes;
  }

  /** True if nothing arrives (and the stream stays open) for {@code millis}. */
  public boolean quietFor(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      return socket.getInputStream().read() == -2;
    } catch (SocketTimeoutException quiet) {
      return true;
    } finally {
      socket.setSoTimeout(READ_TIMEOUT_MS);
    }
  }

  public Socket socket() {
    return socket;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
