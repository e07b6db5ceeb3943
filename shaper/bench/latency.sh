#!/usr/bin/env bash
# The shaper's latency accuracy under load (faremark.shaper.bench.LatencyBenchmark): connections
# through a latency toxic, each sending a small request every period; prints how far the added
# latency is from the toxic's at the median, p99 and maximum, and the shaper's own overhead with
# no toxic. README "Measured here" and docs/shaper.md show the results.
#
#   shaper/bench/latency.sh [-Dbench.connections=1000] [-Dbench.latencyMs=100] [-Dbench.periodMs=200]
#                           [-Dbench.seconds=10] [-Dbench.warmup=3] [-Dbench.bytes=64]
#
# Needs a JDK 21+ (JAVA_HOME or java on the PATH) and, to build, Maven. Builds the shaper's jar and
# test classes first if they are missing (BUILD=1 rebuilds). Every connection is two sockets in
# this JVM: the open-file limit of this shell is raised as far as it goes.
set -euo pipefail
cd "$(dirname "$0")/../.."

case "${1:-}" in
  -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

# JAVA_HOME when it is 21+, else the newest JDK 21+ under /usr/lib/jvm, else `java` (as ./faremark)
major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }
java_bin=""
for candidate in "${JAVA_HOME:-}/bin/java" $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV) java; do
  command -v "$candidate" >/dev/null 2>&1 || continue
  v=$(major "$candidate"); [ -n "$v" ] && [ "$v" -ge 21 ] && { java_bin=$candidate; break; }
done
[ -n "$java_bin" ] || { echo "latency.sh: needs a JDK 21 or newer (set JAVA_HOME)" >&2; exit 2; }
cp_file=shaper/target/bench-classpath.txt
if [[ "${BUILD:-0}" == 1 || ! -f "$cp_file" \
      || ! -f shaper/target/test-classes/faremark/shaper/bench/LatencyBenchmark.class ]]; then
  # -am builds what the shaper depends on from this tree (a fresh clone has none of it
  # installed); the test classpath holds the benchmark's own libraries (HdrHistogram)
  mvn -B -q -pl shaper -am package dependency:build-classpath -DskipTests -Dfaremark.skipExperiment \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
ulimit -Sn "$(ulimit -Hn)" 2>/dev/null || true

exec "$java_bin" --enable-native-access=ALL-UNNAMED "$@" \
  -cp "shaper/target/test-classes:shaper/target/classes:$(cat "$cp_file")" \
  faremark.shaper.bench.LatencyBenchmark
