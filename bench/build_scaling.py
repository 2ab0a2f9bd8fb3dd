"""Build scaling: `helptree build` of generated trees against plain MkDocs + Material
building the same number of equivalent hand-written pages, side by side.

    python bench/build_scaling.py [--sizes 100 1000 5000] [--runs 3]

For each size: median wall time and peak memory of several runs (the two builds
alternate, so drift in the machine hits both), the ratio helptree / plain, and how
helptree's time grows. Targets: ratio <= 1.3 at every size; 5,000 nodes within 5.5x of
1,000. Writes bench/results/build_scaling.json.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_tree
from _common import WORK, Run, arg_parser, check_ok, median, rmtree, run_measured, save, table, tool, verdict

RATIO_TARGET = 1.3
GROWTH_TARGET = 5.5  # 5,000 nodes within 5.5x the time of 1,000


def prepare(nodes: int) -> Path:
    """Generate the two projects for a size under bench/results/work/ (again only when
    gen_tree.py has changed since)."""
    folder = WORK / f"scaling-{nodes}"
    stamp = hashlib.sha256(Path(gen_tree.__file__).read_bytes()).hexdigest()
    if (folder / "stamp").is_file() and (folder / "stamp").read_text() == stamp:
        return folder
    rmtree(folder)
    tree = gen_tree.make_tree(nodes)
    gen_tree.write_helptree_project(tree, folder / "helptree")
    gen_tree.write_plain_project(tree, folder / "plain")
    (folder / "stamp").write_text(stamp)
    return folder


def build_helptree(folder: Path) -> Run:
    site = folder / "helptree-site"
    rmtree(site)
    run = run_measured([*tool("helptree"), "build", "--config", str(folder / "helptree" / "mkdocs.yml"),
                        "--site-dir", str(site)])
    check_ok(run, f"helptree build in {folder}")
    return run


def build_plain(folder: Path) -> Run:
    site = folder / "plain-site"
    rmtree(site)
    run = run_measured([*tool("mkdocs"), "build", "--quiet", "--config-file",
                        str(folder / "plain" / "mkdocs.yml"), "--site-dir", str(site)])
    check_ok(run, f"mkdocs build in {folder}")
    return run


def measure(sizes: list[int], runs: int) -> dict[str, Any]:
    folders = {n: prepare(n) for n in sizes}
    # One untimed build of each kind first: compiled bytecode and the disk cache are warm.
    build_helptree(folders[sizes[0]])
    build_plain(folders[sizes[0]])
    results: list[dict[str, Any]] = []
    for nodes in sizes:
        helptree: list[Run] = []
        plain: list[Run] = []
        for number in range(runs):
            print(f"  {nodes:,} nodes: run {number + 1} of {runs}", file=sys.stderr, flush=True)
            helptree.append(build_helptree(folders[nodes]))
            plain.append(build_plain(folders[nodes]))
        h_s, p_s = median([r.seconds for r in helptree]), median([r.seconds for r in plain])
        h_cpu, p_cpu = median([r.cpu_seconds for r in helptree]), median([r.cpu_seconds for r in plain])
        h_mb, p_mb = median([r.peak_mb for r in helptree]), median([r.peak_mb for r in plain])
        results.append({
            "nodes": nodes,
            "helptree_seconds": h_s, "plain_seconds": p_s, "ratio": h_s / p_s,
            "helptree_cpu_seconds": h_cpu, "plain_cpu_seconds": p_cpu, "cpu_ratio": h_cpu / p_cpu,
            "helptree_peak_mb": h_mb, "plain_peak_mb": p_mb, "memory_ratio": h_mb / p_mb,
            "helptree_runs": [r.seconds for r in helptree], "plain_runs": [r.seconds for r in plain],
            "helptree_peak_mb_runs": [r.peak_mb for r in helptree],
            "plain_peak_mb_runs": [r.peak_mb for r in plain],
        })
    by_size = {r["nodes"]: r for r in results}
    growth = cpu_growth = None
    if 1000 in by_size and 5000 in by_size:
        growth = by_size[5000]["helptree_seconds"] / by_size[1000]["helptree_seconds"]
        cpu_growth = by_size[5000]["helptree_cpu_seconds"] / by_size[1000]["helptree_cpu_seconds"]
    return {
        "runs": runs, "results": results,
        "growth_5000_over_1000": growth,
        "cpu_growth_5000_over_1000": cpu_growth,
        "plain_growth_5000_over_1000": (by_size[5000]["plain_seconds"] / by_size[1000]["plain_seconds"]
                                        if growth is not None else None),
        "targets": {"ratio_max": RATIO_TARGET, "growth_max": GROWTH_TARGET},
        "ratio_met": all(r["ratio"] <= RATIO_TARGET for r in results),
        "growth_met": growth is None or growth <= GROWTH_TARGET,
    }


def report(data: dict[str, Any]) -> str:
    rows = [[r["nodes"], r["helptree_seconds"], r["plain_seconds"], r["ratio"],
             r["helptree_cpu_seconds"], r["plain_cpu_seconds"], r["cpu_ratio"],
             r["helptree_peak_mb"], r["plain_peak_mb"], r["memory_ratio"],
             r["ratio"] <= RATIO_TARGET] for r in data["results"]]
    lines = [f"Build scaling (median of {data['runs']} runs; wall and CPU seconds, peak MB)",
             table(["nodes", "helptree s", "plain s", "ratio", "helptree CPU s", "plain CPU s",
                    "CPU ratio", "helptree MB", "plain MB", "MB ratio", f"ratio <= {RATIO_TARGET}"], rows)]
    if data["growth_5000_over_1000"] is not None:
        lines.append(f"growth 1,000 -> 5,000 nodes: helptree {data['growth_5000_over_1000']:.2f}x "
                     f"(target <= {GROWTH_TARGET}x: {verdict(data['growth_met'])}), "
                     f"plain {data['plain_growth_5000_over_1000']:.2f}x; "
                     f"helptree CPU time {data['cpu_growth_5000_over_1000']:.2f}x")
    lines.append(f"ratio target: {verdict(data['ratio_met'])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = arg_parser(__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    data = measure(sorted(args.sizes), args.runs)
    print(report(data))
    print(f"wrote {save('build_scaling', data)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
