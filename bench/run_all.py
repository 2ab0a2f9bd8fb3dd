"""Every benchmark in turn (`make bench`): build scaling, the same pages three ways, path
engine, page weight, Lighthouse. (guides_scaling.py and search_queries.py run on their own.)

    python bench/run_all.py [--quick] [--skip NAME ...]

Each prints its table and writes bench/results/NAME.json; this script then prints one
summary of every target and writes bench/results/summary.json. --quick runs fewer sizes
and runs (a smoke test of the scripts, not figures to quote). Exit 0 when every benchmark
ran, whether or not each target was met: the targets are for people to read, not a gate.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_scaling
import lighthouse
import page_weight
import path_engine
import three_ways
from _common import arg_parser, save, table, verdict


def _scaling(quick: bool) -> dict[str, Any]:
    return build_scaling.measure([100, 1000] if quick else [100, 1000, 5000], 1 if quick else 3)


def _three_ways(quick: bool) -> dict[str, Any]:
    if quick:
        return three_ways.measure(["guide", "1000"], 1, ["guide"], 1)
    return three_ways.measure(three_ways.PROJECTS, 3, three_ways.EDITS, 3)


def _paths(quick: bool) -> dict[str, Any]:
    return path_engine.measure([20, 40, 60], 1 if quick else 5)


def _weight(_quick: bool) -> dict[str, Any]:
    return page_weight.measure(browser=True)


def _lighthouse(quick: bool) -> dict[str, Any]:
    return lighthouse.measure(1 if quick else 3)


BENCHMARKS: dict[str, tuple[Callable[[bool], dict[str, Any]], Callable[[dict[str, Any]], str]]] = {
    "build_scaling": (_scaling, build_scaling.report),
    "three_ways": (_three_ways, three_ways.report),
    "path_engine": (_paths, path_engine.report),
    "page_weight": (_weight, page_weight.report),
    "lighthouse": (_lighthouse, lighthouse.report),
}


def targets(name: str, data: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for one benchmark's results."""
    if name == "build_scaling":
        worst = max(data["results"], key=lambda r: r["ratio"])
        rows = [(f"build time helptree / plain <= {build_scaling.RATIO_TARGET}",
                 f"worst {worst['ratio']:.2f} at {worst['nodes']:,} nodes", data["ratio_met"])]
        if data["growth_5000_over_1000"] is not None:
            rows.append((f"5,000 nodes within {build_scaling.GROWTH_TARGET}x of 1,000",
                         f"{data['growth_5000_over_1000']:.2f}x", data["growth_met"]))
        return rows
    if name == "three_ways":
        rows = [(f"{r['project']}: helptree build / mkdocs build of its export <= {three_ways.RATIO_TARGET}",
                 f"{r['ratio']:.2f} (CPU {r['cpu_ratio']:.2f})", r["ratio"] <= three_ways.RATIO_TARGET)
                for r in data["builds"]]
        if data["growth"] is not None:
            rows.append((f"20,000 nodes within {three_ways.GROWTH_TARGET}x of 5,000",
                         f"{data['growth']:.2f}x", data["growth"] <= three_ways.GROWTH_TARGET))
        rows += [(f"{e['project']}: edit loop helptree / plain <= {three_ways.RATIO_TARGET}",
                  f"{e['ratio']:.2f} (CPU {e['cpu_ratio']:.2f})", e["ratio"] <= three_ways.RATIO_TARGET)
                 for e in data["edits"]]
        return rows
    if name == "path_engine":
        return [(f"check and count < {path_engine.SECONDS_TARGET:.0f} s",
                 f"slowest {data['slowest_seconds']:.3f} s", data["seconds_met"]),
                (f"flat in K (K=60 within {path_engine.FLAT_TARGET}x of K=20)",
                 f"{data['growth_last_over_first']:.2f}x", data["flat_met"]),
                ("path counts exact (2^K)", "all" if data["counts_met"] else "wrong", data["counts_met"])]
    if name == "page_weight":
        rows = [(f"node page <= {page_weight.NODE_PAGE_TARGET / 1000:.0f} kB gzipped",
                 f"{data['node_page_max_gzip'] / 1000:.2f} kB", data["node_page_met"])]
        if "first_visit_max_gzip" in data:
            rows += [(f"first visit <= {page_weight.FIRST_VISIT_TARGET / 1000:.0f} kB gzipped",
                      f"{data['first_visit_max_gzip'] / 1000:.1f} kB", data["first_visit_met"]),
                     ("no third-party requests", f"{len(data['third_party'])}", not data["third_party"])]
        return rows
    pages = data["pages"].values()
    return [(f"Lighthouse mobile performance >= {lighthouse.PERFORMANCE_TARGET}",
             f"lowest {min(p['performance'] for p in pages)}", data["performance_met"]),
            (f"Lighthouse accessibility = {lighthouse.ACCESSIBILITY_TARGET}",
             f"lowest {min(p['accessibility'] for p in pages)}", data["accessibility_met"])]


def main(argv: list[str] | None = None) -> int:
    parser = arg_parser(__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer sizes and runs: a smoke test")
    parser.add_argument("--skip", nargs="+", default=[], choices=sorted(BENCHMARKS), metavar="NAME",
                        help=f"leave out some of: {', '.join(BENCHMARKS)}")
    args = parser.parse_args(argv)
    summary: list[tuple[str, str, bool]] = []
    timings: dict[str, float] = {}
    for name, (run, report) in BENCHMARKS.items():
        if name in args.skip:
            continue
        print(f"== {name}", flush=True)
        start = time.perf_counter()
        data = run(args.quick)
        timings[name] = time.perf_counter() - start
        print(report(data))
        print(f"wrote {save(name, data)}\n", flush=True)
        summary += targets(name, data)
    print("== summary")
    print(table(["target", "measured", "met"], [[t, m, verdict(ok)] for t, m, ok in summary]))
    save("summary", {"quick": args.quick, "seconds": timings,
                     "targets": [{"target": t, "measured": m, "met": ok} for t, m, ok in summary]})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
