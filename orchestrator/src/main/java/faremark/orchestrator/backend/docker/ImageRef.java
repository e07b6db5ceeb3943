package faremark.orchestrator.backend.docker;

/**
 * An image the experiment uses, with where it came from, as environment.json records it.
 *
 * @param reference what containers are created from, e.g. {@code faremark/fare-server:3f2a…}
 * @param id the engine's image id ({@code sha256:…}): the exact bits that ran
 * @param source how it was chosen or made, e.g. "offline base", "built from fare-server/Dockerfile"
 */
public record ImageRef(String reference, String id, String source) {}
