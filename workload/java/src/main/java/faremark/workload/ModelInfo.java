package faremark.workload;

/** A Java model as listed to users: its id (used in YAML, CSV and reports) and what it does. */
public record ModelInfo(String id, String description) {}
