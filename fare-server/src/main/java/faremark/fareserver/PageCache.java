package faremark.fareserver;

import faremark.contract.FareGenerator;
import faremark.contract.Route;
import java.time.LocalDate;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generated pages, bounded by their total size, so that generation is never what limits the
 * server: a run asks for the same few hundred days again and again. Reads are lock-free (any
 * event loop); eviction is first-in-first-out, which is as good as LRU for that access pattern
 * and needs no bookkeeping on a hit. Two loops missing the same day at once both generate it;
 * the page is deterministic, so either copy is right.
 */
final class PageCache {
  /** Default budget: a few thousand 8 KiB pages, a small part of a default heap. */
  static final long DEFAULT_MAX_BYTES = 64L << 20;

  private record Key(Route route, LocalDate date) {}

  private final FareGenerator generator;
  private final long maxBytes;
  private final ConcurrentHashMap<Key, byte[]> pages = new ConcurrentHashMap<>();
  private final Queue<Key> insertionOrder = new ConcurrentLinkedQueue<>();
  private final AtomicLong bytes = new AtomicLong();

  PageCache(FareGenerator generator, long maxBytes) {
    this.generator = generator;
    this.maxBytes = maxBytes;
  }

  FareGenerator generator() {
    return generator;
  }

  /** The exact bytes to serve for this day; callers must not modify the array. */
  byte[] page(Route route, LocalDate date) {
    Key key = new Key(route, date);
    byte[] page = pages.get(key);
    if (page != null) {
      return page;
    }
    page = generator.day(route, date).json();
    if (page.length > maxBytes) {
      return page;
    }
    byte[] raced = pages.putIfAbsent(key, page);
    if (raced != null) {
      return raced;
    }
    insertionOrder.add(key);
    bytes.addAndGet(page.length);
    evictOverBudget();
    return page;
  }

  long sizeBytes() {
    return bytes.get();
  }

  int size() {
    return pages.size();
  }

  private void evictOverBudget() {
    while (bytes.get() > maxBytes) {
      Key oldest = insertionOrder.poll();
      if (oldest == null) {
        return;
      }
      byte[] evicted = pages.remove(oldest);
      if (evicted != null) {
        bytes.addAndGet(-evicted.length);
      }
    }
  }
}
