"""Counts the classes a WaveProbe JVM loaded in each phase (before `ready`, during each wave's
request phase, in between), from `-Xlog:class+load=info:file=<log>:timemillis` (run.sh
CLASSLOG=1), by where they came from:

  cds        the JDK's default CDS archive ("shared objects file"): mapped, cheap
  jdk        read and parsed from the JDK's modules image (jrt:/)
  jar        read and parsed from an application jar (workload, contract, Jackson, HdrHistogram)
  generated  spun at run time: lambda proxies, LambdaForms, other hidden classes

Usage: python3 classes_by_phase.py <run.classes.log> <run.jsonl> [--list PHASE]
  --list PHASE  also print the classes of one phase ("wave 1", ...)
"""
import collections
import json
import re
import sys

sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
from jfr_phases import instant_ms  # noqa: E402


def source(line):
    if "shared objects file" in line:
        return "cds"
    if "source: jrt:/" in line:
        return "jdk"
    if "source: file:" in line or "source: jar:" in line:
        return "jar"
    return "generated"


def package(name):
    if "$$Lambda" in name or "LambdaForm$" in name or "/0x" in name:
        return "(lambda proxies, LambdaForms, hidden classes)"
    return name.rsplit(".", 1)[0]


def main():
    log, probe = sys.argv[1], sys.argv[2]
    listed = sys.argv[sys.argv.index("--list") + 1] if "--list" in sys.argv else None
    windows, ready = [], None
    for line in open(probe):
        if line.startswith('{"event":"ready"'):
            ready = instant_ms(json.loads(line)["at"])
        elif line.startswith('{"wave"'):
            w = json.loads(line)
            windows.append(("wave %d" % w["wave"], w["startedAtMs"], w["endedAtMs"] + 1))
    phases = [("start..ready", 0, ready)] + windows
    counts = collections.OrderedDict((p[0], collections.Counter()) for p in phases)
    counts["between phases"] = collections.Counter()
    packages = collections.defaultdict(collections.Counter)
    names = collections.defaultdict(list)
    for line in open(log):
        m = re.match(r"\[(\d+)ms\] (\S+) source: ", line)
        if not m:
            continue
        t, name = int(m.group(1)), m.group(2)
        phase = next((p[0] for p in phases if p[1] <= t < p[2]), "between phases")
        counts[phase][source(line)] += 1
        packages[phase][package(name)] += 1
        names[phase].append(name)
    for phase, c in counts.items():
        print("%-15s %5d classes  %s" % (phase, sum(c.values()),
                                         ", ".join("%s %d" % kv for kv in c.most_common())))
        if phase.startswith("wave"):
            print("                 by package: " + ", ".join(
                "%s %d" % kv for kv in packages[phase].most_common(8)))
    if listed:
        print("\n".join(names[listed]))


if __name__ == "__main__":
    main()
