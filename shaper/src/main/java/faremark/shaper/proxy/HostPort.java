package faremark.shaper.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** A {@code host:port} string as Toxiproxy's listen and upstream fields hold them ({@code [v6]:port} too). */
record HostPort(String host, int port) {
  static HostPort parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("address " + text + ": missing port in address");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String portText = text.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address " + text + ": invalid port \"" + portText + "\"");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("address " + text + ": invalid port");
    }
    return new HostPort(host, port);
  }

  /** Resolves the host; an empty host means every interface, as in Go. */
  InetSocketAddress resolve() throws UnknownHostException {
    if (host.isEmpty()) {
      return new InetSocketAddress(port);
    }
    return new InetSocketAddress(InetAddress.getByName(host), port);
  }

  /** How Go prints a bound address: {@code 127.0.0.1:8474}, {@code [::1]:8474}. */
  static String format(InetSocketAddress address) {
    String ip = address.getAddress().getHostAddress();
    int zone = ip.indexOf('%');
    if (zone >= 0) {
      ip = ip.substring(0, zone);
    }
    if (ip.contains(":")) {
      return "[" + compress(ip) + "]:" + address.getPort();
    }
    return ip + ":" + address.getPort();
  }

  /** RFC 5952 form, as Go prints IPv6: the longest run of two or more zero groups becomes "::". */
  static String compress(String full) {
    String[] groups = full.split(":");
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < groups.length; ) {
      int j = i;
      while (j < groups.length && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = Math.max(j, i + 1);
    }
    if (bestStart < 0) {
      return full;
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
    String tail =
        String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    return head + "::" + tail;
  }
}
