package faremark.orchestrator.results.sweep;

/**
 * One run as a data point of a fit: its sweep point's position and target value (x, e.g. requests
 * in flight) and the run's figure (y, in the figure's unit). One fresh run is one data point;
 * the memory samples within a run never are.
 */
record Observation(String runId, int point, double x, double y) {}
