package faremark.workload.process;

import faremark.contract.WorkloadSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The parent's handle on one worker JVM: its pipes, its slice, and the protocol's steps. */
final class WorkerProcess implements AutoCloseable {
  private final Process process;
  private final WorkloadSpec slice;
  private final BufferedReader out;
  private final Writer in;

  private WorkerProcess(Process process, WorkloadSpec slice) {
    this.process = process;
    this.slice = slice;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  static WorkerProcess start(List<String> command, WorkloadSpec slice) throws IOException {
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    WorkerProcess worker = new WorkerProcess(process, slice);
    worker.send(WorkerProtocol.writeSpec(slice));
    return worker;
  }

  WorkloadSpec slice() {
    return slice;
  }

  long pid() {
    return process.pid();
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** Blocks until the worker is up (its warm-up passes done); fails if it exited first. */
  WorkerProtocol.Ready awaitReady() throws IOException {
    if (!(receive() instanceof WorkerProtocol.Ready ready)) {
      throw new IOException("worker " + pid() + " sent something other than ready");
    }
    return ready;
  }

  void go() throws IOException {
    send(WorkerProtocol.GO);
  }

  /** Blocks until the worker reports; fails if it exited first. */
  WorkerProtocol.Report awaitReport() throws IOException {
    if (receive() instanceof WorkerProtocol.Report report) {
      return report;
    }
    throw new IOException("worker " + pid() + " sent something other than its report");
  }

  private WorkerProtocol.Message receive() throws IOException {
    String line = out.readLine();
    if (line == null) {
      throw new IOException("worker " + pid() + " ended its output, exit code " + exitCode());
    }
    return WorkerProtocol.read(line);
  }

  private void send(String line) throws IOException {
    in.write(line);
    in.write('\n');
    in.flush();
  }

  private String exitCode() {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "(still running)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(unknown)";
    }
  }

  /** Waits briefly for a worker that has reported, kills one that has not. */
  @Override
  public void close() {
    try {
      in.close(); // a worker still waiting for "go" exits on EOF
    } catch (IOException ignored) {
      // the pipe is already gone with the process
    }
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
