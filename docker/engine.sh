#!/usr/bin/env bash
# Makes sure a Docker engine answers, for machines like CI's where none runs at boot:
#   1. an engine already answers (`docker info`): nothing to do;
#   2. else installs Debian's docker.io if dockerd is missing (apt-get);
#   3. starts dockerd in the background (log: $FAREMARK_DOCKERD_LOG) with --iptables=false:
#      faremark's tests use host networking and 127.0.0.1 only, and such machines often may not
#      change iptables; storage driver overlay2, or vfs where overlay2 cannot start (e.g. the
#      machine's own root is an overlay), tried in that order;
#   4. waits (bounded) until `docker info` answers.
# Prints what it did. Exit 0 when an engine answers, 1 when none could be had (the log says why).
#
# Environment (all optional):
#   DOCKER_HOST                    unix:// socket to use (default: dockerd's own default socket)
#   FAREMARK_DOCKERD_LOG           dockerd's log (default /var/log/faremark-dockerd.log)
#   FAREMARK_DOCKERD_DRIVERS       storage drivers to try, in order (default "overlay2 vfs")
#   FAREMARK_DOCKERD_ARGS          more dockerd arguments (e.g. --data-root /big/disk/docker)
#   FAREMARK_DOCKERD_WAIT_SECONDS  how long one start may take to answer (default 60)
# One engine per machine: a second dockerd (another DOCKER_HOST) fights the first over docker0
# (with --bridge=none it even deletes docker0, which the first engine's bridge network needs).
set -euo pipefail

LOG=${FAREMARK_DOCKERD_LOG:-/var/log/faremark-dockerd.log}
DRIVERS=${FAREMARK_DOCKERD_DRIVERS:-overlay2 vfs}
WAIT_SECONDS=${FAREMARK_DOCKERD_WAIT_SECONDS:-60}

say() { printf 'engine: %s\n' "$*"; }
answers() { docker info >/dev/null 2>&1; }
describe() { docker info --format 'Docker {{.ServerVersion}}, storage driver {{.Driver}}, cgroup {{.CgroupVersion}} ({{.CgroupDriver}})' 2>/dev/null; }

case "${1:-}" in
  -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
  "") ;;
  *) echo "engine: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac

if command -v docker >/dev/null && answers; then
  say "an engine already answers: $(describe); nothing started"
  exit 0
fi

if ! command -v dockerd >/dev/null || ! command -v docker >/dev/null; then
  [ "$(id -u)" = 0 ] || { say "dockerd is not installed and installing it needs root"; exit 1; }
  say "installing Debian's docker.io (apt-get)"
  apt-get update -qq
  # its postinst may try to start the service; without an init system that only warns
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io >/dev/null
  if answers; then say "docker.io's own service answers: $(describe)"; exit 0; fi
fi

host_args=()
case "${DOCKER_HOST:-}" in
  "") ;;
  unix://*) host_args=(-H "$DOCKER_HOST") ;;
  *) say "DOCKER_HOST=$DOCKER_HOST is not a unix socket and no engine answers there; not starting one"; exit 1 ;;
esac
# shellcheck disable=SC2206  # word splitting of the extra arguments is intended
extra_args=(${FAREMARK_DOCKERD_ARGS:-})
mkdir -p "$(dirname "$LOG")"

for driver in $DRIVERS; do
  say "starting dockerd --iptables=false --storage-driver=$driver ${host_args[*]} ${extra_args[*]} (log: $LOG)"
  printf '\n==== %s: dockerd --storage-driver=%s\n' "$(date -u +%FT%TZ)" "$driver" >> "$LOG"
  # nohup + setsid: the engine outlives this script and the CI step that ran it
  nohup setsid dockerd --iptables=false --storage-driver="$driver" "${host_args[@]}" "${extra_args[@]}" \
    >> "$LOG" 2>&1 < /dev/null &
  pid=$!
  # Waiting for an external daemon: poll its API, give up when it exits or the time is over.
  deadline=$((SECONDS + WAIT_SECONDS))
  while ! answers; do
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "dockerd (pid $pid) did not answer within ${WAIT_SECONDS}s; stopping it"
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null && answers; then
    say "started dockerd (pid $pid): $(describe)"
    exit 0
  fi
  say "dockerd with storage driver $driver did not come up; its last log lines:"
  tail -n 5 "$LOG" | sed 's/^/    /'
done

say "no Docker engine could be started (tried: $DRIVERS); see $LOG"
exit 1
