#!/bin/sh
# run-model.sh [MODEL] — docker-compose's entry point for one faremark workload run, in the
# workload image it runs in (the java service's or the python service's).
#
# Writes the workload spec (contract.WorkloadSpec as JSON, the same file an orchestrator run
# keeps as runs/<run>/spec.json) from FAREMARK_* variables, then execs the model, which prints
# its `ready` and `done` event lines on stdout. The `done` line is the run's result. Everything
# this script says goes to stderr, so stdout carries the events only.
#
# The model is the argument, else FAREMARK_MODEL. Which launcher runs it is the image's: the Java
# image holds workload-java.jar, the Python one run_model.py (FAREMARK_WORKLOAD_DIR, default
# /opt/faremark, says where; tests point it elsewhere). The model's own program checks the id
# against its registry, so this script knows no model by name: a new model needs no change here.
# The launch lines are the orchestrator's docker backend's (RunModelScriptTest holds them equal).
# Exit code: the model's (0 every request succeeded, 1 some failed, 2 bad spec or unknown model,
# 3 crashed); 2 from this script when a variable is not what it should be (nothing was started).
set -eu
set -f # FAREMARK_JVM_ARGS is split on spaces, never globbed

say() { echo "run-model: $*" >&2; }
fail() { say "$*"; exit 2; }

[ $# -le 1 ] || fail "usage: run-model.sh [model id] (or FAREMARK_MODEL), e.g. virtual-threads or py-asyncio"
model=${1:-${FAREMARK_MODEL:-}}
case $model in
  '') fail "FAREMARK_MODEL: expected a model id (./faremark models lists them), e.g." \
      "FAREMARK_MODEL=virtual-threads docker compose --profile java up" ;;
  *[!a-z0-9-]*) fail "FAREMARK_MODEL: expected a model id of lower-case letters, digits and '-', got '$model'" ;;
esac
home=${FAREMARK_WORKLOAD_DIR:-/opt/faremark}
if [ -f "$home/workload-java.jar" ]; then
  language=java
elif [ -f "$home/python/run_model.py" ]; then
  language=python
else
  fail "neither $home/workload-java.jar nor $home/python/run_model.py: not a faremark workload image"
fi

# whole NAME VALUE MIN: VALUE must be a whole number >= MIN.
whole() {
  case $2 in
    '' | *[!0-9]*) fail "$1: expected a whole number >= $3, got '$2'" ;;
  esac
  [ "$2" -ge "$3" ] || fail "$1: expected a whole number >= $3, got '$2'"
  printf '%s' "$2" | sed 's/^0*\([0-9]\)/\1/'
}

# millis NAME VALUE: a duration written 500ms, 5s or 2m, as whole milliseconds.
millis() {
  case $2 in
    *ms) n=${2%ms} unit=1 ;;
    *s) n=${2%s} unit=1000 ;;
    *m) n=${2%m} unit=60000 ;;
    *) fail "$1: expected a duration such as 500ms, 5s or 2m, got '$2'" ;;
  esac
  case $n in
    '' | *[!0-9]*) fail "$1: expected a duration such as 500ms, 5s or 2m (whole numbers), got '$2'" ;;
  esac
  echo $((n * unit))
}

# oneof NAME VALUE CHOICE...: VALUE must be one of the choices.
oneof() {
  name=$1 value=$2
  shift 2
  for choice in "$@"; do
    [ "$value" = "$choice" ] && { printf '%s' "$value"; return 0; }
  done
  fail "$name: expected one of $*, got '$value'"
}

# code NAME VALUE: a station code as contract.Route takes it.
code() {
  case $2 in
    '' | [!A-Za-z0-9]* | *[!A-Za-z0-9_-]*) fail "$1: expected a station code such as PRG, got '$2'" ;;
  esac
  printf '%s' "$2"
}

from=$(code FAREMARK_FROM "${FAREMARK_FROM:-PRG}")
to=$(code FAREMARK_TO "${FAREMARK_TO:-BRQ}")
start=${FAREMARK_START_DATE:-2018-06-01}
case $start in
  [0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]) ;;
  *) fail "FAREMARK_START_DATE: expected a date YYYY-MM-DD, got '$start'" ;;
esac
days=$(whole FAREMARK_DAYS "${FAREMARK_DAYS:-100}" 1)
concurrency=$(whole FAREMARK_CONCURRENCY "${FAREMARK_CONCURRENCY:-100}" 1)
connections=$(oneof FAREMARK_CONNECTIONS "${FAREMARK_CONNECTIONS:-shared}" shared per-request)
# The orchestrator's default pool size is the concurrency: every in-flight request can have
# its connection.
pool_size=$(whole FAREMARK_POOL_SIZE "${FAREMARK_POOL_SIZE:-$concurrency}" 1)
connect_ms=$(millis FAREMARK_CONNECT_TIMEOUT "${FAREMARK_CONNECT_TIMEOUT:-5s}")
request_ms=$(millis FAREMARK_REQUEST_TIMEOUT "${FAREMARK_REQUEST_TIMEOUT:-30s}")
processes=$(whole FAREMARK_PROCESSES "${FAREMARK_PROCESSES:-10}" 0)
retries=$(whole FAREMARK_RETRIES "${FAREMARK_RETRIES:-0}" 0)
target=${FAREMARK_TARGET:?FAREMARK_TARGET: expected the proxy URL, e.g. http://toxiproxy:8666}
case $target in
  http://*) ;;
  *) fail "FAREMARK_TARGET: expected an http:// URL, got '$target'" ;;
esac

case $language in
  python)
    # The Python models' own knobs, as a scenario's python: section passes them.
    per_host=$(whole FAREMARK_PY_AIOHTTP_LIMIT_PER_HOST "${FAREMARK_PY_AIOHTTP_LIMIT_PER_HOST:-0}" 0)
    block=$(oneof FAREMARK_PY_REQUESTS_POOL_BLOCK "${FAREMARK_PY_REQUESTS_POOL_BLOCK:-false}" true false)
    gevent=$(whole FAREMARK_PY_GEVENT_POOL_SIZE "${FAREMARK_PY_GEVENT_POOL_SIZE:-0}" 0)
    method=$(oneof FAREMARK_PY_START_METHOD "${FAREMARK_PY_START_METHOD:-fork}" fork spawn forkserver)
    options="{\"aiohttpLimitPerHost\": $per_host, \"requestsPoolBlock\": $block"
    [ "$gevent" -gt 0 ] && options="$options, \"geventPoolSize\": $gevent"
    options="$options, \"startMethod\": \"$method\"}"
    ;;
  java) options="{}" ;;
esac

spec=${TMPDIR:-/tmp}/spec.json
cat >"$spec" <<EOF
{
  "model": "$model",
  "target": "$target",
  "route": {"from": "$from", "to": "$to"},
  "startDate": "$start",
  "days": $days,
  "concurrency": $concurrency,
  "connections": "$connections",
  "poolSize": $pool_size,
  "connectTimeoutMs": $connect_ms,
  "requestTimeoutMs": $request_ms,
  "processes": $processes,
  "options": $options,
  "retries": $retries
}
EOF
say "spec $spec:"
cat "$spec" >&2

case $language in
  python)
    # The interpreter is the model's: pypy-* models are the py-* modules run by PyPy
    # (models.json's implementations), as the orchestrator launches them.
    case $model in
      pypy-*) python=pypy3 ;;
      *) python=python3 ;;
    esac
    command -v "$python" >/dev/null 2>&1 \
      || fail "$model runs on $python, which this image lacks (the compose python service is CPython's;" \
        "the docker backend runs pypy-* models in its PyPy workload image)"
    say "$python $home/python/run_model.py $model --spec $spec"
    exec "$python" "$home/python/run_model.py" "$model" --spec "$spec"
    ;;
  java)
    # shellcheck disable=SC2086 # word splitting of the JVM options is wanted
    say "java ${FAREMARK_JVM_ARGS:-} -jar $home/workload-java.jar --spec $spec"
    # shellcheck disable=SC2086
    exec java ${FAREMARK_JVM_ARGS:-} -jar "$home/workload-java.jar" --spec "$spec"
    ;;
esac
