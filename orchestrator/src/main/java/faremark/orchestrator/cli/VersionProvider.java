package faremark.orchestrator.cli;

import picocli.CommandLine.IVersionProvider;

/** faremark's version from the jar manifest; "development build" when run from classes. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = FaremarkCli.class.getPackage().getImplementationVersion();
    return new String[] {
      "faremark " + (version == null ? "(development build)" : version),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
    };
  }
}
