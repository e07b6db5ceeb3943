"""A workload whose memory cost is known: the ground truth the memory tests check faremark's
figures against. It honours the workload contract (spec file in; ``ready`` and ``done`` JSON
lines on stdout; exit 0 when every request succeeded) and, after ``ready``, holds exactly
MIB MiB of anonymous memory until ``done``.

    ballast.py SPEC MIB PROCESSES MODE SETTLE_MS

MODE ``hold``: the memory is split over PROCESSES processes (1: this one; more: that many child
processes, each holding MIB / PROCESSES), every page written so it is resident, and held while
the requests run. MODE ``spike``: this process maps MIB MiB, writes every page and unmaps it at
once (tens of milliseconds for 16 MiB on a small VM: far less than the sample interval the test
sets), then runs the requests holding nothing: only the kernel's high-water mark can see it.

What is not the ballast is kept out of ``peak - baseline``, so the figure can be compared with
MIB: every module is imported, and the children are started (idle), before ``ready``; the
process sleeps SETTLE_MS (more than one sample interval) before ``ready``, so the sample the baseline
is read from shows the settled runtime, and again after ``ready``, because the baseline is the
last sample taken before the ``ready`` line *arrived* and a sample may fall between the print and
the arrival. The requests are the smallest a client can make (stdlib urllib, one after another)
so the runtime's own growth during them stays far below the tolerance. Only the standard
library: it runs on any python3, on the host and in the Python workload image.
"""
import datetime
import json
import mmap
import os
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal

PAGE = mmap.PAGESIZE
MIB = 1 << 20
# How to start this program again: from its file, or, run as ``python3 -c 'import sys;
# exec(sys.argv[1])' <this source> ARGS...`` (the docker test: nothing to copy into the image),
# with its source.
if "__file__" in globals():
    SELF, ARGS = [sys.executable, __file__], sys.argv[1:]
else:
    SELF, ARGS = [sys.executable, "-c", "import sys; exec(sys.argv[1])", sys.argv[1]], sys.argv[2:]


def now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")


def emit(event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def resident(size):
    """An anonymous private mapping of ``size`` bytes with every page written: all resident."""
    area = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | getattr(mmap, "MAP_POPULATE", 0))
    for offset in range(0, size, PAGE):
        area[offset] = 1
    return area


def holder(size):
    """A holder process (``--holder SIZE``): says it is up, waits for a byte on stdin, makes
    ``size`` bytes resident, says so, and holds them until stdin ends."""
    sys.stdout.write("r")
    sys.stdout.flush()
    sys.stdin.buffer.read(1)
    area = resident(size)
    sys.stdout.write("+")
    sys.stdout.flush()
    sys.stdin.buffer.read()  # EOF when the parent closes our stdin (or dies)
    area.close()


def start_holders(processes, size):
    """PROCESSES idle holders, each to hold ``size`` bytes, returned once every one is up.

    Started as fresh interpreters, not forked: a forked child shares the parent's pages, so each
    page the parent then writes (every request it makes touches its heap) is copied, megabytes
    that are fork's cost and not the ballast's. Started and up before ``ready``, their own cost
    is in the baseline."""
    holders = [subprocess.Popen(SELF + ["--holder", str(size)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE) for _ in range(processes)]
    for h in holders:
        h.stdout.read(1)
    return holders


def aggregate(body):
    page = json.loads(body, parse_float=Decimal)
    fares = page.get("fares") or []
    cheapest = min((int(f["price"].scaleb(2)), f["id"]) for f in fares) if fares else (0, "")
    return {"date": page["date"], "fares": len(fares), "cheapestCents": cheapest[0],
            "cheapestFareId": cheapest[1], "currency": page.get("currency")}


def fetch_all(spec):
    start = datetime.date.fromisoformat(spec["startDate"])
    route = spec["route"]
    timeout = spec["requestTimeoutMs"] / 1000.0
    days, failed = [], {}
    for i in range(spec["days"]):
        date = start + datetime.timedelta(days=i)
        url = "%s/fares?from=%s&to=%s&date=%s" % (spec["target"].rstrip("/"), route["from"], route["to"], date)
        try:
            with urllib.request.urlopen(url, timeout=timeout) as answer:
                days.append(aggregate(answer.read()))
        except Exception as e:  # any failure fails the run: the ground truth needs every answer
            print("ballast: %s: %r" % (date, e), file=sys.stderr)
            failed["other"] = failed.get("other", 0) + 1
    return days, failed


def main():
    if ARGS[0] == "--holder":
        holder(int(ARGS[1]))
        return
    spec_file, mib, processes, mode, settle_ms = ARGS[0], int(ARGS[1]), int(ARGS[2]), ARGS[3], int(ARGS[4])
    with open(spec_file) as f:
        spec = json.load(f)
    size = mib * MIB
    holders = start_holders(processes, size // processes) if mode == "hold" and processes > 1 else []
    settle = settle_ms / 1000.0
    time.sleep(settle)
    emit({"event": "ready", "model": spec["model"], "pid": os.getpid(),
          "runtime": "ballast on Python " + sys.version.split()[0], "at": now()})
    time.sleep(settle)

    held = None
    if mode == "hold" and holders:
        for h in holders:
            h.stdin.write(b"+")
            h.stdin.flush()
        for h in holders:
            h.stdout.read(1)
    elif mode == "hold":
        held = resident(size)
    elif mode == "spike":
        resident(size).close()
    else:
        raise SystemExit("ballast: unknown mode " + mode)

    started, t0 = now(), time.monotonic_ns()
    days, failed = fetch_all(spec)
    phase_us = (time.monotonic_ns() - t0) // 1000
    emit({"event": "done", "at": now(), "result": {
        "model": spec["model"], "requested": spec["days"], "ok": len(days), "failed": failed,
        "startedAt": started, "endedAt": now(), "requestPhaseUs": phase_us, "latency": None,
        "aggregate": days, "details": {"ballastMiB": mib, "processes": processes, "mode": mode}}})
    for h in holders:
        h.stdin.close()
        h.wait()
    if held is not None:
        held.close()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
