package faremark.shaper.proxy;

import faremark.shaper.Transport;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * All proxies by name (Toxiproxy's ProxyCollection): names are unique, listings are sorted by name
 * as Go's JSON encoder sorts map keys.
 */
public final class ProxyRegistry implements AutoCloseable {
  private final EventLoopGroup group;
  private final Transport transport;
  private final RandomGenerator random;
  private final TreeMap<String, ProxyServer> proxies = new TreeMap<>();

  /** One proxy of a create or populate request. */
  public record ProxyInput(String name, String listen, String upstream, boolean enabled) {}

  /** @param random every toxic draw on every proxy (see {@link faremark.shaper.toxic.LinkContext#random}) */
  public ProxyRegistry(EventLoopGroup group, Transport transport, RandomGenerator random) {
    this.group = group;
    this.transport = transport;
    this.random = random;
  }

  public synchronized List<ProxyServer> all() {
    return List.copyOf(proxies.values());
  }

  public synchronized ProxyServer get(String name) {
    ProxyServer proxy = proxies.get(name);
    if (proxy == null) {
      throw ApiException.proxyNotFound();
    }
    return proxy;
  }

  public synchronized ProxyServer create(ProxyInput input) {
    validate(input, "");
    if (proxies.containsKey(input.name())) {
      throw ApiException.proxyExists();
    }
    ProxyServer proxy = newProxy(input);
    if (input.enabled()) {
      proxy.start();
    }
    proxies.put(input.name(), proxy);
    return proxy;
  }

  /**
   * Toxiproxy's populate: the whole request is validated first; then each proxy is added, or
   * replaces one of the same name whose addresses differ (an identical one is kept as is).
   */
  public synchronized List<ProxyServer> populate(List<ProxyInput> inputs) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < inputs.size(); i++) {
      ProxyInput input = inputs.get(i);
      validate(input, " at proxy " + (i + 1));
      if (!names.add(input.name())) {
        throw new ApiException(500, "duplicate proxy name \"" + input.name() + "\"");
      }
    }
    List<ProxyServer> result = new ArrayList<>();
    for (ProxyInput input : inputs) {
      ProxyServer existing = proxies.get(input.name());
      if (existing != null) {
        if (existing.listen().equals(input.listen())
            && existing.upstream().equals(input.upstream())) {
          result.add(existing);
          continue;
        }
        existing.stop();
        proxies.remove(input.name());
      }
      ProxyServer proxy = newProxy(input);
      if (input.enabled()) {
        proxy.start();
      }
      proxies.put(input.name(), proxy);
      result.add(proxy);
    }
    return result;
  }

  public synchronized void delete(String name) {
    ProxyServer proxy = get(name);
    proxy.stop();
    proxies.remove(name);
  }

  /** Every proxy enabled again and stripped of its toxics. */
  public void reset() {
    for (ProxyServer proxy : all()) {
      proxy.start();
      proxy.toxicApi().clear();
    }
  }

  @Override
  public synchronized void close() {
    for (ProxyServer proxy : proxies.values()) {
      proxy.stop();
    }
    proxies.clear();
  }

  private ProxyServer newProxy(ProxyInput input) {
    return new ProxyServer(input.name(), input.listen(), input.upstream(), group, transport, random);
  }

  private static void validate(ProxyInput input, String where) {
    if (input.name() == null || input.name().isEmpty()) {
      throw ApiException.missingField("name" + where);
    }
    if (input.upstream() == null || input.upstream().isEmpty()) {
      throw ApiException.missingField("upstream" + where);
    }
  }
}
