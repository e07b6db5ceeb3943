#!/usr/bin/env sh
# Cold start of the Java models, measured by hand: a fare server and the shaper (article.yaml's
# network: 90 ms service time, 8 KiB pages, a 100 ms latency toxic on each stream), then for
# every repetition and model one JVM that runs the model's job WAVES times (WaveProbe: wave 1 is
# the cold run a faremark run measures, later waves the same job in a warm JVM).
#
#   bench/coldstart/run.sh OUT_DIR [REPS] [MODELS] [WAVES]
#     OUT_DIR   where waves.jsonl (one line per wave, with the machine's load) is appended
#     REPS      repetitions per model (default 6)
#     MODELS    comma-separated Java models (default sequential,thread-pool,virtual-threads,async);
#               "client" is the JDK HttpClient alone (ClientProbe: odd waves a new client, even
#               waves the same client again, so new minus same is the cost of 100 new connections)
#     WAVES     waves per JVM (default 3)
#   environment:
#     JVM_OPTS  extra flags for the measured JVM (e.g. "-XX:TieredStopAtLevel=1"); recorded
#     VARIANT   a label for this configuration (default "default"); recorded
#     CACHE     none (default) | appcds | aot: first a training JVM per model (the same job, 2 waves)
#               writes a dynamic CDS archive (-XX:ArchiveClassesAtExit) or a JDK 25 AOT cache
#               (-XX:AOTCacheOutput) to OUT_DIR, then every measured JVM of that model uses it
#     JFR=1     record each measured JVM with JFR (settings: the JDK's profile + class loading,
#               every compilation, 1 ms execution samples, socket I/O) into OUT_DIR/jfr/; split
#               a recording by phase with jfr_phases.py. JFR costs start-up time itself: use it
#               to see where time goes, not for the timings
#     CLASSLOG=1 -Xlog:class+load into OUT_DIR/jfr/*.classes.log (wall-clock ms decorations)
#     DIRECT=1  send to the fare server directly instead of through the proxy
#     PY_MODELS comma-separated Python models to run the same way (wave_probe.py), e.g. py-asyncio
#     PYTHON    the interpreter with the models' libraries (default /usr/bin/python3, as the
#               orchestrator's discovery finds Debian's; else python3)
#     PORT_BASE first of three loopback ports used (default 27180: server, +1 proxy, +394 API);
#               pick another one where something else may use those
#
# Needs: a built tree (mvn -B -q -o package -DskipTests -Dfaremark.skipExperiment), a JDK 21+
# (JAVA_HOME or the newest under /usr/lib/jvm), curl, python3. Everything it starts is stopped
# on exit; a probe that fails stops the run. Summarise with:
#   python3 bench/coldstart/summarize.py OUT_DIR/waves.jsonl [--cpu]
# What it measured and found: docs/cold-start.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:?usage: run.sh OUT_DIR [REPS] [MODELS] [WAVES]}
reps=${2:-6}
models=${3:-sequential,thread-pool,virtual-threads,async}
waves=${4:-3}
variant=${VARIANT:-default}
base=${PORT_BASE:-27180}
server_port=$base
proxy_port=$((base + 1))
api_port=$((base + 394))
mkdir -p "$out"
out=$(cd "$out" && pwd)

java=""
for candidate in "${JAVA_HOME:-}/bin/java" $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -r) java; do
  command -v "$candidate" >/dev/null 2>&1 || continue
  v=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1)
  [ -n "$v" ] && [ "$v" -ge 21 ] && { java=$candidate; break; }
done
[ -n "$java" ] || { echo "run.sh: needs a JDK 21+" >&2; exit 2; }
javac=$(dirname "$java")/javac

# The measured JVM's classpath: the same jars the orchestrator gives a Java workload
# (WorkloadClasspath), taken from the build's classpath file.
cp=$(tr ':' '\n' < "$root/orchestrator/target/classpath.txt" \
  | grep -E 'faremark-workload-java|faremark-contract|jackson-(databind|core|annotations|datatype-jsr310)-|HdrHistogram' \
  | paste -sd: -)
# A jar, not a folder: CDS and the AOT cache archive classes from jars only. Rebuilt only when
# the sources changed, since an archive is valid only for the jars (and mtimes) it was made with.
probe="$out/probe.jar"
if [ ! -f "$probe" ] || [ "$here/WaveProbe.java" -nt "$probe" ] || [ "$here/ClientProbe.java" -nt "$probe" ]; then
  classes="$out/probe-classes"
  mkdir -p "$classes"
  "$javac" -d "$classes" -cp "$cp" "$here/WaveProbe.java" "$here/ClientProbe.java"
  "$(dirname "$java")/jar" --create --file "$probe" -C "$classes" .
fi

if [ "${JFR:-0}" = 1 ] || [ "${CLASSLOG:-0}" = 1 ]; then
  mkdir -p "$out/jfr"
fi
if [ "${JFR:-0}" = 1 ] && [ ! -f "$out/coldstart.jfc" ]; then
  "$(dirname "$java")/jfr" configure --input profile --output "$out/coldstart.jfc" \
    method-profiling=max jdk.ClassLoad#enabled=true jdk.ClassLoad#threshold=0ms \
    jdk.ClassDefine#enabled=true jdk.Compilation#threshold=0ms jdk.SocketRead#threshold=0ms \
    jdk.SocketWrite#threshold=0ms jdk.ThreadPark#threshold=1ms >/dev/null
fi

pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

"$java" -jar "$root/fare-server/target/fare-server.jar" --port "$server_port" \
  --service-time 90ms --payload 8KiB --seed 42 > "$out/fare-server.log" 2>&1 &
pids="$pids $!"
"$java" --enable-native-access=ALL-UNNAMED -jar "$root/shaper/target/shaper.jar" \
  -port "$api_port" > "$out/shaper.log" 2>&1 &
pids="$pids $!"
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$api_port/version" >/dev/null 2>&1 \
    && curl -s -o /dev/null "http://127.0.0.1:$server_port/" 2>/dev/null && break
  sleep 0.2
done
api="http://127.0.0.1:$api_port"
curl -sf -X POST "$api/proxies" \
  -d "{\"name\":\"fares\",\"listen\":\"127.0.0.1:$proxy_port\",\"upstream\":\"127.0.0.1:$server_port\"}" >/dev/null
for stream in upstream downstream; do
  curl -sf -X POST "$api/proxies/fares/toxics" \
    -d "{\"name\":\"rtt_$stream\",\"type\":\"latency\",\"stream\":\"$stream\",\"toxicity\":1.0,\"attributes\":{\"latency\":100,\"jitter\":0}}" >/dev/null
done
target="http://127.0.0.1:$proxy_port"
[ "${DIRECT:-0}" = 1 ] && target="http://127.0.0.1:$server_port"

# Server and proxy are long-running JVMs in a real experiment too: warm them before measuring,
# so that only the workload is cold.
"$java" -cp "$probe" ClientProbe "$target" 100 6 200 > "$out/server-warmup.jsonl"

spec_for() {
  cat > "$out/spec-$1.json" <<EOF
{"model":"$1","target":"$target","route":{"from":"PRG","to":"BRQ"},"startDate":"2018-06-01",
 "days":100,"concurrency":100,"connections":"shared","poolSize":100,"connectTimeoutMs":5000,
 "requestTimeoutMs":30000,"processes":10,"options":{},"retries":0}
EOF
  echo "$out/spec-$1.json"
}

record() { # model rep load line
  printf '{"variant":"%s","jvmOpts":"%s","cache":"%s","direct":%s,"rep":%s,"load1":%s,"probe":%s}\n' \
    "$variant" "${JVM_OPTS:-}" "${CACHE:-none}" "${DIRECT:-0}" "$2" "$3" "$4" >> "$out/waves.jsonl"
}

py_root="$root/workload/python/src/main/python"
python=${PYTHON:-}
[ -n "$python" ] || { [ -x /usr/bin/python3 ] && python=/usr/bin/python3 || python=python3; }
for rep in $(seq 1 "$reps"); do
  for model in $(echo "$models" | tr ',' ' ') $(echo "${PY_MODELS:-}" | tr ',' ' '); do
    spec=$(spec_for "$model")
    # The proxy must still be ours and as configured (a shared machine may run other proxies).
    curl -sf "$api/proxies/fares" | grep -q "\"listen\":\"127.0.0.1:$proxy_port\"" \
      || { echo "run.sh: the proxy at $api is no longer the one this script set up" >&2; exit 3; }
    load=$(cut -d' ' -f1 /proc/loadavg)
    cache_opts=""
    case "${CACHE:-none}:$model" in
      none:*|*:py-*|*:client) ;;
      appcds:*) cache_opts="-XX:SharedArchiveFile=$out/appcds-$model.jsa"
        [ -f "$out/appcds-$model.jsa" ] || "$java" ${JVM_OPTS:-} -XX:ArchiveClassesAtExit="$out/appcds-$model.jsa" \
          -cp "$cp:$probe" WaveProbe "$spec" 2 200 >/dev/null 2>>"$out/stderr.log" ;;
      aot:*) cache_opts="-XX:AOTCache=$out/aot-$model.aot"
        [ -f "$out/aot-$model.aot" ] || "$java" ${JVM_OPTS:-} -XX:AOTCacheOutput="$out/aot-$model.aot" \
          -cp "$cp:$probe" WaveProbe "$spec" 2 200 >/dev/null 2>>"$out/stderr.log" ;;
      *) echo "run.sh: CACHE must be none, appcds or aot" >&2; exit 2 ;;
    esac
    trace_opts=""
    tag="$out/jfr/$variant-$model-r$rep"
    [ "${JFR:-0}" = 1 ] && trace_opts="-XX:StartFlightRecording:filename=$tag.jfr,settings=$out/coldstart.jfc"
    [ "${CLASSLOG:-0}" = 1 ] && trace_opts="$trace_opts -Xlog:class+load=info:file=$tag.classes.log:timemillis"
    failed() { echo "run.sh: $variant $model rep $rep failed; see $out/stderr.log" >&2; exit 1; }
    case "$model" in
      client) # shellcheck disable=SC2086
         lines=$("$java" ${JVM_OPTS:-} $trace_opts -cp "$probe" ClientProbe "$target" 100 "$waves" 1000 2>>"$out/stderr.log") || failed ;;
      py-*) lines=$(PYTHONPATH="$py_root" "$python" "$here/wave_probe.py" "$model" "$spec" "$waves" 2>>"$out/stderr.log") || failed ;;
      *) # shellcheck disable=SC2086
         lines=$("$java" ${JVM_OPTS:-} $cache_opts $trace_opts -cp "$cp:$probe" WaveProbe "$spec" "$waves" 1000 2>>"$out/stderr.log") || failed ;;
    esac
    [ -n "$trace_opts" ] && echo "$lines" > "$tag.jsonl"
    echo "$lines" | grep '"wave"' | while IFS= read -r line; do record "$model" "$rep" "$load" "$line"; done
    echo "$variant $model rep $rep (load $load): $(echo "$lines" | grep '"wave"' | sed 's/.*"requestPhaseUs":\([0-9]*\).*/\1/' | tr '\n' ' ')us"
  done
done
