"""``helptree build``, ``new`` and ``export``: the commands that need MkDocs or write files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.problems import render_problems


def add_site_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    build = commands.add_parser("build", help="check, then build the site safely")
    build.add_argument("--config", "-f", type=Path, default=Path("mkdocs.yml"), metavar="FILE")
    build.add_argument("--site-dir", "-d", type=Path, metavar="DIR")
    build.add_argument("--strict", action=argparse.BooleanOptionalAction, default=None,
                       help="fail on warnings (default: as mkdocs.yml says)")
    build.add_argument("--verbose", "-v", action="store_true")
    build.set_defaults(run=run_build)

    new = commands.add_parser("new", help="start a project in DIR, or add a guide to this one")
    new.add_argument("dir", type=Path, metavar="DIR", nargs="?",
                     help="a new or empty folder for the project")
    new.add_argument("--guide", action="append", default=[], metavar="NAME",
                     help="add a guide NAME (its URL folder): with DIR, a help center with "
                          "more guides; without, to the project of --config")
    new.add_argument("--config", "-f", type=Path, default=Path("mkdocs.yml"), metavar="FILE")
    new.set_defaults(run=run_new)

    export = commands.add_parser("export", help="write the site as plain Markdown and a mkdocs.yml")
    export.add_argument("dir", type=Path, metavar="DIR")
    export.add_argument("--config", "-f", type=Path, default=Path("mkdocs.yml"), metavar="FILE")
    export.set_defaults(run=run_export)


def run_build(args: argparse.Namespace) -> int:
    from generator.build import safe_build

    outcome = safe_build(args.config, args.site_dir, strict=args.strict, verbose=args.verbose)
    if not outcome.ok:
        if outcome.message:
            print(outcome.message, file=sys.stderr)
        print(f"helptree: build failed; {outcome.site_dir} was left as it was", file=sys.stderr)
        return 1
    print(f"helptree: built {outcome.site_dir}")
    return 0


def run_new(args: argparse.Namespace) -> int:
    from generator.newproject import add_guide, new_project
    from generator.project import ProjectError

    try:
        if args.dir is not None:
            new_project(args.dir, args.guide)
            print(f"helptree: wrote a new project in {args.dir}\n"
                  f"  next: cd {args.dir} && helptree check && helptree build")
            from generator.readability import grader

            if grader() is None:
                print("  its mkdocs.yml checks plain language (max_grade: 8), which needs "
                      "textstat: pip install 'helptree[readability]'")
        elif args.guide:
            for name in args.guide:
                tree = add_guide(args.config, name)
                print(f"helptree: added the guide `{name}` ({tree}) to {args.config}")
        else:
            print("helptree new: give DIR for a new project, or --guide NAME to add a guide",
                  file=sys.stderr)
            return 2
    except ProjectError as err:
        print(render_problems(err.problems, with_source=False), file=sys.stderr)
        return 1
    return 0


def run_export(args: argparse.Namespace) -> int:
    from generator.export import export_site
    from generator.project import ProjectError

    try:
        written = export_site(args.config, args.dir)
    except ProjectError as err:
        print(render_problems(err.problems, with_source=False), file=sys.stderr)
        return 1
    print(f"helptree: exported {written} pages to {args.dir}")
    return 0

