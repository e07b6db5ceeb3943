package faremark.shaper.bench;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The shaper process's memory: resident set; the Java heap in use (live objects, after a full GC
 * when asked; read over JMX from the attached process); what is resident besides the committed
 * heap ("native": Netty's pooled buffers — which on JDK 25 it allocates outside the JVM's
 * direct-buffer accounting —, thread stacks, code); and the kernel's TCP buffers on the machine
 * (in no process's RSS; this benchmark's loopback traffic dominates it while it runs).
 */
final class ShaperMemory implements AutoCloseable {
  private static final Pattern TCP_PAGES = Pattern.compile("^TCP:.* mem (\\d+)", Pattern.MULTILINE);
  private static final long PAGE = 4096;

  record Sample(long rss, long nativeBytes, long heapUsed, long kernelTcp, int openFiles) {
    Sample minus(Sample base) {
      return new Sample(
          rss - base.rss, nativeBytes - base.nativeBytes, heapUsed - base.heapUsed,
          kernelTcp - base.kernelTcp, openFiles - base.openFiles);
    }

    /** Bytes per connection of each figure, as a table row. */
    String perConnection(String label, int connections) {
      return String.format(
          Locale.ROOT,
          "  %-32s RSS %7.1f KB  native %7.1f KB  heap used %7.1f KB  kernel TCP %7.1f KB  (%d fds)",
          label, rss / 1024.0 / connections, nativeBytes / 1024.0 / connections,
          heapUsed / 1024.0 / connections, kernelTcp / 1024.0 / connections, openFiles);
    }

    String absolute(String label) {
      return String.format(
          Locale.ROOT,
          "  %-32s RSS %7.1f MB  native %7.1f MB  heap used %7.1f MB  kernel TCP %7.1f MB  (%d fds)",
          label, rss / 1048576.0, nativeBytes / 1048576.0, heapUsed / 1048576.0,
          kernelTcp / 1048576.0, openFiles);
    }
  }

  private final Launched shaper;
  private final JMXConnector jmx;
  private final MemoryMXBean heap;

  /** Attaches to the shaper's JVM and starts its local management agent (loopback only). */
  ShaperMemory(Launched shaper) throws IOException {
    this.shaper = shaper;
    String address;
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(shaper.pid()));
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
    } catch (AttachNotSupportedException e) {
      throw new IOException("cannot attach to the shaper (pid " + shaper.pid() + "): " + e, e);
    }
    jmx = JMXConnectorFactory.connect(new JMXServiceURL(address));
    MBeanServerConnection server = jmx.getMBeanServerConnection();
    heap = ManagementFactory.newPlatformMXBeanProxy(
        server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
  }

  /** A sample now; {@code gc} runs a full collection first so the heap figure is live data only. */
  Sample sample(boolean gc) throws IOException {
    if (gc) {
      heap.gc();
    }
    var usage = heap.getHeapMemoryUsage();
    long rss = shaper.rssBytes();
    Matcher tcp = TCP_PAGES.matcher(Files.readString(Path.of("/proc/net/sockstat")));
    long kernelTcp = tcp.find() ? Long.parseLong(tcp.group(1)) * PAGE : 0;
    return new Sample(rss, rss - usage.getCommitted(), usage.getUsed(), kernelTcp, shaper.openFiles());
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

  @Override
  public void close() throws IOException {
    jmx.close();
  }
}
