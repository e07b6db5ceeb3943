package faremark.orchestrator.backend.docker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engines an experiment is spread over: {@code --docker-hosts} or, without it, {@code
 * FAREMARK_DOCKER_HOSTS}, each a comma-separated list of addresses. They are the user's, never a
 * scenario's: a scenario file travels between people and machines, engines do not. Empty when
 * neither is given: the one engine Testcontainers' discovery finds, as before.
 */
public final class EngineHosts {
  public static final String VARIABLE = "FAREMARK_DOCKER_HOSTS";
  public static final String OPTION = "--docker-hosts";

  private EngineHosts() {}

  /**
   * @param option the option's value, if given (it wins over the variable)
   * @throws EngineAddress.BadAddress naming the option or variable and the address
   */
  public static List<EngineAddress> of(Optional<String> option, Map<String, String> env,
      boolean allowInsecure) throws EngineAddress.BadAddress {
    String where = option.isPresent() ? OPTION : VARIABLE;
    Optional<String> text = option.or(() -> Optional.ofNullable(env.get(VARIABLE)))
        .map(String::strip).filter(s -> !s.isEmpty());
    if (text.isEmpty()) {
      if (option.isPresent()) {
        throw new EngineAddress.BadAddress(OPTION + ": expected one or more engine addresses,"
            + " comma-separated, e.g. unix:///var/run/docker.sock,tcp://10.0.0.2:2376; got nothing");
      }
      return List.of();
    }
    List<EngineAddress> hosts = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String part : text.get().split(",", -1)) {
      if (part.isBlank()) {
        throw new EngineAddress.BadAddress(where + ": an empty address in '" + text.get() + "'");
      }
      EngineAddress address = EngineAddress.parse(part, where, env, allowInsecure);
      if (!seen.add(address.toString())) {
        // Two lanes on one engine would share its CPUs, which one run per engine exists to avoid.
        throw new EngineAddress.BadAddress(where + ": " + address + " is named twice; each engine"
            + " runs one run at a time, so name each once");
      }
      hosts.add(address);
    }
    return List.copyOf(hosts);
  }
}
