package faremark.shaper.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shaper process's memory: resident set, Netty's direct buffers (the JVM's native memory
 * tracking, category Other, where {@code ByteBuffer.allocateDirect} and {@code Unsafe} memory are
 * counted), the Java heap in use after a full GC, and the kernel's TCP buffers on the machine (not
 * in any process's RSS; loopback traffic of this benchmark dominates it while it runs).
 */
final class ShaperMemory {
  private static final Pattern OTHER =
      Pattern.compile("Other \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final Pattern TCP_PAGES = Pattern.compile("^TCP:.* mem (\\d+)", Pattern.MULTILINE);
  private static final long PAGE = 4096;

  record Sample(long rss, long direct, long heapUsed, long kernelTcp, int openFiles) {
    Sample minus(Sample base) {
      return new Sample(
          rss - base.rss, direct - base.direct, heapUsed - base.heapUsed,
          kernelTcp - base.kernelTcp, openFiles - base.openFiles);
    }

    /** Bytes per connection of each figure, as a table row. */
    String perConnection(String label, int connections) {
      return String.format(
          Locale.ROOT,
          "  %-32s RSS %7.1f KB  direct %7.1f KB  heap %7.1f KB  kernel TCP %7.1f KB  (%d fds)",
          label, rss / 1024.0 / connections, direct / 1024.0 / connections,
          heapUsed / 1024.0 / connections, kernelTcp / 1024.0 / connections, openFiles);
    }

    String absolute(String label) {
      return String.format(
          Locale.ROOT,
          "  %-32s RSS %7.1f MB  direct %7.1f MB  heap %7.1f MB  kernel TCP %7.1f MB  (%d fds)",
          label, rss / 1048576.0, direct / 1048576.0, heapUsed / 1048576.0,
          kernelTcp / 1048576.0, openFiles);
    }
  }

  private final Launched shaper;
  private final Path jcmd;

  ShaperMemory(Launched shaper) {
    this.shaper = shaper;
    Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
    this.jcmd = java.resolveSibling("jcmd");
  }

  /** A sample now; {@code gc} runs a full collection first so the heap figure is live data only. */
  Sample sample(boolean gc) throws IOException, InterruptedException {
    if (gc) {
      jcmd("GC.run");
    }
    long heapUsed = firstKb(HEAP_USED, jcmd("GC.heap_info"));
    long direct = 0;
    Matcher other = OTHER.matcher(jcmd("VM.native_memory", "summary"));
    if (other.find()) {
      direct = Long.parseLong(other.group(2)) * 1024;
    }
    Matcher tcp = TCP_PAGES.matcher(Files.readString(Path.of("/proc/net/sockstat")));
    long kernelTcp = tcp.find() ? Long.parseLong(tcp.group(1)) * PAGE : 0;
    return new Sample(shaper.rssBytes(), direct, heapUsed, kernelTcp, shaper.openFiles());
  }

  /**
   * Opens {@code count} connections to {@code port} that send nothing, and waits until the
   * shaper has dialled the upstream for each (two descriptors per connection).
   */
  static List<SocketChannel> openIdle(int port, int count, Launched shaper)
      throws IOException, InterruptedException {
    int before = shaper.openFiles();
    List<SocketChannel> channels = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        channels.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", port)));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (shaper.openFiles() < before + 2 * count && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      return channels;
    } catch (IOException e) {
      closeAll(channels);
      throw new IOException("opening idle connection " + (channels.size() + 1) + ": " + e, e);
    }
  }

  static void closeAll(List<SocketChannel> channels) {
    for (SocketChannel channel : channels) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Closing anyway.
      }
    }
  }

  private String jcmd(String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(jcmd.toString(), Long.toString(shaper.pid())));
    args.addAll(List.of(command));
    Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  private static long firstKb(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : 0;
  }
}
