"""The ``helptree`` command: a thin adapter over the core; exit 0 ok, 1 bad input, 2 usage."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from generator import __version__
from generator.check import DEFAULT_MAX_QUESTIONS, Options, Project, check_project
from generator.graph import dot, mermaid
from generator.paths import Path as TreePath
from generator.problems import render_problems
from generator.site_cli import add_site_commands

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `helptree paths | head` closes the pipe early; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as err:
        if os.environ.get("HELPTREE_DEBUG"):
            raise
        print(f"helptree: internal error: {type(err).__name__}: {err}\n"
              "    hint: this is a bug in helptree; run again with HELPTREE_DEBUG=1 "
              "and report the traceback", file=sys.stderr)
        return EXIT_INVALID


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="helptree",
        description="Turn a YAML decision tree and Markdown articles into a troubleshooting site.",
    )
    parser.add_argument("--version", action="version", version=f"helptree {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate the tree and the content")
    _tree_options(check)
    check.add_argument("--show-source", action="store_true",
                       help="print the source line and a caret under each problem")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(run=run_check)

    paths = commands.add_parser("paths", help="list every path through the tree")
    _tree_options(paths)
    paths.add_argument("--format", choices=("text", "json", "csv"), default="text")
    amount = paths.add_mutually_exclusive_group()
    amount.add_argument("--limit", type=_positive, metavar="N", help="stop after N paths")
    amount.add_argument("--count", action="store_true",
                       help="print the exact number of paths, without listing them")
    paths.set_defaults(run=run_paths)

    graph = commands.add_parser("graph", help="print the tree as a Mermaid or DOT diagram")
    _tree_options(graph)
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    graph.set_defaults(run=run_graph)

    add_site_commands(commands)
    return parser


def _tree_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tree", type=Path, default=Path("decision_tree.yaml"), metavar="FILE",
                        help="the decision tree (default: decision_tree.yaml)")
    parser.add_argument("--content", type=Path, metavar="DIR",
                        help="the articles folder (default: content/ beside the tree)")
    parser.add_argument("--max-questions", type=_positive, default=DEFAULT_MAX_QUESTIONS,
                        metavar="N", help="most questions allowed on one path (default: 8)")
    parser.add_argument("--max-grade", type=float, metavar="GRADE",
                        help="warn about texts above this US reading grade (needs textstat)")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def load_checked(args: argparse.Namespace, *, strict: bool = False,
                 show_source: bool = False) -> Project | None:
    """Check the project; print every problem; None when it cannot be used."""
    project = check_project(args.tree, args.content, Options(max_questions=args.max_questions,
                                                                 max_grade=args.max_grade))
    if project.problems:
        print(render_problems(project.problems, with_source=show_source), file=sys.stderr)
    failed = not project.ok or (strict and project.problems)
    return None if failed else project


def run_check(args: argparse.Namespace) -> int:
    project = load_checked(args, strict=args.strict, show_source=args.show_source)
    if project is None or project.tree is None or project.index is None:
        print(f"{args.tree}: failed", file=sys.stderr)
        return EXIT_INVALID
    tree = project.tree
    outcomes = sum(1 for _ in tree.outcomes())
    questions = len(tree.nodes) - outcomes
    warnings = len(project.problems)
    print(f"{args.tree}: ok: {len(tree.nodes)} nodes ({_plural(questions, 'question')}, "
          f"{_plural(outcomes, 'outcome')}), "
          f"{_plural(project.index.count(), 'path')}, {_plural(len(project.articles), 'article')}"
          + (f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""))
    return EXIT_OK


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def run_paths(args: argparse.Namespace) -> int:
    project = load_checked(args)
    if project is None or project.index is None or project.tree is None:
        return EXIT_INVALID
    if args.count:
        print(project.index.count())
        return EXIT_OK
    paths = project.index.iter_paths()
    if args.limit is not None:
        paths = _take(paths, args.limit)
    writer = {"text": _write_text, "json": _write_json, "csv": _write_csv}[args.format]
    writer(project, paths, sys.stdout)
    return EXIT_OK


def _take(paths: Iterator[TreePath], limit: int) -> Iterator[TreePath]:
    for number, path in enumerate(paths, 1):
        yield path
        if number >= limit:
            return


def _write_text(project: Project, paths: Iterator[TreePath], out: TextIO) -> None:
    assert project.tree is not None
    for number, path in enumerate(paths, 1):
        answers = " > ".join(path.answers) or "(start)"
        out.write(f"{number}. {answers} => {path.end}: {project.tree.nodes[path.end].title}\n")


def _path_record(project: Project, path: TreePath) -> dict[str, object]:
    assert project.tree is not None
    return {
        "answers": list(path.answers),
        "nodes": list(path.nodes),
        "outcome": path.end,
        "title": project.tree.nodes[path.end].title,
    }


def _write_json(project: Project, paths: Iterator[TreePath], out: TextIO) -> None:
    # Streamed: one record per line inside the array, so memory stays flat.
    out.write("[")
    for number, path in enumerate(paths):
        out.write(("," if number else "") + "\n  " + json.dumps(_path_record(project, path),
                                                               ensure_ascii=False))
    out.write("\n]\n")


def _write_csv(project: Project, paths: Iterator[TreePath], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["path", "answers", "nodes", "outcome", "title"])
    for number, path in enumerate(paths, 1):
        record = _path_record(project, path)
        writer.writerow([number, " > ".join(path.answers), " > ".join(path.nodes),
                         record["outcome"], record["title"]])


def run_graph(args: argparse.Namespace) -> int:
    project = load_checked(args)
    if project is None or project.tree is None:
        return EXIT_INVALID
    lines = mermaid(project.tree) if args.format == "mermaid" else dot(project.tree)
    for line in lines:
        sys.stdout.write(line + "\n")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
