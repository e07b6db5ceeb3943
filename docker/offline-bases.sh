#!/usr/bin/env bash
# Builds faremark's base images without any image registry, for machines (CI, air-gapped labs)
# where `docker pull` cannot work:
#   faremark/base-jre:offline     Debian bookworm minbase + a jlink-made JRE in /opt/java/jre
#   faremark/base-python:offline  Debian bookworm minbase + python3, requests, aiohttp, gevent
#   faremark/base-pypy:offline    Debian bookworm minbase + pypy3 and requests (PyPy 7.3.11,
#                                 Python 3.9: the requests-based Python models beside CPython)
# All come from Debian packages (debootstrap) and the JDK installed here, and are imported with
# `docker import`. The project's Dockerfiles take them as JRE_IMAGE / PYTHON_IMAGE build args;
# the PyPy base runs `pypy3` (its `python3`, there as a dependency of python3-requests, is CPython).
set -euo pipefail

JRE_TAG=faremark/base-jre:offline
PYTHON_TAG=faremark/base-python:offline
PYPY_TAG=faremark/base-pypy:offline
SUITE=bookworm
# The Debian mirror: $DEBIAN_MIRROR, else the one this machine's apt already uses for $SUITE
# (found below by apt_mirror), so a lab's configured mirror works with no flag.
APT_SOURCES=${APT_SOURCES:-/etc/apt}

# Modules of the jlink JRE. From `jdeps --print-module-deps --ignore-missing-deps
# --multi-release 25` on fare-server.jar, shaper.jar and workload-java.jar (their union):
#   java.base, java.net.http (workload's HttpClient; contract FailureCause), java.management
#   (workload: RuntimeMXBean for the multi-process model's child JVMs), java.naming and jdk.jfr
#   (Netty: SSL helpers, buffer events), java.sql (Jackson's date (de)serializers name
#   java.sql classes), java.desktop (Jackson's Java7SupportImpl uses java.beans), and
#   jdk.unsupported (Netty and its JCTools queues use sun.misc.Unsafe at run time).
# jlink adds what these require (java.xml, java.logging, java.prefs, ...). When the jars are
# built, check_modules below re-runs jdeps and warns if a jar has started to need another module.
JRE_MODULES=java.base,java.desktop,java.management,java.naming,java.net.http,java.sql,jdk.jfr,jdk.unsupported
# Debian packages of the Python base: the article's libraries, from Debian because PyPI is not
# reachable on such machines (bookworm's python3 is 3.11; the Python models support it).
PYTHON_PACKAGES=(python3 python3-requests python3-aiohttp python3-gevent)
# Debian packages of the PyPy base. Debian's pypy3 has /usr/lib/python3/dist-packages on its
# sys.path, so it loads the pure-Python requests (and urllib3, idna, charset-normalizer) that
# python3-requests installs for CPython (which comes along as their dependency). aiohttp and
# gevent are left out: Debian builds their C parts for CPython only (aiohttp's import also fails
# on 3.9 syntax), so they would not load; docs/python.md has the errors.
PYPY_PACKAGES=(pypy3 python3-requests)

# apt_mirror: the first URI that this machine's apt sources give for Debian $SUITE itself (not
# -updates or -security), from one-line sources (sources.list, sources.list.d/*.list:
# "deb [options] URI suite components") and deb822 ones (sources.list.d/*.sources: stanzas of
# Types/URIs/Suites, "Enabled: no" skipped). Prints nothing when there is none.
apt_mirror() {
  local files=() f
  [ -f "$APT_SOURCES/sources.list" ] && files+=("$APT_SOURCES/sources.list")
  for f in "$APT_SOURCES"/sources.list.d/*.list "$APT_SOURCES"/sources.list.d/*.sources; do
    [ -f "$f" ] && files+=("$f")
  done
  [ ${#files[@]} -gt 0 ] || return 0
  awk -v suite="$SUITE" '
    function flush() {
      if (types ~ /(^| )deb( |$)/ && enabled != "no" && (" " suites " ") ~ (" " suite " ") && uris != "") {
        split(uris, u, " "); print u[1]; found = 1; exit
      }
      types = ""; uris = ""; suites = ""; enabled = ""
    }
    FNR == 1 { if (!found) flush(); deb822 = (FILENAME ~ /\.sources$/) }
    /^[ \t]*#/ { next }
    !deb822 {
      if ($1 != "deb") next
      i = 2
      if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
      if ($(i + 1) == suite) { print $i; found = 1; exit }
      next
    }
    /^[ \t]*$/ { flush(); next }
    { key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ +/, "")
      if (key == "types") types = $0; else if (key == "uris") uris = $0
      else if (key == "suites") suites = $0; else if (key == "enabled") enabled = tolower($0) }
    END { if (!found) flush() }
  ' "${files[@]}"
}

usage() {
  cat <<EOF
usage: docker/offline-bases.sh [--force] [--help]

Builds $JRE_TAG, $PYTHON_TAG and $PYPY_TAG offline: debootstrap
$SUITE (--variant=minbase) from \$DEBIAN_MIRROR, else the mirror this machine's apt sources
use for $SUITE (now: ${MIRROR:-none found}), Debian's python3
packages for the Python base, its pypy3 for the PyPy base, a jlink JRE from the newest
JDK 21+ for the JRE base (\$JDK_HOME to choose one), then docker import. Needs root,
debootstrap, a JDK 21+ and a Docker engine.

  --force   rebuild every image even if it exists (default: build only the missing ones)
  --help    this text
EOF
}

MIRROR=${DEBIAN_MIRROR:-$(apt_mirror)}

force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "offline-bases: unknown argument '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done

log() { printf 'offline-bases: %s\n' "$*"; }
die() { printf 'offline-bases: %s\n' "$*" >&2; exit 2; }
exists() { docker image inspect "$1" >/dev/null 2>&1; }
show_sizes() {
  local t
  for t in "$JRE_TAG" "$PYTHON_TAG" "$PYPY_TAG"; do
    docker image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}  {{.ID}}' "$t" | sed 's/^/  /'
  done
}

command -v docker >/dev/null || die "docker (the client) is not installed"
docker info >/dev/null 2>&1 || die "no Docker engine answers (start one, e.g. docker/engine.sh)"

want_jre=0; want_python=0; want_pypy=0
if [ "$force" = 1 ] || ! exists "$JRE_TAG"; then want_jre=1; fi
if [ "$force" = 1 ] || ! exists "$PYTHON_TAG"; then want_python=1; fi
if [ "$force" = 1 ] || ! exists "$PYPY_TAG"; then want_pypy=1; fi
if [ "$want_jre" = 0 ] && [ "$want_python" = 0 ] && [ "$want_pypy" = 0 ]; then
  log "all base images exist (--force rebuilds them):"
  show_sizes
  exit 0
fi

[ "$(id -u)" = 0 ] || die "needs root (debootstrap and chroot)"
[ -n "$MIRROR" ] || die "no apt source for Debian $SUITE in $APT_SOURCES/sources.list or $APT_SOURCES/sources.list.d/; set DEBIAN_MIRROR to a Debian mirror's URL"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install -y debootstrap"

# --- the JDK to jlink from: JDK_HOME, else the newest 21+ under /usr/lib/jvm with javac and jlink
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
pick_jdk() {
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/javac" ] && [ -x "$d/bin/jlink" ] || continue
    v=$(java_major "$d"); v=${v%%.*}
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$d; best_v=$v; fi
  done
  echo "$best"
}
jdk=""
if [ "$want_jre" = 1 ]; then
  if [ -n "${JDK_HOME:-}" ]; then
    jdk=$JDK_HOME
    [ -x "$jdk/bin/jlink" ] || die "JDK_HOME=$jdk has no bin/jlink"
    v=$(java_major "$jdk"); [ "${v%%.*}" -ge 21 ] 2>/dev/null || die "JDK_HOME=$jdk is Java '$v'; the JRE base needs 21 or newer"
  else
    jdk=$(pick_jdk)
    [ -n "$jdk" ] || die "no JDK 21+ with javac and jlink under /usr/lib/jvm (set JDK_HOME, or apt-get install openjdk-21-jdk-headless)"
  fi
  log "JDK for jlink: $jdk (Java $(java_major "$jdk"))"
fi

# Warns when a built jar needs a module the JRE would lack (the list above is static so the
# script also works before `mvn package`).
check_modules() {
  local root jar needed m missing=()
  root=$(cd "$(dirname "$0")/.." && pwd)
  for jar in "$root"/fare-server/target/fare-server.jar "$root"/shaper/target/shaper.jar "$root"/workload/java/target/workload-java.jar; do
    [ -f "$jar" ] || continue
    needed=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release "$(java_major "$jdk")" "$jar" 2>/dev/null | tail -1) || continue
    for m in ${needed//,/ }; do
      case ",$JRE_MODULES," in *",$m,"*) ;; *) missing+=("$m (${jar##*/})") ;; esac
    done
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "WARNING: jdeps says the jars also need: ${missing[*]}; add them to JRE_MODULES in $0"
  fi
}

# --- a temp dir that goes away on success, failure and Ctrl-C, mounts (debootstrap's, our /proc)
# first, so rm never walks into a live /proc or /sys
tmp=$(mktemp -d /tmp/faremark-bases.XXXXXX)
cleanup() {
  local m
  for m in $(findmnt -rn -o TARGET | grep "^$tmp/" | sort -r); do umount -l "$m" || true; done
  rm -rf --one-file-system "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Docs, man pages, translations and apt's caches are not needed to run anything here; the dpkg
# database stays, so apt still works in a derived image (after apt-get update).
slim() {
  local r=$1
  rm -rf "$r"/var/cache/apt/*.bin "$r"/var/cache/apt/archives/*.deb "$r"/var/cache/apt/archives/partial/* \
         "$r"/var/lib/apt/lists/* "$r"/usr/share/doc/* "$r"/usr/share/man/* "$r"/usr/share/info/* \
         "$r"/usr/share/locale/* "$r"/var/log/* "$r"/var/cache/debconf/*-old "$r"/debootstrap
  # the host's network identity came along with debootstrap; Docker provides its own
  : > "$r/etc/resolv.conf"; : > "$r/etc/hostname"
}

# LANG: a minbase has no locale set, so Java's stdout.encoding would be ASCII; C.UTF-8 ships in
# libc-bin and is what the public images (temurin, python:slim) use too.
import_rootfs() {
  local r=$1 tag=$2 base=$3 before after; shift 3
  before=$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)
  log "importing $tag"
  after=$(tar --numeric-owner -C "$r" -c . | docker import \
    --message "faremark offline base ($base): debootstrap $SUITE minbase" \
    --change "LABEL io.faremark.base=$base" \
    --change 'ENV LANG=C.UTF-8' \
    "$@" - "$tag")
  # --force: the image it replaces would linger untagged; remove it unless a container uses it
  if [ -n "$before" ] && [ "$before" != "$after" ]; then docker rmi "$before" >/dev/null 2>&1 || true; fi
}

start=$SECONDS
log "debootstrap $SUITE --variant=minbase from $MIRROR"
if ! debootstrap --variant=minbase "$SUITE" "$tmp/rootfs" "$MIRROR" > "$tmp/debootstrap.log" 2>&1; then
  tail -n 20 "$tmp/debootstrap.log" >&2
  die "debootstrap failed (mirror $MIRROR; set DEBIAN_MIRROR to use another)"
fi
log "debootstrap done in $((SECONDS - start)) s"

# One debootstrap serves every image: the Python and PyPy bases are copies with Debian's packages
# added by apt inside the chroot (a debootstrap --include would need one debootstrap per image);
# the last image to be built takes the rootfs itself.
# with_packages <dir> <packages...>: the rootfs copied (or moved) to $tmp/<dir>, packages added.
with_packages() {
  local dir=$1; shift
  if [ "$dir" = python ] && [ "$want_pypy" = 1 ] || [ "$want_jre" = 1 ]; then
    cp -a "$tmp/rootfs" "$tmp/$dir"
  else
    mv "$tmp/rootfs" "$tmp/$dir"
  fi
  log "apt-get install $* (in the chroot)"
  cp /etc/resolv.conf "$tmp/$dir/etc/resolv.conf"
  mount -t proc proc "$tmp/$dir/proc"
  chroot "$tmp/$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
    sh -c "apt-get -qq update && apt-get -qq install -y --no-install-recommends $* && apt-get -qq clean" \
    > "$tmp/apt.log" 2>&1 || { tail -n 20 "$tmp/apt.log" >&2; die "apt-get in the chroot failed"; }
  umount "$tmp/$dir/proc"
}

if [ "$want_python" = 1 ]; then
  with_packages python "${PYTHON_PACKAGES[@]}"
  chroot "$tmp/python" /usr/bin/python3 -c 'import requests, aiohttp, gevent' \
    || die "the Python base cannot import requests, aiohttp, gevent"
  slim "$tmp/python"
  import_rootfs "$tmp/python" "$PYTHON_TAG" python \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  rm -rf --one-file-system "$tmp/python"
fi

if [ "$want_pypy" = 1 ]; then
  with_packages pypy "${PYPY_PACKAGES[@]}"
  # PyPy sizes its GC nursery from /proc/cpuinfo (it warns without it)
  mount -t proc proc "$tmp/pypy/proc"
  # Debian byte-compiles pypy3's standard library when installing it, but python3-requests only
  # for CPython (*.cpython-311.pyc): compile its modules for PyPy too (*.pypy39.pyc), once, here,
  # or every run, as nobody in a read-only /usr, would compile them again before its ready event
  chroot "$tmp/pypy" /usr/bin/env -i /usr/bin/pypy3 -m compileall -q /usr/lib/python3/dist-packages \
    > "$tmp/compileall.log" 2>&1 \
    || { tail -n 20 "$tmp/compileall.log" >&2; die "pypy3 could not byte-compile /usr/lib/python3/dist-packages"; }
  # PyPy must find Debian's requests by itself (no PYTHONPATH in the image)
  chroot "$tmp/pypy" /usr/bin/env -i /usr/bin/pypy3 -c \
    'import platform, requests, sys; assert platform.python_implementation() == "PyPy", sys.version' \
    || die "the PyPy base's pypy3 cannot import requests"
  umount "$tmp/pypy/proc"
  slim "$tmp/pypy"
  import_rootfs "$tmp/pypy" "$PYPY_TAG" pypy \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  rm -rf --one-file-system "$tmp/pypy"
fi

if [ "$want_jre" = 1 ]; then
  check_modules
  log "jlink $JRE_MODULES"
  # --generate-cds-archive: the public Temurin images ship a CDS archive, which changes a JVM's
  # start-up time and its file-backed memory; the offline JRE has one too, so the two bases give
  # comparable figures (it costs ~28 MB).
  "$jdk/bin/jlink" --add-modules "$JRE_MODULES" --strip-debug --no-man-pages --no-header-files \
    --compress zip-6 --generate-cds-archive --output "$tmp/rootfs/opt/java/jre" > "$tmp/jlink.log" 2>&1 \
    || { cat "$tmp/jlink.log" >&2; die "jlink failed (a JDK 24+ without jmods must be built with --enable-linkable-runtime)"; }
  # the JVM reads /proc (cgroup limits, its own maps) while it starts
  mount -t proc proc "$tmp/rootfs/proc"
  chroot "$tmp/rootfs" /opt/java/jre/bin/java -Xshare:on -version > "$tmp/java.log" 2>&1 \
    || { cat "$tmp/java.log" >&2; die "the jlink JRE does not run inside the minbase rootfs"; }
  umount "$tmp/rootfs/proc"
  slim "$tmp/rootfs"
  import_rootfs "$tmp/rootfs" "$JRE_TAG" jre \
    --change 'ENV PATH=/opt/java/jre/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV JAVA_HOME=/opt/java/jre'
fi

log "done in $((SECONDS - start)) s:"
show_sizes
