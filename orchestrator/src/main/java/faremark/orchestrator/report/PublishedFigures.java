package faremark.orchestrator.report;

import java.util.List;

/**
 * Published marginal memory per task from sleeping-task benchmarks, shown beside a sweep's
 * slopes so a reader sees how far a real request is from an idle task. None of them opens a
 * socket, sends a request or parses an answer, and all of them count resident memory, not the
 * kernel's: they are floors, not comparable figures. Each row names its source and how the figure
 * was derived.
 *
 * @param nearestModel the faremark model closest in kind, or "-" where none is
 */
record PublishedFigures(String what, String perTask, String nearestModel, String source,
    String derivation) {

  static final String KOLACZKOWSKI = "P. Kołaczkowski, \"How Much Memory Do You Need to Run 1"
      + " Million Concurrent Tasks?\" (2023), pkolaczk.github.io/memory-consumption-of-async";
  static final String RERUN = "hez2010, \"How Much Memory Do You Need in 2024 to Run 1 Million"
      + " Concurrent Tasks?\" (2024 rerun of Kołaczkowski's benchmark),"
      + " hez2010.github.io/async-runtimes-benchmarks-2024";
  static final String CONTEXT_SWITCH = "J. Blandy, github.com/jimblandy/context-switch (README,"
      + " \"Measuring memory use\")";
  private static final String PEAK_RSS = "peak RSS of N tasks each sleeping 10 s, one run per"
      + " cell; per task: the difference between task counts over the difference in tasks";
  private static final String PIPES = "linear fit of resident memory over task counts; tasks"
      + " pass a byte through pipes (no sockets)";

  static final List<PublishedFigures> ALL = List.of(
      new PublishedFigures("Java virtual thread, sleeping", "≈ 1.0 KB", "virtual-threads",
          KOLACZKOWSKI, PEAK_RSS),
      new PublishedFigures("Java platform thread, sleeping", "≈ 20 KB", "thread-pool",
          KOLACZKOWSKI, PEAK_RSS),
      new PublishedFigures("Python asyncio task, sleeping (Python 3.10)", "≈ 2.2 KB", "py-asyncio",
          KOLACZKOWSKI, PEAK_RSS),
      new PublishedFigures("Python asyncio task, sleeping (Python 3.13)", "≈ 1.25 KB", "py-asyncio",
          RERUN, PEAK_RSS),
      new PublishedFigures("Go goroutine, sleeping", "≈ 2.6 KB", "-", KOLACZKOWSKI, PEAK_RSS),
      new PublishedFigures("Rust kernel thread on a pipe", "≈ 9.5 KiB user + ≈ 10 KiB kernel",
          "py-threads, thread-pool (a thread each)", CONTEXT_SWITCH, PIPES),
      new PublishedFigures("Rust async task (tokio) on a pipe", "≈ 0.4 KiB",
          "async, py-asyncio (a task each)", CONTEXT_SWITCH, PIPES));
}
