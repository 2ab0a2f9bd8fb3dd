"""Path engine: `helptree check` and `helptree paths --count` on ladder trees with 2**K paths.

    python bench/path_engine.py [--layers 20 40 60] [--runs 5]

A ladder (see gen_tree.py) has 2K+1 nodes and 2**K paths, so anything that lists paths
one by one never finishes. Reports the median wall time of each command (a whole
process, Python start-up included), the same work in-process, and the count printed,
checked against 2**K. Times are the best of the runs: these commands take a fraction of
a second, where other work on the machine can only add noise. Targets: flat in K (K=60
within 1.5x the time of K=20), each command under a second.
Writes bench/results/path_engine.json.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import WORK, arg_parser, check_ok, median, run_measured, save, table, tool, verdict
from gen_tree import make_ladder, write_helptree_project

SECONDS_TARGET = 1.0  # each command, start-up included
FLAT_TARGET = 1.5  # the largest K within 1.5x the time of the smallest
MAX_QUESTIONS = "1000"


def prepare(layers: int) -> Path:
    folder = WORK / f"ladder-{layers}"
    write_helptree_project(make_ladder(layers), folder, max_questions=layers + 1)
    return folder / "decision_tree.yaml"


def in_process(tree: Path, runs: int) -> tuple[float, int]:
    """Check and count in this process: the engine's own time, without start-up."""
    from generator.check.run import check
    from generator.project.mkdocs_yml import lone_tree
    from generator.source.spec import Options

    times: list[float] = []
    count = 0
    for _ in range(runs):
        start = time.perf_counter()
        spec = lone_tree(tree, tree.parent / "content")
        report = check(replace(spec, options=Options(max_questions=int(MAX_QUESTIONS))))
        if report.project is None:
            sys.exit(f"bench: {tree} failed its checks: {[p.headline() for p in report.errors]}")
        count = report.project.guide.index.count()
        times.append(time.perf_counter() - start)
    return min(times), count


def measure(layers: list[int], runs: int) -> dict[str, Any]:
    startup = [run_measured([*tool("helptree"), "--version"]) for _ in range(runs)]
    results: list[dict[str, Any]] = []
    for k in layers:
        tree = prepare(k)
        common = ["--tree", str(tree), "--max-questions", MAX_QUESTIONS]
        checks = [run_measured([*tool("helptree"), "check", *common]) for _ in range(runs)]
        counts = [run_measured([*tool("helptree"), "paths", "--count", *common]) for _ in range(runs)]
        for run in (*checks, *counts):
            check_ok(run, f"helptree on the ladder of {k}")
        printed = int(counts[0].stdout.strip())
        engine_s, engine_count = in_process(tree, runs)
        results.append({
            "layers": k, "nodes": 2 * k + 1, "paths": printed, "expected_paths": 2 ** k,
            "count_correct": printed == 2 ** k == engine_count,
            "check_seconds": min(r.seconds for r in checks),
            "count_seconds": min(r.seconds for r in counts),
            "check_seconds_median": median([r.seconds for r in checks]),
            "count_seconds_median": median([r.seconds for r in counts]),
            "in_process_seconds": engine_s,
            "check_summary": checks[0].stdout.strip(),
        })
    slowest = max(max(r["check_seconds"], r["count_seconds"]) for r in results)
    first, last = results[0], results[-1]
    flat = max(last["check_seconds"] / first["check_seconds"], last["count_seconds"] / first["count_seconds"])
    return {
        "runs": runs, "results": results,
        "startup_seconds": min(r.seconds for r in startup),
        "slowest_seconds": slowest, "growth_last_over_first": flat,
        "targets": {"seconds_max": SECONDS_TARGET, "growth_max": FLAT_TARGET},
        "seconds_met": slowest < SECONDS_TARGET, "flat_met": flat <= FLAT_TARGET,
        "counts_met": all(r["count_correct"] for r in results),
    }


def report(data: dict[str, Any]) -> str:
    rows = [[r["layers"], r["nodes"], f"2^{r['layers']} = {r['paths']:,}", r["count_correct"],
             r["check_seconds"], r["count_seconds"], r["in_process_seconds"] * 1000] for r in data["results"]]
    return "\n".join([
        f"Path engine on ladder trees (best of {data['runs']} runs; seconds)",
        table(["K", "nodes", "paths", "count exact", "check s", "paths --count s", "in-process ms"], rows),
        f"`helptree --version` alone (Python start-up and imports): {data['startup_seconds']:.3f} s",
        f"slowest command {data['slowest_seconds']:.3f} s (target < {SECONDS_TARGET} s: "
        f"{verdict(data['seconds_met'])}); K={data['results'][-1]['layers']} vs "
        f"K={data['results'][0]['layers']}: {data['growth_last_over_first']:.2f}x "
        f"(flat, target <= {FLAT_TARGET}x: {verdict(data['flat_met'])}); "
        f"counts exact: {verdict(data['counts_met'])}",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = arg_parser(__doc__)
    parser.add_argument("--layers", type=int, nargs="+", default=[20, 40, 60])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    data = measure(sorted(args.layers), args.runs)
    print(report(data))
    print(f"wrote {save('path_engine', data)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
