package faremark.orchestrator.backend;

import faremark.orchestrator.network.NetworkShaping;
import java.net.URI;

/**
 * What every run of an experiment talks to: the fare server, the proxy in front of it with the
 * scenario's toxics, and the URL workloads are given for that proxy (as they see it, which on a
 * Docker network is not what this process sees).
 */
public record Stage(FareService server, NetworkShaping network, URI workloadTarget) {}
