package faremark.fareserver;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client on a raw socket, so tests control connections exactly: keep-alive
 * reuse, pipelining, and telling "closed without an answer" from an error response.
 */
final class RawHttp implements Closeable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  record Response(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  RawHttp(URI server) throws IOException {
    socket = new Socket();
    socket.setSoTimeout(30_000);
    socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** One request on a fresh connection that asks the server to close it afterwards. */
  static Response getOnce(URI server, String target) throws IOException {
    try (RawHttp http = new RawHttp(server)) {
      http.send("GET", target, true);
      return http.read();
    }
  }

  Response get(String target) throws IOException {
    send("GET", target, false);
    return read();
  }

  void send(String method, String target, boolean close) throws IOException {
    out.write(request(method, target, close).getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Writes raw bytes, e.g. several requests at once (pipelining). */
  void sendRaw(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  static String request(String method, String target, boolean close) {
    return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + (close ? "Connection: close\r\n" : "") + "\r\n";
  }

  /**
   * Reads one response.
   *
   * @throws EOFException if the connection ended before a status line (closed without answer)
   */
  Response read() throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new EOFException("connection closed without a response");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    String line;
    while ((line = line()) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    if (body.length != length) {
      throw new EOFException("body cut short: " + body.length + " of " + length + " bytes");
    }
    return new Response(status, headers, body);
  }

  /** True if the server has closed this connection (reads EOF or a reset). */
  boolean closedByServer() {
    try {
      return in.read() < 0;
    } catch (IOException e) {
      return true;
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String s = buf.toString(StandardCharsets.US_ASCII);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      buf.write(b);
    }
    return buf.size() == 0 ? null : buf.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
