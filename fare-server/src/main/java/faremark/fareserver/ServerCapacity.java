package faremark.fareserver;

import faremark.contract.DataSize;

/**
 * The most the fare server is built to serve, in one place, so that a scenario is refused before
 * anything starts ({@code faremark validate}) instead of failing half-way through a run.
 */
public final class ServerCapacity {
  private ServerCapacity() {}

  /**
   * Days {@code GET /expected} answers at most. It was ten years (3,660), which stopped a job of
   * one request per slot at 5,000 or 10,000 in flight. The answer is computed inline on one event
   * loop, a page per day, so its cost is days × payload (bounded on its own by the orchestrator's
   * days × payload check, 1 GiB within the 60 s the answer may take); this bound keeps the answer
   * itself (~120 bytes of JSON per day, ~12 MB here) and the workloads' per-day state small, and
   * turns a mistyped days into a clear 400 instead of hours of generation. 100,000 days is ten
   * times the largest sweep shipped (10,000 in flight).
   */
  public static final int MAX_DAYS = 100_000;

  /**
   * The generated-page cache's budget ({@link PageCache}). A page is generated once and served
   * from the cache after that; a page bigger than the whole budget is never cached, so it would
   * be generated again for every request, on the event loop that also serves other connections.
   */
  public static final DataSize PAGE_CACHE = DataSize.ofBytes(PageCache.DEFAULT_MAX_BYTES);

  /**
   * The largest page: the cache's budget. Generating one allocates about 11 times the page
   * (fare objects, a UTF-16 builder, the string, the bytes), so a 64 MiB page costs ~700 MiB of
   * allocation and took 1.4-4.4 s on a busy 2-core machine; and Java cannot make a page of
   * 1 GiB or more at all (a UTF-16 string holds at most 2^30 characters).
   */
  public static final DataSize MAX_PAYLOAD = PAGE_CACHE;
}
