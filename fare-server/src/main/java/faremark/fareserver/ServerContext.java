package faremark.fareserver;

/** What every connection's handlers share: configuration, stats, caches and the limiters. */
record ServerContext(
    FareServerConfig config,
    StatsRecorder stats,
    PageCache pages,
    ConnectionLimiter connections,
    InFlightLimiter inFlight,
    Barrier barrier) {

  Limits limits() {
    return config.limits();
  }

  ServiceTime serviceTime() {
    return config.serviceTime();
  }
}
