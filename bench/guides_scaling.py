"""Cost against the number of guides: one help center of G guides, each a generated tree of
the same size, checked and built by helptree.

    python bench/guides_scaling.py [--guides 1 2 4 8] [--nodes 250] [--runs 3]

For each G: median wall and CPU time of `helptree check` and of `helptree build`, and the
CPU per guide. Linear means the CPU per guide stays flat as G grows (target: G=8 costs
within 1.25x per guide of G=2; one guide also pays the fixed start-up of MkDocs and Python,
which is why the comparison starts at two). Writes bench/results/guides_scaling.json.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_tree
from _common import WORK, arg_parser, check_ok, median, rmtree, run_measured, save, table, tool, verdict

PER_GUIDE_TARGET = 1.25  # CPU per guide at the most guides, against two guides


def prepare(guides: int, nodes: int) -> Path:
    """A help center of ``guides`` generated trees of ``nodes`` nodes each."""
    root = WORK / f"guides-{guides}x{nodes}"
    rmtree(root)
    entries = []
    for number in range(guides):
        tree = gen_tree.make_tree(nodes, seed=number + 1)
        tree["title"] = f"Guide {number + 1}"
        path = root / "guides" / f"guide-{number + 1}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(tree, sort_keys=False), encoding="utf-8")
        entries.append({"tree": f"guides/guide-{number + 1}.yaml", "base": f"guide-{number + 1}"})
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# Help center\n\nPick a guide.\n", encoding="utf-8")
    config = {"site_name": f"{guides} guides", "docs_dir": "content", "use_directory_urls": True,
              "theme": {"name": "material"}, "plugins": ["search", {"helptree": {"guides": entries}}]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root


def measure(root: Path, runs: int) -> dict[str, float]:
    times: dict[str, list[float]] = {"check": [], "check_cpu": [], "build": [], "build_cpu": []}
    for _ in range(runs):
        checked = run_measured([*tool("helptree"), "check", "--config", str(root / "mkdocs.yml")], cwd=root)
        check_ok(checked, f"helptree check of {root.name}")
        built = run_measured([*tool("helptree"), "build", "--config", str(root / "mkdocs.yml"),
                              "--site-dir", str(root / "site")], cwd=root)
        check_ok(built, f"helptree build of {root.name}")
        times["check"].append(checked.seconds)
        times["check_cpu"].append(checked.cpu_seconds)
        times["build"].append(built.seconds)
        times["build_cpu"].append(built.cpu_seconds)
    return {key: median(values) for key, values in times.items()}


def main() -> int:
    parser = arg_parser(__doc__)
    parser.add_argument("--guides", type=int, nargs="*", default=[1, 2, 4, 8])
    parser.add_argument("--nodes", type=int, default=250)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[int, dict[str, float]] = {}
    for guides in args.guides:
        results[guides] = measure(prepare(guides, args.nodes), args.runs)
    rows: list[list[Any]] = []
    for guides, r in results.items():
        rows.append([guides, guides * args.nodes, r["check"], r["check_cpu"], r["build"],
                     r["build_cpu"], r["build_cpu"] / guides])
    print(table(["guides", "nodes", "check s", "check CPU s", "build s", "build CPU s",
                 "build CPU s per guide"], rows))
    most = max(results)
    if 2 in results and most > 2:
        growth = (results[most]["build_cpu"] / most) / (results[2]["build_cpu"] / 2)
        print(f"CPU per guide at {most} guides against 2: {growth:.2f}x "
              f"(target <= {PER_GUIDE_TARGET}): {verdict(growth <= PER_GUIDE_TARGET)}")
    save("guides_scaling", {"nodes_per_guide": args.nodes, "results": results})
    return 0


if __name__ == "__main__":
    sys.exit(main())
