package faremark.shaper.proxy;

import faremark.shaper.toxic.Attributes;
import faremark.shaper.toxic.Direction;
import faremark.shaper.toxic.ResetPeer;
import faremark.shaper.toxic.ToxicCatalog;
import faremark.shaper.toxic.ToxicSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A proxy's toxics (Toxiproxy's ToxicCollection) and the live links they act on. A change is
 * applied to every open connection of its direction before the API call returns, as Toxiproxy
 * waits for its links; each link applies it on its own event loop.
 */
final class ToxicSet {
  private static final long APPLY_TIMEOUT_SECONDS = 10;

  private final List<ToxicSpec> toxics = new ArrayList<>();
  private final Set<Link> links = ConcurrentHashMap.newKeySet();

  /**
   * New connection: both links get the current toxics and from now on every change. Returns
   * whether a {@code reset_peer} toxic was among them: Toxiproxy then sets SO_LINGER 0 on both
   * sockets when the connection starts, so that any close of it is a reset.
   */
  synchronized boolean attach(Link up, Link down) {
    up.start(of(Direction.UPSTREAM));
    down.start(of(Direction.DOWNSTREAM));
    links.add(up);
    links.add(down);
    return toxics.stream().anyMatch(t -> t.toxic() instanceof ResetPeer);
  }

  void detach(Link link) {
    links.remove(link);
  }

  /** Upstream toxics first, then downstream, each in the order they were added (Toxiproxy's listing). */
  synchronized List<ToxicSpec> list() {
    List<ToxicSpec> listed = new ArrayList<>(toxics);
    listed.sort(Comparator.comparing(ToxicSpec::stream));
    return listed;
  }

  synchronized Optional<ToxicSpec> get(String name) {
    return toxics.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  ToxicSpec add(ToxicSpec spec) {
    List<CompletableFuture<?>> applied;
    synchronized (this) {
      if (get(spec.name()).isPresent()) {
        throw ApiException.toxicExists();
      }
      toxics.add(spec);
      applied = onLinks(spec.stream(), link -> link.addToxic(spec));
    }
    await(applied);
    return spec;
  }

  ToxicSpec update(String name, Optional<Float> toxicity, Attributes attributes) {
    List<CompletableFuture<?>> applied;
    ToxicSpec updated;
    synchronized (this) {
      ToxicSpec current = get(name).orElseThrow(ApiException::toxicNotFound);
      updated =
          current.with(
              toxicity.orElse(current.toxicity()), ToxicCatalog.update(current.toxic(), attributes));
      toxics.set(toxics.indexOf(current), updated);
      ToxicSpec change = updated;
      applied = onLinks(updated.stream(), link -> link.updateToxic(change));
    }
    await(applied);
    return updated;
  }

  void remove(String name) {
    List<CompletableFuture<?>> applied;
    synchronized (this) {
      ToxicSpec current = get(name).orElseThrow(ApiException::toxicNotFound);
      toxics.remove(current);
      applied = onLinks(current.stream(), link -> link.removeToxic(name));
    }
    await(applied);
  }

  void clear() {
    for (ToxicSpec spec : list()) {
      try {
        remove(spec.name());
      } catch (ApiException concurrentlyRemoved) {
        // Someone else removed it meanwhile: that is the state we want.
      }
    }
  }

  private List<ToxicSpec> of(Direction direction) {
    return toxics.stream().filter(t -> t.stream() == direction).toList();
  }

  private List<CompletableFuture<?>> onLinks(Direction direction, Consumer<Link> change) {
    List<CompletableFuture<?>> applied = new ArrayList<>();
    for (Link link : links) {
      if (link.direction() == direction) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        link.eventLoop()
            .execute(
                () -> {
                  try {
                    change.accept(link);
                    done.complete(null);
                  } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                  }
                });
        applied.add(done);
      }
    }
    return applied;
  }

  private static void await(List<CompletableFuture<?>> applied) {
    try {
      CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new))
          .get(APPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(500, "interrupted while applying the toxic change");
    } catch (ExecutionException | TimeoutException e) {
      throw new ApiException(500, "applying the toxic change to open connections failed: " + e);
    }
  }
}
