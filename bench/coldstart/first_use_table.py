"""The first-use section of a faremark results folder (summary.json's firstUse, written when the
scenario sets run.firstUse) as a Markdown table: per model the request phase cold and warm with
their distribution-free intervals, the first use with the interval of the shift, its share, and
the CPU time in the request phase cold / warm.

Usage: python3 first_use_table.py <results-folder>
"""
import json
import os
import sys


def ms(v):
    return "%.2f s" % (v / 1000) if abs(v) >= 1000 else "%.0f ms" % v


def estimate(e):
    if not e:
        return "-"
    cov = "" if e["coverage"] >= 0.95 else " (%.0f %%)" % (100 * e["coverage"])
    return "%s [%s, %s]%s" % (ms(e["median"]), ms(e["low"]), ms(e["high"]), cov)


def main():
    summary = json.load(open(os.path.join(sys.argv[1], "summary.json")))
    section = summary.get("firstUse")
    if not section:
        sys.exit("%s: no first-use section (the scenario sets no run.firstUse)" % sys.argv[1])
    print("| model | cold (measured runs) | warm (reference runs) | first use | share | CPU in the"
          " request phase, cold / warm |")
    print("|---|---|---|---|---|---|")
    for m in section["models"]:
        if m.get("firstUseMs") is None:
            first, share = "-", "-"
        else:
            cov = "" if m["firstUseCoverage"] >= 0.95 else " (%.0f %%)" % (100 * m["firstUseCoverage"])
            interval = "[%s, %s]%s" % (ms(m["firstUseLowMs"]), ms(m["firstUseHighMs"]), cov)
            if m["distinguishable"]:
                first, share = "**%s** %s" % (ms(m["firstUseMs"]), interval), "%.0f %%" % (100 * m["firstUseShare"])
            else:
                first, share = "not distinguishable: %s %s" % (ms(m["firstUseMs"]), interval), "-"
        cpu = " / ".join("%.0f" % m[k]["median"] if m.get(k) else "-" for k in ("coldCpuMs", "warmCpuMs"))
        print("| %s | %s | %s | %s | %s | %s ms |" % (m["model"], estimate(m.get("coldMs")),
                                                      estimate(m.get("warmMs")), first, share, cpu))


if __name__ == "__main__":
    main()
