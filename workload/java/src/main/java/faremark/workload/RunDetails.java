package faremark.workload;

import faremark.contract.WorkloadSpec;
import faremark.workload.http.HttpClients;
import faremark.workload.record.RunRecorder;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code details} every Java model reports. {@code peakThreads} is the JVM's peak live
 * platform thread count ({@code ThreadMXBean.getPeakThreadCount()}, which does not count virtual
 * threads — their carriers are counted); {@code peakInFlight} is the most requests this process
 * had issued and not yet finished at once, as seen by the model itself. {@code retries} is the
 * spec's allowance and {@code retried} the attempts that failed and were tried again, by cause
 * (empty when nothing was retried).
 */
public final class RunDetails {
  private RunDetails() {}

  public static Map<String, Object> of(WorkloadSpec spec, RunRecorder recorder) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("client", HttpClients.CLIENT_ID);
    details.put("connections", spec.connections().id());
    details.put("poolSize", spec.poolSize());
    details.put("peakThreads", peakThreads());
    details.put("peakInFlight", recorder.peakInFlight());
    details.put("runtime", runtime());
    details.put("retries", spec.retries());
    details.put("retried", recorder.retried());
    return details;
  }

  public static int peakThreads() {
    return ManagementFactory.getThreadMXBean().getPeakThreadCount();
  }

  /**
   * CPU time of this whole process, every thread (the JIT's compiler threads and the GC's
   * included): {@code /proc/self/stat} on Linux, in 10 ms ticks; zero where the OS cannot tell.
   */
  public static java.time.Duration processCpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
  }

  public static String runtime() {
    return System.getProperty("java.vm.name") + " " + Runtime.version();
  }
}
