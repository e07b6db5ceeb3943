"""Splits a WaveProbe JFR recording by phase: before `ready`, then each wave's request phase
(from the probe's startedAtMs/endedAtMs), and says per phase where the time went:

  - execution samples (jdk.ExecutionSample, every 1 ms with settings=coldstart.jfc) by thread
    kind and by what the sampled code was doing: interpreted top frame, inside class loading or
    linking, inside an invokedynamic/lambda bootstrap, in HttpClient, in JSON parsing, ...
  - JIT compilations started in the phase (count, summed compile time, by tier)
  - classes loaded and defined (jdk.ClassLoad / jdk.ClassDefine)
  - exceptions thrown (jdk.JavaExceptionThrow), GC pauses, socket reads/writes

Usage: python3 jfr_phases.py <recording.jfr> <probe-output.jsonl> [jfr-binary]
(the JDK's `jfr` tool prints the events as JSON; nothing else is needed).
"""
import collections
import datetime
import json
import re
import subprocess
import sys

EVENTS = ["jdk.ExecutionSample", "jdk.Compilation", "jdk.ClassLoad", "jdk.ClassDefine",
          "jdk.JavaExceptionThrow", "jdk.GarbageCollection", "jdk.SocketRead", "jdk.SocketWrite"]


def instant_ms(text):
    # 2026-12-03T00:57:30.136083260Z -> epoch ms (float)
    head, frac = text.rstrip("Z").split(".") if "." in text else (text.rstrip("Z"), "0")
    t = datetime.datetime.strptime(head, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return t.timestamp() * 1000 + float("0." + frac) * 1000


def duration_ms(value):
    if value is None:
        return 0.0
    if isinstance(value, (int, float)):
        return value / 1e6  # nanoseconds
    m = re.fullmatch(r"PT(?:(\d+)M)?(?:([\d.]+)S)?", value)
    if m:
        return (int(m.group(1) or 0) * 60 + float(m.group(2) or 0)) * 1000
    return 0.0


def thread_kind(name):
    name = name or ""
    for prefix, kind in (("HttpClient", "http-selector"), ("fetch-", "model-threads"),
                         ("ForkJoinPool-", "vthread-carriers"),
                         ("ForkJoinPool.commonPool", "common-pool"), ("main", "main")):
        if name.startswith(prefix):
            return kind
    return "other:" + name


def frame_name(frame):
    return frame["method"]["type"]["name"].replace("\\/", "/").replace("/", ".") + "." + frame["method"]["name"]


LINKAGE = ("java.lang.invoke.LambdaMetafactory", "java.lang.invoke.InnerClassLambdaMetafactory",
           "java.lang.invoke.MethodHandleNatives.link", "java.lang.invoke.BootstrapMethodInvoker",
           "java.lang.invoke.CallSite.makeSite", "java.lang.invoke.StringConcatFactory",
           "java.lang.invoke.MethodHandleNatives.resolve", "java.lang.invoke.InvokerBytecodeGenerator",
           "java.lang.invoke.LambdaForm.compileToBytecode", "java.lang.invoke.ClassSpecializer",
           "java.lang.invoke.MethodHandles$Lookup.defineHiddenClass", "java.lang.ObjectMethods.bootstrap",
           "java.lang.runtime.SwitchBootstraps", "java.lang.runtime.ObjectMethods")


def activity(frames):
    """What the sampled stack was doing, most specific first."""
    names = [frame_name(f) for f in frames]
    joined = " ".join(names)
    if any(n.startswith(("java.lang.ClassLoader.", "jdk.internal.loader.", "java.lang.Class.forName"))
           for n in names) or "SystemDictionary" in joined:
        return "class loading"
    if any(n.startswith(LINKAGE) for n in names):
        return "invokedynamic/lambda linkage (first call of a call site)"
    if any(n.startswith(("java.lang.invoke.", "jdk.internal.invoke.")) for n in names[:6]):
        return "VarHandle/MethodHandle calls (interpreted: via LambdaForms)"
    top = names[0] if names else ""
    if top.startswith(("com.fasterxml.jackson", "faremark.contract.FarePage")) or \
            any(n.startswith("faremark.contract.FarePage") for n in names[:12]):
        return "JSON parse + aggregate"
    if any(n.startswith("jdk.internal.net.http") for n in names):
        return "HttpClient"
    if any(n.startswith(("sun.nio.ch", "java.nio")) for n in names[:4]):
        return "NIO"
    if any(n.startswith("org.HdrHistogram") for n in names):
        return "latency histogram"
    return "other: " + top


def load(jfr_file, jfr_bin):
    out = subprocess.run([jfr_bin, "print", "--json", "--stack-depth", "64", "--events",
                          ",".join(EVENTS), jfr_file], check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def phases(probe_file):
    """[(name, start_ms, end_ms)]: before ready, then each wave's request phase."""
    ready_ms, out = None, []
    for line in open(probe_file):
        line = line.strip()
        if line.startswith('{"event":"ready"'):
            ready_ms = instant_ms(json.loads(line)["at"])
        elif line.startswith('{"wave"'):
            w = json.loads(line)
            out.append(("wave %d" % w["wave"], w["startedAtMs"], w["endedAtMs"] + 1))
    return [("start..ready", 0, ready_ms)] + out


def main():
    jfr_file, probe_file = sys.argv[1], sys.argv[2]
    jfr_bin = sys.argv[3] if len(sys.argv) > 3 else "jfr"
    events = load(jfr_file, jfr_bin)
    windows = phases(probe_file)
    stats = {w[0]: collections.defaultdict(collections.Counter) for w in windows}
    times = {w[0]: collections.defaultdict(list) for w in windows}
    for e in events:
        v = e["values"]
        t = instant_ms(v["startTime"])
        window = next((w[0] for w in windows if w[1] <= t < w[2]), None)
        if window is None:
            continue
        s = stats[window]
        kind = e["type"]
        if kind == "jdk.ExecutionSample":
            frames = v["stackTrace"]["frames"] if v.get("stackTrace") else []
            s["samples by thread"][thread_kind(v["sampledThread"]["javaName"])] += 1
            s["samples by activity"][activity(frames)] += 1
            s["samples by top-frame type"][frames[0]["type"] if frames else "?"] += 1
        elif kind == "jdk.Compilation":
            s["compilations"]["tier %s" % v["compileLevel"]] += 1
            s["compile ms"]["tier %s" % v["compileLevel"]] += round(duration_ms(v["duration"]), 3)
        elif kind == "jdk.ClassLoad":
            s["classes"]["loaded"] += 1
        elif kind == "jdk.ClassDefine":
            s["classes"]["defined"] += 1
        elif kind == "jdk.JavaExceptionThrow":
            s["exceptions"][v["thrownClass"]["name"].replace("\\/", ".").replace("/", ".")] += 1
        elif kind == "jdk.GarbageCollection":
            s["gc"]["collections"] += 1
            s["gc"]["pause ms"] += round(duration_ms(v.get("sumOfPauses")), 3)
        elif kind in ("jdk.SocketRead", "jdk.SocketWrite"):
            s["socket events"][kind] += 1
            times[window][kind].append(t)
    for name, start, end in windows:
        span = (end - start) if start else None
        print("== %s%s" % (name, "" if span is None else " (%.0f ms)" % span))
        for key, counter in stats[name].items():
            items = ", ".join("%s %s" % (k, round(n, 1)) for k, n in counter.most_common(10))
            print("   %-26s total %-8s %s" % (key, round(sum(counter.values()), 1), items))
        for kind, ts in sorted(times[name].items()):
            # When, from the phase's start, the requests went out (writes) and the answers came
            # in (reads): the spread of the writes is how long issuing 100 requests took.
            ts = sorted(x - start for x in ts)
            q = lambda f: ts[min(len(ts) - 1, int(f * len(ts)))]
            print("   %-26s n %d, ms after phase start: first %.0f, median %.0f, 90%% %.0f, last %.0f"
                  % (kind, len(ts), ts[0], q(0.5), q(0.9), ts[-1]))


if __name__ == "__main__":
    main()
