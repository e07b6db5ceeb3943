#!/usr/bin/env bash
# The shaper's throughput beside a direct connection and a socat relay, in one interleaved run
# (faremark.shaper.bench.ProxyThroughput; docs/shaper.md shows the results and how to read them).
#
#   shaper/bench/throughput.sh [-Dbench.connections=100,10000] [-Dbench.rounds=5] [-Dbench.seconds=10] ...
#
# Needs wrk and socat (Debian: apt-get install -y wrk socat) and a JDK 21+ (JAVA_HOME or java on
# the PATH). Builds the fare server and shaper jars first if they are missing (BUILD=1 rebuilds).
# At 10,000 connections the shaper holds 20,000 sockets besides its own few dozen descriptors: the
# open-file limit of the processes it starts is raised as far as it goes (above the hard limit
# only as root with CAP_SYS_RESOURCE); where it stays too low, a count the shaper cannot hold falls
# back to the most it can, and the output says so.
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

# The limit every process started below inherits (the fare server, the shapers, the relays).
wanted=65536
nr_open="$(cat /proc/sys/fs/nr_open 2>/dev/null || echo "$wanted")"
if (( nr_open < wanted )); then wanted="$nr_open"; fi
hard="$(ulimit -Hn)"
if [[ "$hard" != unlimited && "$hard" -lt "$wanted" ]]; then
  if [[ "$(id -u)" != 0 ]]; then
    echo "throughput.sh: the hard open-file limit stays $hard: raising it needs root"
  elif ulimit -Hn "$wanted" 2>/dev/null; then
    echo "throughput.sh: raised the hard open-file limit from $hard to $wanted (root) for the processes this script starts"
  else
    # Root without CAP_SYS_RESOURCE (bit 24 of CapEff), as in many containers and VMs.
    eff="$(awk '/^CapEff:/ {print $2}' /proc/self/status 2>/dev/null || echo 0)"
    if (( (0x${eff:-0} >> 24 & 1) == 0 )); then
      why="this root has no CAP_SYS_RESOURCE"
    else
      why="refused"
    fi
    echo "throughput.sh: the hard open-file limit stays $hard: raising it to $wanted was refused ($why)"
  fi
fi
soft="$(ulimit -Sn)"
if [[ "$soft" != "$(ulimit -Hn)" ]] && ulimit -Sn "$(ulimit -Hn)" 2>/dev/null; then
  echo "throughput.sh: raised the soft open-file limit from $soft to $(ulimit -Sn)"
fi
file_max="$(cat /proc/sys/fs/file-max 2>/dev/null || echo 0)"
if (( file_max > 0 && file_max < 100000 )); then
  echo "throughput.sh: fs.file-max is $file_max: 10,000 connections take about 60,000 descriptors" \
    "on the machine (client, fare server, relay or shaper)"
fi

exec "$java_bin" --enable-native-access=ALL-UNNAMED "$@" -cp shaper/target/test-classes:shaper/target/shaper.jar \
  faremark.shaper.bench.ProxyThroughput
