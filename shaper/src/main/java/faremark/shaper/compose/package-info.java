/**
 * The network setup for docker-compose runs: a command-line tool shipped in shaper.jar, separate
 * from the proxy ({@code api}, {@code proxy}) and imported by none of it. It is a client of any
 * Toxiproxy API — compose runs it once against the real Toxiproxy — and puts there the network a
 * scenario's {@code network:} shorthands describe, through the toxic declarations and the one
 * shorthand expansion in {@link faremark.shaper.toxic} that the orchestrator uses too.
 */
package faremark.shaper.compose;
