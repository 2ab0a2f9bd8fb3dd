"""The ``helptree`` command: a thin adapter over the core; exit 0 ok, 1 bad input, 2 usage."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import TextIO

from generator import __version__
from generator.check.paths import Path as TreePath
from generator.check.run import CheckedGuide, CheckedProject, CheckReport, check
from generator.check.translation_status import lock_file, table, write_lock
from generator.cli.diagram import dot, mermaid
from generator.cli.site_commands import add_site_commands
from generator.cli.spreadsheet import csv_writer
from generator.model import Tree
from generator.plan.desk import link_rows
from generator.problems import Problem, ProblemsError, printable, render_problems, sort_problems
from generator.project.mkdocs_yml import lone_tree, open_project
from generator.source.schema import KINDS as SCHEMA_KINDS
from generator.source.schema import text, write_all
from generator.source.spec import LOCK_NAME, ProjectSpec
from generator.text import TextRenderer

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

    checking = commands.add_parser("check", help="validate the tree and the content")
    _tree_options(checking)
    checking.add_argument("--show-source", action="store_true",
                       help="print the source line and a caret under each problem")
    checking.add_argument("--strict", action="store_true", help="treat warnings as errors")
    checking.add_argument("--format", choices=("text", "json", "github"), default="text",
                          help="json: one report on stdout; github: GitHub Actions annotations")
    checking.set_defaults(run=run_check)

    paths = commands.add_parser("paths", help="list every path through the tree")
    _tree_options(paths)
    _guide_option(paths)
    paths.add_argument("--format", choices=("text", "json", "csv"), default="text")
    amount = paths.add_mutually_exclusive_group()
    amount.add_argument("--limit", type=_positive, metavar="N", help="stop after N paths")
    amount.add_argument("--count", action="store_true",
                       help="print the exact number of paths, without listing them")
    paths.set_defaults(run=run_paths)

    graph = commands.add_parser("graph", help="print the tree as a Mermaid or DOT diagram")
    _tree_options(graph)
    _guide_option(graph)
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    graph.set_defaults(run=run_graph)

    links = commands.add_parser("links", help="every outcome with its full URL, for a help "
                                                "desk's saved replies")
    _tree_options(links)
    links.add_argument("--format", choices=("csv", "json"), default="csv")
    links.set_defaults(run=run_links)

    translate = commands.add_parser("translate", help="how far each translation is; "
                                    "--mark-reviewed records them as reviewed")
    translate.add_argument("--config", "-f", type=Path, default=Path("mkdocs.yml"), metavar="FILE")
    translate.add_argument("--mark-reviewed", action="store_true",
                           help="record every translated text as reviewed against the main "
                                f"text it translates now (in {LOCK_NAME} beside mkdocs.yml)")
    translate.set_defaults(run=run_translate)

    schema = commands.add_parser("schema", help="the JSON Schema of trees, translations and "
                                 "contacts, for editors")
    schema.add_argument("kind", nargs="?", default="tree", choices=SCHEMA_KINDS,
                        help="which file's schema to print (default: tree)")
    schema.add_argument("--write", type=Path, metavar="DIR",
                        help="write every schema into DIR instead (KIND.schema.json)")
    schema.set_defaults(run=run_schema)

    add_site_commands(commands)
    return parser


def _tree_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", "-f", type=Path, default=Path("mkdocs.yml"), metavar="FILE",
                        help="the project's mkdocs.yml (default: mkdocs.yml); without one, "
                             "decision_tree.yaml on its own")
    parser.add_argument("--tree", type=Path, metavar="FILE",
                        help="check this tree on its own instead of the project")
    parser.add_argument("--content", type=Path, metavar="DIR",
                        help="with --tree: the articles folder (default: content/ beside the "
                             "tree, if there is one)")
    parser.add_argument("--max-questions", type=_positive, metavar="N",
                        help="most questions allowed on one path (default: the project's, 8)")
    parser.add_argument("--max-grade", type=float, metavar="GRADE",
                        help="warn about texts above this US reading grade (needs textstat)")


def _guide_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--guide", metavar="BASE",
                        help="the guide, by its base (default: the first guide)")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def project_spec(args: argparse.Namespace) -> ProjectSpec:
    """The project the command line names: mkdocs.yml's, or a lone tree; the options given
    on the command line win over the project's. ProblemsError when it cannot be opened."""
    if args.tree is not None or (not args.config.exists() and args.config == Path("mkdocs.yml")):
        spec = lone_tree(args.tree or Path("decision_tree.yaml"), args.content)
    else:
        spec, _ = open_project(args.config)
    options = spec.options
    if args.max_questions is not None:
        options = replace(options, max_questions=args.max_questions)
    if args.max_grade is not None:
        options = replace(options, max_grade=args.max_grade)
    return replace(spec, options=options)


def checked(args: argparse.Namespace) -> CheckReport:
    """Open and check the project; the problems are the report's, ready to print, with
    HT306 when the project cannot show full URLs."""
    try:
        spec = project_spec(args)
    except ProblemsError as err:
        return CheckReport(err.problems, None)
    report = replace(check(spec), spec=spec)
    missing = spec.site_url_problem()
    return replace(report, problems=[*report.problems, missing]) if missing else report


def load_checked(args: argparse.Namespace) -> CheckedProject | None:
    """Check the project; print every problem; None when it cannot be used."""
    report = checked(args)
    if report.problems:
        print(render_problems(report.problems, with_source=False), file=sys.stderr)
    return report.project


def chosen_guide(project: CheckedProject, args: argparse.Namespace) -> CheckedGuide | None:
    if args.guide is None:
        return project.guide
    found = next((g for g in project.guides if g.base == args.guide), None)
    if found is None:
        print(f"helptree: no guide has the base `{args.guide}`; the guides are: "
              + ", ".join(g.base for g in project.guides), file=sys.stderr)
    return found


def run_check(args: argparse.Namespace) -> int:
    report = checked(args)
    failed = report.project is None or (args.strict and bool(report.problems))
    if args.format == "json":
        print(json.dumps(_json_report(report, failed), ensure_ascii=False, indent=2))
        return EXIT_INVALID if failed else EXIT_OK
    if args.format == "github":
        for problem in sort_problems(report.problems):
            print(github_annotation(problem))
    elif report.problems:
        print(render_problems(report.problems, with_source=args.show_source), file=sys.stderr)
    if report.project is None or failed:
        name = args.tree or (args.config if args.config.exists() else Path("decision_tree.yaml"))
        print(f"{name}: failed", file=sys.stderr)
        return EXIT_INVALID
    for line in _summary(report.project, len(report.problems)):
        print(line)
    if report.translations is not None and report.translations.rows:
        print(table(report.translations.rows))
    return EXIT_OK


def _summary(project: CheckedProject, warnings: int) -> Iterator[str]:
    """One line per guide; a lone guide's line also counts the articles and warnings."""
    tail = f", {_plural(len(project.articles), 'article')}" + (
        f", {_plural(warnings, 'warning')}" if warnings else "")
    for number, guide in enumerate(project.guides):
        tree = guide.tree
        outcomes = sum(1 for _ in tree.outcomes())
        line = (f"{_shown(guide.spec.tree)}: ok: {len(tree.nodes)} nodes "
                f"({_plural(len(tree.nodes) - outcomes, 'question')}, {_plural(outcomes, 'outcome')}), "
                f"{_plural(guide.index.count(), 'path')}")
        yield line + (tail if len(project.guides) == 1 and number == 0 else "")
    if len(project.guides) > 1:
        yield f"help center: ok: {_plural(len(project.guides), 'guide')}{tail}"


def _shown(path: Path) -> str:
    """A tree's name as the user would write it: relative to here when it can be."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _json_report(report: CheckReport, failed: bool) -> dict[str, object]:
    project = report.project
    return {
        "ok": not failed,
        "problems": [{"file": p.location.file, "line": p.location.line,
                      "column": p.location.column, "severity": p.severity.value,
                      "code": p.code, "message": p.message, "hint": p.hint}
                     for p in sort_problems(report.problems)],
        # On failure, the guides that were checked, without counts (none can be trusted).
        "guides": [{"tree": _shown(g.tree), "base": g.base, "nodes": None, "outcomes": None,
                    "paths": None} for g in (report.spec.guides if report.spec else ())]
        if project is None else [
            {"tree": _shown(g.spec.tree), "base": g.base, "nodes": len(g.tree.nodes),
             "outcomes": sum(1 for _ in g.tree.outcomes()), "paths": g.index.count()}
            for g in project.guides],
        "articles": 0 if project is None else len(project.articles),
        "translations": [asdict(row) for row in report.translations.rows]
        if report.translations is not None else [],
    }


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command: the pull request shows the problem on its line."""
    def escape(text: str, *, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text
    where = problem.location
    message = problem.message + (f"; {problem.hint}" if problem.hint else "")
    return (f"::{problem.severity.value} file={escape(where.file, prop=True)},line={where.line},"
            f"col={where.column},title={problem.code}::{escape(printable(message))}")


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def run_paths(args: argparse.Namespace) -> int:
    project = load_checked(args)
    guide = chosen_guide(project, args) if project is not None else None
    if guide is None:
        return EXIT_INVALID
    if args.count:
        print(guide.index.count())
        return EXIT_OK
    paths = guide.index.iter_paths()
    if args.limit is not None:
        paths = _take(paths, args.limit)
    writer = {"text": _write_text, "json": _write_json, "csv": _write_csv}[args.format]
    writer(guide.tree, paths, sys.stdout)
    return EXIT_OK


def _take(paths: Iterator[TreePath], limit: int) -> Iterator[TreePath]:
    for number, path in enumerate(paths, 1):
        yield path
        if number >= limit:
            return


def _step_texts(tree: Tree, path: TreePath) -> list[str]:
    """The answers chosen; a "This did not work" names the outcome it was said on."""
    return [step.label if step.answer is not None else f"({tree.nodes[step.node].title}) {step.label}"
            for step in path.steps]


def _write_text(tree: Tree, paths: Iterator[TreePath], out: TextIO) -> None:
    for number, path in enumerate(paths, 1):
        answers = " > ".join(_step_texts(tree, path)) or "(start)"
        out.write(f"{number}. {answers} => {path.end}: {tree.nodes[path.end].title}\n")


def _path_record(tree: Tree, path: TreePath) -> dict[str, object]:
    return {
        "answers": list(path.answers),
        "nodes": list(path.nodes),
        "outcome": path.end,
        "title": tree.nodes[path.end].title,
    }


def _write_json(tree: Tree, paths: Iterator[TreePath], out: TextIO) -> None:
    # Streamed: one record per line inside the array, so memory stays flat.
    out.write("[")
    for number, path in enumerate(paths):
        out.write(("," if number else "") + "\n  " + json.dumps(_path_record(tree, path),
                                                               ensure_ascii=False))
    out.write("\n]\n")


def _write_csv(tree: Tree, paths: Iterator[TreePath], out: TextIO) -> None:
    writer = csv_writer(out)
    writer.writerow(["path", "answers", "nodes", "outcome", "title"])
    for number, path in enumerate(paths, 1):
        writer.writerow([number, " > ".join(_step_texts(tree, path)), " > ".join(path.nodes),
                         path.end, tree.nodes[path.end].title])


def run_schema(args: argparse.Namespace) -> int:
    if args.write is None:
        sys.stdout.write(text(args.kind))
        return EXIT_OK
    try:
        written = write_all(args.write)
    except OSError as err:
        print(f"{args.write}:1:1: error: cannot write the schemas: {err.strerror or err}",
              file=sys.stderr)
        return EXIT_INVALID
    print(f"helptree: wrote {', '.join(str(path) for path in written)}")
    return EXIT_OK


def run_translate(args: argparse.Namespace) -> int:
    """The translation table, with each out-of-date text located (HT310); with
    --mark-reviewed, every translated text recorded as reviewed now."""
    try:
        spec, _ = open_project(args.config)
    except ProblemsError as err:
        print(render_problems(err.problems, with_source=False), file=sys.stderr)
        return EXIT_INVALID
    report = check(spec)
    if report.problems:
        print(render_problems(report.problems, with_source=False), file=sys.stderr)
    if report.project is None or report.translations is None:
        print(f"{args.config}: failed: fix the errors before reviewing translations", file=sys.stderr)
        return EXIT_INVALID
    status = report.translations
    if not status.rows:
        print(f"helptree translate: {args.config} lists one language; nothing is translated")
        return EXIT_OK
    if args.mark_reviewed:
        target = lock_file(report.project)
        write_lock(target, status)
        texts = sum(len(keys) for files in status.texts.values() for keys in files.values())
        print(f"helptree: marked {_plural(texts, 'translated text')} reviewed in {_shown(target)}")
        return EXIT_OK
    print(table(status.rows))
    return EXIT_OK


def run_links(args: argparse.Namespace) -> int:
    """Every outcome of every guide in every language: title, summary, full URL, keywords."""
    project = load_checked(args)
    if project is None:
        return EXIT_INVALID
    rows = list(link_rows(project, TextRenderer(project.contacts).plain))
    if args.format == "json":
        print(json.dumps([{**asdict(row), "keywords": list(row.keywords)} for row in rows],
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    writer = csv_writer(sys.stdout)
    writer.writerow(["guide", "language", "id", "title", "summary", "url", "keywords"])
    for row in rows:
        writer.writerow([row.guide, row.language, row.id, row.title, row.summary, row.url,
                         "; ".join(row.keywords)])
    return EXIT_OK


def run_graph(args: argparse.Namespace) -> int:
    project = load_checked(args)
    guide = chosen_guide(project, args) if project is not None else None
    if guide is None:
        return EXIT_INVALID
    lines = mermaid(guide.tree) if args.format == "mermaid" else dot(guide.tree)
    for line in lines:
        sys.stdout.write(line + "\n")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
