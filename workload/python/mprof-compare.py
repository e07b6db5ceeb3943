#!/usr/bin/env python3
"""The article measured memory with memory_profiler's ``mprof``; faremark measures a cgroup.
This runs both on the same Python models and prints them side by side.

    python3 workload/python/mprof-compare.py [--days 100] [--service-time 290ms]
        [--interval 0.01] [--out DIR] [MODEL ...]      (default: every Python model)

Needs a built tree (``mvn -B package -DskipTests -Dfaremark.skipExperiment``) and the mprof of
python3-memory-profiler (Debian: ``python3-mprof``; pip: ``mprof``). For each model it:
1. starts the fare server alone (``java -jar fare-server/target/fare-server.jar``) and runs
   ``mprof run --nopython --include-children --interval 0.01 <python3> run_model.py <model>
   --spec spec.json`` against it: psutil RSS of the process plus the sum of its children's RSS,
   sampled every interval from outside;
2. runs ``./faremark run`` on a scenario with the same job, client and models: the run's own
   memory cgroup, sampled every 10 ms, plus the kernel's peak (memory.max_usage_in_bytes).
Then prints, per model: mprof's peak, mprof's value at the last sample before the first
request, faremark's kernel peak, its highest sampled anon (RSS-like) and file (page cache)
figures and baseline. Everything is written under --out for inspection (mprof .dat files,
the faremark results folder).
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SOURCES = os.path.join(HERE, "src", "main", "python")
# Every Python model, as faremark_py/models.json declares them (the one list).
with open(os.path.join(SOURCES, "faremark_py", "models.json"), encoding="utf-8") as _declared:
    MODELS = [m["id"] for m in json.load(_declared)["models"]]
MIB = 1024 * 1024


def mprof_command():
    for name in ("mprof", "python3-mprof"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("mprof not found: apt-get install -y python3-memory-profiler (or pip install memory_profiler)")


def java():
    """A java of release 21 or newer, found as the ``faremark`` launcher finds it: JAVA_HOME,
    then the JDKs under /usr/lib/jvm, then ``java`` on the PATH (often older: Debian 12's is 17)."""
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(os.path.join(os.environ["JAVA_HOME"], "bin", "java"))
    candidates += sorted(glob.glob("/usr/lib/jvm/*/bin/java"), reverse=True)
    candidates.append(shutil.which("java") or "java")
    for candidate in candidates:
        if java_release(candidate) >= 21:
            return candidate
    sys.exit("mprof-compare: needs a JDK 21 or newer (set JAVA_HOME)")


def java_release(candidate):
    try:
        out = subprocess.run([candidate, "-XshowSettings:properties", "-version"],
                             capture_output=True, text=True, timeout=30).stderr
    except (OSError, subprocess.SubprocessError):
        return 0
    for line in out.splitlines():
        if line.strip().startswith("java.specification.version ="):
            return int(line.split("=")[1].strip().split(".")[0])
    return 0


def start_server(service_time, log):
    jar = os.path.join(ROOT, "fare-server", "target", "fare-server.jar")
    if not os.path.exists(jar):
        sys.exit("build first: mvn -B package -DskipTests -Dfaremark.skipExperiment")
    out = open(log, "w")
    p = subprocess.Popen([java(), "-jar", jar, "--port", "0", "--service-time", service_time],
                         stdout=out, stderr=subprocess.STDOUT)
    for _ in range(300):
        text = open(log).read()
        m = re.search(r"listening on (http://\S+)", text)
        if m:
            return p, m.group(1)
        if p.poll() is not None:
            sys.exit("fare server exited: " + text)
        time.sleep(0.1)
    p.kill()
    sys.exit("fare server did not start: " + open(log).read())


def spec(model, target, a):
    return {"model": model, "target": target, "route": {"from": "PRG", "to": "BRQ"},
            "startDate": "2018-06-01", "days": a.days, "concurrency": a.concurrency,
            "connections": "shared", "poolSize": a.concurrency, "connectTimeoutMs": 5000,
            "requestTimeoutMs": 30000, "processes": a.processes,
            "options": {"aiohttpLimitPerHost": 0, "requestsPoolBlock": False,
                        "startMethod": "fork"}}


def read_dat(path):
    """mprof's .dat: 'MEM <MiB> <unix time>' lines (MiB = 2^20 bytes)."""
    mem = []
    for line in open(path):
        parts = line.split()
        if parts and parts[0] == "MEM":
            mem.append((float(parts[2]), float(parts[1])))
    return mem


def run_mprof(model, target, a, out):
    spec_file = os.path.join(out, "spec-%s.json" % model)
    with open(spec_file, "w") as f:
        json.dump(spec(model, target, a), f)
    dat = os.path.join(out, "mprof-%s.dat" % model)
    events = os.path.join(out, "events-%s.jsonl" % model)
    with open(events, "w") as ev:
        subprocess.run([mprof_command(), "run", "--nopython", "--include-children", "--interval",
                        str(a.interval), "-o", dat, a.python, os.path.join(SOURCES, "run_model.py"),
                        model, "--spec", spec_file], stdout=ev, stderr=subprocess.DEVNULL, check=False)
    lines = [json.loads(l) for l in open(events) if l.startswith("{")]
    mem = read_dat(dat)
    result = next((l["result"] for l in lines if l.get("event") == "done"), None)
    started = result and _epoch(result["startedAt"])
    before = [m for t, m in mem if started and t <= started]
    return {"mprofPeakMiB": max(m for _, m in mem), "mprofAtFirstRequestMiB": before[-1] if before else None,
            "mprofSamples": len(mem),
            "mprofMeanIntervalMs": (mem[-1][0] - mem[0][0]) / max(1, len(mem) - 1) * 1000,
            "ok": result and result["ok"] == result["requested"]}


def _epoch(text):
    import datetime
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=datetime.timezone.utc).timestamp()


def run_faremark(models, a, out):
    scenario = os.path.join(out, "mprof-compare.yaml")
    with open(scenario, "w") as f:
        f.write("name: mprof-compare\njob: {days: %d}\nserver: {serviceTime: %s}\n"
                "client: {concurrency: %d, poolSize: %d, processes: %d}\nmodels: [%s]\n"
                "repetitions: 1\nrun: {sampleInterval: 10ms, timeout: 5m}\n"
                % (a.days, a.service_time, a.concurrency, a.concurrency, a.processes,
                   ", ".join(models)))
    results = os.path.join(out, "faremark")
    subprocess.run([a.faremark, "run", scenario, "--out", results], cwd=ROOT, check=False,
                   stdout=open(os.path.join(out, "faremark.log"), "w"), stderr=subprocess.STDOUT)
    folder = os.path.join(results, sorted(os.listdir(results))[-1], "runs")
    figures = {}
    for run in sorted(os.listdir(folder)):
        record = json.load(open(os.path.join(folder, run, "run.json")))
        m = record["memory"]
        rows = [l.split(",") for l in open(os.path.join(folder, run, "samples.csv")).read().split()[1:]]
        file_peak = max(int(r[3]) for r in rows) if rows else None
        figures[record["model"]] = {
            "outcome": record["outcome"],
            "kernelPeakMiB": m["peakBytes"] / MIB if m["peakBytes"] else None,
            "anonPeakMiB": m["anonPeakBytes"] / MIB if m["anonPeakBytes"] else None,
            "filePeakMiB": file_peak / MIB if file_peak else None,
            "baselineMiB": m["baselineBytes"] / MIB if m["baselineBytes"] else None,
            "anonBaselineMiB": m["anonBaselineBytes"] / MIB if m["anonBaselineBytes"] else None,
            "samples": m["samples"]}
    return figures


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("models", nargs="*", default=MODELS)
    p.add_argument("--days", type=int, default=100)
    p.add_argument("--service-time", default="290ms")
    p.add_argument("--concurrency", type=int, default=100)
    p.add_argument("--processes", type=int, default=10)
    p.add_argument("--interval", type=float, default=0.01)
    p.add_argument("--python", default="/usr/bin/python3")
    p.add_argument("--faremark", default=os.path.join(ROOT, "faremark"))
    p.add_argument("--out", default=None)
    a = p.parse_args()
    out = os.path.abspath(a.out or tempfile.mkdtemp(prefix="mprof-compare-"))
    os.makedirs(out, exist_ok=True)
    server, target = start_server(a.service_time, os.path.join(out, "fare-server.log"))
    try:
        mprof = {m: run_mprof(m, target, a, out) for m in a.models}
    finally:
        server.terminate()
        server.wait()
    cg = run_faremark(a.models, a, out)
    rows = {m: dict(mprof[m], **cg.get(m, {})) for m in a.models}
    json.dump(rows, open(os.path.join(out, "comparison.json"), "w"), indent=2)
    fmt = "%-19s %10s %10s | %10s %10s %10s %10s %10s"
    print(fmt % ("model", "mprof peak", "mprof@req", "cg peak", "cg anon", "cg file", "cg base", "anon base"))
    num = lambda v: "-" if v is None else "%.1f" % v
    for m, r in rows.items():
        print(fmt % (m, num(r["mprofPeakMiB"]), num(r["mprofAtFirstRequestMiB"]),
                     num(r.get("kernelPeakMiB")), num(r.get("anonPeakMiB")), num(r.get("filePeakMiB")),
                     num(r.get("baselineMiB")), num(r.get("anonBaselineMiB"))))
    print("MiB. mprof: psutil RSS of the process + its children, every %gs (mean %.1f ms reached);"
          " cg: faremark's cgroup (kernel peak; highest sampled anon and file; at ready)."
          % (a.interval, sum(r["mprofMeanIntervalMs"] for r in rows.values()) / len(rows)))
    print("written to " + out)


if __name__ == "__main__":
    main()
