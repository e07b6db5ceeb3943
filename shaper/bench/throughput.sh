#!/usr/bin/env bash
# The shaper's throughput beside a direct connection and a socat relay, in one interleaved run
# (faremark.shaper.bench.ProxyThroughput; docs/shaper.md shows the results and how to read them).
#
#   shaper/bench/throughput.sh [-Dbench.connections=100,10000] [-Dbench.rounds=5] [-Dbench.seconds=10] ...
#
# Needs wrk and socat (Debian: apt-get install -y wrk socat) and a JDK 21+ (JAVA_HOME or java on
# the PATH). Builds the fare server and shaper jars first if they are missing (BUILD=1 rebuilds).
# At 10,000 connections the shaper holds 20,000 sockets: the open-file limit of this shell is
# raised as far as it goes (root may raise the hard limit too).
set -euo pipefail
cd "$(dirname "$0")/../.."

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
for tool in wrk socat; do
  if ! command -v "$tool" >/dev/null; then
    echo "throughput.sh: $tool not found (Debian: apt-get install -y wrk socat)" >&2
    exit 2
  fi
done

if [[ "${BUILD:-0}" == 1 || ! -f fare-server/target/fare-server.jar || ! -f shaper/target/shaper.jar \
      || ! -f shaper/target/test-classes/faremark/shaper/bench/ProxyThroughput.class ]]; then
  mvn -B -q -pl fare-server,shaper -am package -DskipTests -Dfaremark.skipExperiment
fi

wanted=65536
if [[ "$(ulimit -Hn)" != unlimited && "$(ulimit -Hn)" -lt "$wanted" ]]; then
  ulimit -Hn "$wanted" 2>/dev/null || echo "throughput.sh: hard open-file limit stays $(ulimit -Hn)" >&2
fi
ulimit -Sn "$(ulimit -Hn)" 2>/dev/null || true

exec "$java_bin" --enable-native-access=ALL-UNNAMED "$@" -cp shaper/target/test-classes:shaper/target/shaper.jar \
  faremark.shaper.bench.ProxyThroughput
