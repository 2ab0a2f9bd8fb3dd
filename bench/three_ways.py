"""The same pages three ways: `helptree build`, `mkdocs build` of `helptree export`, and
`zensical build` of that export (cold: no Zensical cache; warm: its cache kept), and the
edit loop under `mkdocs serve`.

    python bench/three_ways.py [--projects guide 1000 5000 20000 es1000] [--runs 3]
                               [--edit guide 5000] [--edit-runs 3]

Projects: `guide` is the shipped help center (two guides, English and Spanish,
`max_grade: 8`, `min_ease: 70`); a number N is a generated tree of N nodes (gen_tree.py,
its compact text, so that 20,000 nodes fit the 5 MB limit of a tree file) with
`max_grade: 8`; `esN` is the same with a Spanish edition (two languages, both checks).
The export of each is written once, untimed. Each run builds all four, one
after the other, so drift in a busy machine hits every one; the table gives medians of
wall time, CPU time (user + system of the process and its threads, steadier on a shared
machine) and peak memory. helptree's own syllable cache is warm (its normal state after
the first build on a machine); `guide-first` builds the guide with an empty one.

Edit loop: `mkdocs serve` of the helptree project against `mkdocs serve` of its export;
a one-line change (the start question's text, in the tree, or in the exported page) is
saved, and the clock runs until the server returns the page with the new text. CPU is
what the server process spent in between.

Targets: helptree / mkdocs-of-export <= 1.0 at every size (wall and CPU), 20,000 nodes
within 4.5x of 5,000, edit loop helptree / plain <= 1.0. Writes bench/results/three_ways.json.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_tree
from _common import (
    ROOT,
    WORK,
    Run,
    arg_parser,
    check_ok,
    env,
    median,
    rmtree,
    run_measured,
    save,
    table,
    tool,
)

RATIO_TARGET = 1.0
GROWTH_TARGET = 4.5  # 20,000 nodes within 4.5x the time of 5,000
SHIPPED = ("mkdocs.yml", "decision_tree.yaml", "decision_tree.es.yaml", "contacts.yaml",
           "contacts.es.yaml", "guides", "content")
WAYS = ("helptree", "mkdocs", "zensical_cold", "zensical_warm")


def project(name: str) -> Path:
    """The helptree project folder for a name (generated again when gen_tree.py or helptree
    changes)."""
    # The export is written by helptree: made again when generator/ changes too.
    if name == "guide":
        folder = WORK / "three-guide" / "helptree"
        stamp = _stamp(*(ROOT / p for p in SHIPPED), ROOT / "generator")
    else:
        nodes = int(name.removeprefix("es"))
        folder = WORK / f"three-{name}" / "helptree"
        stamp = _stamp(Path(gen_tree.__file__), ROOT / "generator")
    marker = folder.parent / "stamp"
    if marker.is_file() and marker.read_text() == stamp:
        return folder
    rmtree(folder.parent)
    if name == "guide":
        folder.mkdir(parents=True)
        for part in SHIPPED:
            source = ROOT / part
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / part)
    else:
        tree = gen_tree.make_tree(nodes, compact=True)
        spanish = gen_tree.make_spanish(tree, compact=True) if name.startswith("es") else None
        gen_tree.write_helptree_project(tree, folder, max_questions=12, max_grade=8, spanish=spanish)
    export = folder.parent / "export"
    check_ok(run_measured([*tool("helptree"), "export", str(export), "--config", str(folder / "mkdocs.yml")]),
             f"helptree export of {name}")
    marker.write_text(stamp)
    return folder


def _stamp(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(ROOT if ROOT in file.parents else file.parent)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def build(way: str, folder: Path, extra_env: dict[str, str] | None = None) -> Run:
    export = folder.parent / "export"
    if way == "helptree":
        site = folder.parent / "helptree-site"
        rmtree(site)
        command = [*tool("helptree"), "build", "--config", str(folder / "mkdocs.yml"),
                   "--site-dir", str(site)]
        cwd = folder
    elif way == "mkdocs":
        site = folder.parent / "mkdocs-site"
        rmtree(site)
        command = [*tool("mkdocs"), "build", "--quiet", "--config-file", str(export / "mkdocs.yml"),
                   "--site-dir", str(site)]
        cwd = export
    else:
        rmtree(export / "site")
        if way == "zensical_cold":
            rmtree(export / ".cache")
        command = [*tool("zensical"), "build", "--config-file", str(export / "mkdocs.yml")]
        cwd = export
    run = run_measured(command, cwd=cwd, extra_env=extra_env)
    check_ok(run, f"{way} build in {folder.parent}")
    return run


def measure_builds(names: list[str], runs: int, done: Callable[[list[dict[str, Any]]], None]
                   ) -> list[dict[str, Any]]:
    """Every way on every project; ``done`` gets the rows so far after each project."""
    folders = {name: project(name) for name in names}
    for way in WAYS:  # untimed: bytecode, disk cache and helptree's syllable cache are warm
        build(way, folders[names[0]])
    results = []
    for name in names:
        by_way: dict[str, list[Run]] = {way: [] for way in WAYS}
        first: list[Run] = []
        for number in range(runs):
            print(f"  {name}: run {number + 1} of {runs}", file=sys.stderr, flush=True)
            for way in WAYS:
                by_way[way].append(build(way, folders[name]))
            if name == "guide":
                with tempfile.TemporaryDirectory() as empty:
                    first.append(build("helptree", folders[name], {"HELPTREE_CACHE_DIR": empty}))
        row: dict[str, Any] = {"project": name, "pages": _pages(folders[name])}
        for way, measured in [*by_way.items(), *([("helptree_first", first)] if first else [])]:
            row[way] = {"seconds": median([r.seconds for r in measured]),
                        "cpu_seconds": median([r.cpu_seconds for r in measured]),
                        "peak_mb": median([r.peak_mb for r in measured]),
                        "runs": [r.seconds for r in measured], "cpu_runs": [r.cpu_seconds for r in measured]}
        row["ratio"] = row["helptree"]["seconds"] / row["mkdocs"]["seconds"]
        row["cpu_ratio"] = row["helptree"]["cpu_seconds"] / row["mkdocs"]["cpu_seconds"]
        results.append(row)
        done(results)
    return results


def _pages(folder: Path) -> int:
    return sum(1 for _ in (folder.parent / "export" / "docs").rglob("*.md"))


# -- the edit loop ---------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return ""


@contextlib.contextmanager
def serving(config: Path) -> Iterator[tuple[str, int]]:
    port = _free_port()
    log = open(config.parent / "serve.log", "wb")  # noqa: SIM115 - closed below
    child = subprocess.Popen([*tool("mkdocs"), "serve", "--config-file", str(config), "--dev-addr",
                              f"127.0.0.1:{port}"], cwd=config.parent, env=env(), stdout=log,
                             stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}", child.pid
    finally:
        child.terminate()
        child.wait(timeout=30)
        log.close()


def _wait_for(url: str, text: str, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while text not in _get(url):
        if time.monotonic() > deadline:
            sys.exit(f"bench: {url} never showed {text!r}")
        time.sleep(0.02)


def measure_edit(name: str, runs: int) -> dict[str, Any]:
    """Save a one-line change, wait for the reloaded page: helptree serve against plain."""
    folder = project(name)
    work = WORK / f"edit-{name}"
    rmtree(work)
    shutil.copytree(folder, work / "helptree")
    shutil.copytree(folder.parent / "export", work / "export",
                    ignore=shutil.ignore_patterns("site", ".cache"))
    tree_file = work / "helptree" / "decision_tree.yaml"
    tree = yaml.safe_load(tree_file.read_text(encoding="utf-8"))
    start, question = tree["start"], tree["nodes"][tree["start"]]["question"]
    base = "troubleshoot" if name != "guide" else _first_base(work / "helptree" / "mkdocs.yml")
    page_file = next(p for p in (work / "export" / "docs" / base).glob(f"{start}*")
                     if p.suffix == ".md" or p.is_dir())
    page_file = page_file / "index.md" if page_file.is_dir() else page_file
    sides = {"helptree": (work / "helptree" / "mkdocs.yml", tree_file),
             "plain": (work / "export" / "mkdocs.yml", page_file)}
    result: dict[str, Any] = {"project": name}
    for side, (config, edited) in sides.items():
        seconds: list[float] = []
        cpu: list[float] = []
        with serving(config) as (url, pid):
            page = f"{url}/{base}/{start}/"
            _wait_for(page, question.split("?")[0][:30])
            original = edited.read_text(encoding="utf-8")
            for number in range(runs):
                print(f"  edit loop {name}, {side}: run {number + 1} of {runs}", file=sys.stderr, flush=True)
                marker = f"Edited{number}x{side}"
                changed = original.replace(question, f"{question[:-1]} {marker}?", 1)
                assert changed != original, f"no start question in {edited}"
                time.sleep(1.0)  # the server is idle again
                before_cpu, before = _cpu(pid), time.perf_counter()
                edited.write_text(changed, encoding="utf-8")
                _wait_for(page, marker)
                seconds.append(time.perf_counter() - before)
                cpu.append(_cpu(pid) - before_cpu)
            edited.write_text(original, encoding="utf-8")
        result[side] = {"seconds": median(seconds), "cpu_seconds": median(cpu), "runs": seconds,
                        "cpu_runs": cpu}
    result["ratio"] = result["helptree"]["seconds"] / result["plain"]["seconds"]
    result["cpu_ratio"] = result["helptree"]["cpu_seconds"] / result["plain"]["cpu_seconds"]
    return result


def _first_base(config: Path) -> str:
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_constructor("!ENV", lambda _loader, _node: None)
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=Loader)
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "helptree" in plugin:
            guides = plugin["helptree"].get("guides")
            return str(guides[0]["base"]) if guides else "troubleshoot"
    return "troubleshoot"


# -- the report ------------------------------------------------------------------------------------

def report(data: dict[str, Any]) -> str:
    rows = []
    for r in data["builds"]:
        cells: list[Any] = [r["project"], r["pages"]]
        for way in WAYS:
            cells.append(f"{r[way]['seconds']:.2f} ({r[way]['cpu_seconds']:.2f})")
        cells += [r["ratio"], r["cpu_ratio"], f"{r['helptree']['peak_mb']:.0f} / {r['mkdocs']['peak_mb']:.0f}"
                  f" / {r['zensical_warm']['peak_mb']:.0f}", r["ratio"] <= RATIO_TARGET]
        rows.append(cells)
    lines = [f"The same pages three ways (median of {data['runs']} runs; wall s (CPU s))",
             table(["project", "pages", "helptree build", "mkdocs build of export", "zensical cold",
                    "zensical warm", "ratio", "CPU ratio", "peak MB h / m / z", "<= 1.0"], rows)]
    for r in data["builds"]:
        if "helptree_first" in r:
            first = r["helptree_first"]
            lines.append(f"{r['project']}: first helptree build on a machine (empty syllable cache) "
                         f"{first['seconds']:.2f} s ({first['cpu_seconds']:.2f} CPU)")
    if data.get("growth") is not None:
        lines.append(f"growth 5,000 -> 20,000 nodes: helptree {data['growth']:.2f}x wall, "
                     f"{data['cpu_growth']:.2f}x CPU (target <= {GROWTH_TARGET}x); "
                     f"mkdocs of export {data['mkdocs_growth']:.2f}x")
    if data["edits"]:
        rows = [[e["project"], f"{e['helptree']['seconds']:.2f} ({e['helptree']['cpu_seconds']:.2f})",
                 f"{e['plain']['seconds']:.2f} ({e['plain']['cpu_seconds']:.2f})", e["ratio"], e["cpu_ratio"],
                 e["ratio"] <= RATIO_TARGET] for e in data["edits"]]
        lines += [f"Edit loop under mkdocs serve (median of {data['edit_runs']}; save to reloaded page, "
                  "wall s (server CPU s))",
                  table(["project", "helptree serve", "mkdocs serve of export", "ratio", "CPU ratio",
                         "<= 1.0"], rows)]
    return "\n".join(lines)


PROJECTS = ["guide", "1000", "5000", "20000", "es1000"]
EDITS = ["guide", "5000"]


def measure(projects: list[str], runs: int, edits: list[str], edit_runs: int) -> dict[str, Any]:
    """Every build, then every edit loop; the table so far is printed and saved after each
    project (a long run is never lost half-way)."""
    data: dict[str, Any] = {"runs": runs, "edit_runs": edit_runs, "builds": [], "growth": None,
                            "edits": [], "targets": {"ratio_max": RATIO_TARGET, "growth_max": GROWTH_TARGET}}

    def progress(builds: list[dict[str, Any]]) -> None:
        data["builds"] = builds
        print(report(data), file=sys.stderr, flush=True)
        save("three_ways", data)

    builds = measure_builds(projects, runs, progress) if projects else []
    by_name = {r["project"]: r for r in builds}
    if "5000" in by_name and "20000" in by_name:
        big, small = by_name["20000"], by_name["5000"]
        data.update(growth=big["helptree"]["seconds"] / small["helptree"]["seconds"],
                    cpu_growth=big["helptree"]["cpu_seconds"] / small["helptree"]["cpu_seconds"],
                    mkdocs_growth=big["mkdocs"]["seconds"] / small["mkdocs"]["seconds"])
    for name in edits:
        data["edits"].append(measure_edit(name, edit_runs))
        save("three_ways", data)
    return data


def main(argv: list[str] | None = None) -> int:
    parser = arg_parser(__doc__)
    parser.add_argument("--projects", nargs="*", default=PROJECTS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edit", nargs="*", default=EDITS)
    parser.add_argument("--edit-runs", type=int, default=3)
    args = parser.parse_args(argv)
    data = measure(args.projects, args.runs, args.edit, args.edit_runs)
    print(report(data))
    print(f"wrote {save('three_ways', data)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
