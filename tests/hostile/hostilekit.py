"""Helpers for the hostile-input tests: projects to break, a byte-for-byte picture of a
site folder, a wide generated tree that takes a while to build, and `helptree check` run
in a forked process that reports its peak memory."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

from generator.cli.main import main

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "small"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def copy_small(root: Path) -> Path:
    """A copy of tests/fixtures/small at ``root``; returns its mkdocs.yml."""
    shutil.copytree(SMALL, root, dirs_exist_ok=True)
    return root / "mkdocs.yml"


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: a file's SHA-256, a link's target, or "dir"."""
    found: dict[str, str] = {}
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(parent) / name
            relative = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[relative] = "-> " + os.readlink(path)
            elif path.is_dir():
                found[relative] = "dir"
            else:
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def wide_tree(width: int) -> str:
    """A start question with ``width`` answers, each a question with ``width`` outcomes:
    width**2 + width + 1 nodes, two questions on every path."""
    lines = ["version: 1", "title: A wide tree", "start: start", "nodes:", "  start:",
             "    question: Which group?", "    answers:"]
    lines += [f"      - label: Group {g}\n        next: group-{g}" for g in range(width)]
    for g in range(width):
        lines += [f"  group-{g}:", f"    question: Which item of group {g}?", "    answers:"]
        lines += [f"      - label: Item {i}\n        next: item-{g}-{i}" for i in range(width)]
        lines += [f"  item-{g}-{i}:\n    outcome: Item {i} of group {g}\n    body: Do step {i}."
                  for i in range(width)]
    return "\n".join(lines) + "\n"


def check_and_report_peak(args: list[str], stderr: str) -> None:
    """`helptree check ARGS` in a forked process (test_hostile_parser.py): its stderr to the
    file ``stderr``, then the process's high-water mark (VmHWM) there, and its exit code
    as the process's."""
    with open(stderr, "w", encoding="utf-8") as err, open(os.devnull, "w") as out:
        os.dup2(err.fileno(), 2)
        os.dup2(out.fileno(), 1)
    try:
        code = main(["check", *args])
    except SystemExit as exit_:  # what the console script would turn into an exit code
        code = exit_.code if isinstance(exit_.code, int) else 1
    sys.stdout.flush()
    sys.stderr.flush()
    with open("/proc/self/status") as status:
        peak = next(line for line in status if line.startswith("VmHWM:"))
    sys.stderr.write(f"PEAK-KB {peak.split()[1]}\n")
    sys.exit(code)
