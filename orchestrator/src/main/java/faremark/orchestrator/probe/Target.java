package faremark.orchestrator.probe;

/** Whose cgroup the probe samples: what its command line names. */
sealed interface Target {
  /** What the protocol's hello line carries in its id field. */
  String id();

  /**
   * The docker backend's form: a container the probe is started beside, named by its id.
   *
   * @param id the run container's full id (hex digits)
   */
  record Container(String id) implements Target {}

  /**
   * The Kubernetes backend's form: the probe is a sidecar in the run's pod and samples the
   * container that starts after it, found under the pod's cgroup without asking the API server.
   *
   * @param podUid the pod's {@code metadata.uid}
   */
  record PodMember(String podUid) implements Target {
    @Override
    public String id() {
      return podUid;
    }
  }
}
