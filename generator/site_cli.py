"""``helptree build``, ``new`` and ``export``: the commands that need MkDocs or write files."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

SCAFFOLD = Path(__file__).parent / "scaffold"


def add_site_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    build = commands.add_parser("build", help="check, then build the site safely")
    build.add_argument("--config", "-f", type=Path, default=Path("mkdocs.yml"), metavar="FILE")
    build.add_argument("--site-dir", "-d", type=Path, metavar="DIR")
    build.add_argument("--strict", action=argparse.BooleanOptionalAction, default=None,
                       help="fail on warnings (default: as mkdocs.yml says)")
    build.add_argument("--verbose", "-v", action="store_true")
    build.set_defaults(run=run_build)

    new = commands.add_parser("new", help="write a minimal working project into DIR")
    new.add_argument("dir", type=Path, metavar="DIR")
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
    target: Path = args.dir
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        print(f"{target}:1:1: error: already exists and is not empty; pick a new folder",
              file=sys.stderr)
        return 1
    shutil.copytree(SCAFFOLD, target, dirs_exist_ok=True)
    # Packaged as `gitignore`: package data leaves out dot files.
    (target / "gitignore").rename(target / ".gitignore")
    print(f"helptree: wrote a new project in {target}\n"
          f"  next: cd {target} && helptree check && helptree build")
    from generator.readability import grader

    if grader() is None:
        print("  its mkdocs.yml checks plain language (max_grade: 8), which needs textstat: "
              "pip install 'helptree[readability]'")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from generator.export import ExportError, export_site

    try:
        written = export_site(args.config, args.dir)
    except ExportError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(f"helptree: exported {written} pages to {args.dir}")
    return 0

