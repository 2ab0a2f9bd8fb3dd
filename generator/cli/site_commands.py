"""``helptree build``, ``new`` and ``export``: the commands that need MkDocs or write files."""

from __future__ import annotations

import argparse
import sys
import time
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

    serve = commands.add_parser("serve", help="live preview: `mkdocs serve` that shows "
                                "a broken project's problems in the browser")
    serve.add_argument("--config", "-f", type=Path, default=Path("mkdocs.yml"), metavar="FILE")
    serve.add_argument("--dev-addr", "-a", metavar="IP:PORT",
                       help="where to serve (default: mkdocs.yml's dev_addr, 127.0.0.1:8000)")
    serve.add_argument("--strict", action=argparse.BooleanOptionalAction, default=None,
                       help="show warnings as problems too (default: as mkdocs.yml says)")
    serve.add_argument("--open", action="store_true", help="open the preview in a browser")
    serve.set_defaults(run=run_serve)

    new = commands.add_parser("new", help="start a project in DIR, or add a guide to this one")
    new.add_argument("dir", type=Path, metavar="DIR", nargs="?",
                     help="a new or empty folder for the project")
    new.add_argument("--guide", action="append", default=[], metavar="NAME",
                     help="add a guide NAME (its URL folder): with DIR, a help center with "
                          "more guides; without, to the project of --config")
    new.add_argument("--config", "-f", type=Path, default=Path("mkdocs.yml"), metavar="FILE")
    new.add_argument("--source", metavar="PATH", help="where the new project installs helptree "
                     "from: a source folder or a built wheel (default: where this helptree "
                     "came from)")
    new.set_defaults(run=run_new)

    export = commands.add_parser("export", help="write the site as plain Markdown and a mkdocs.yml")
    export.add_argument("dir", type=Path, metavar="DIR")
    export.add_argument("--config", "-f", type=Path, default=Path("mkdocs.yml"), metavar="FILE")
    export.set_defaults(run=run_export)


def run_build(args: argparse.Namespace) -> int:
    from generator.write.build import safe_build

    started = time.monotonic()
    outcome = safe_build(args.config, args.site_dir, strict=args.strict, verbose=args.verbose)
    if not outcome.ok:
        if outcome.message:
            print(outcome.message, file=sys.stderr)
        print(f"helptree: build failed; {outcome.site_dir} was left as it was", file=sys.stderr)
        return 1
    pages = sum(1 for _ in outcome.site_dir.rglob("*.html"))  # redirects and 404s included
    print(f"helptree: built {pages:,} pages into {outcome.site_dir} in "
          f"{time.monotonic() - started:.1f} s")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    """`mkdocs serve` in this process, banners silenced. mkdocs.yml must be readable for
    MkDocs to start; after that, every problem is shown in the browser until fixed."""
    from generator.problems import ProblemsError
    from generator.project.mkdocs_yml import plugin_options, read_mkdocs_yml
    from generator.write.build import quiet_mkdocs_banners

    quiet_mkdocs_banners()
    try:
        plugin_options(read_mkdocs_yml(args.config), args.config)
    except ProblemsError as err:
        print(render_problems(err.problems), file=sys.stderr)
        return 1
    import click
    from mkdocs.__main__ import cli

    argv = ["serve", "--config-file", str(args.config)]
    argv += ["--dev-addr", args.dev_addr] if args.dev_addr else []
    argv += [] if args.strict is None else ["--strict" if args.strict else "--no-strict"]
    argv += ["--open"] if args.open else []
    try:
        cli.main(args=argv, prog_name="helptree", standalone_mode=False)
    except click.ClickException as err:  # MkDocs' own errors, e.g. the address is taken
        print(f"helptree serve: {err.format_message()}", file=sys.stderr)
        return 1
    return 0


def run_new(args: argparse.Namespace) -> int:
    from generator.cli.new import add_guide, new_project
    from generator.problems import ProblemsError

    try:
        if args.dir is not None:
            new_project(args.dir, args.guide, args.source)
            print(f"helptree: wrote a new project in {args.dir}\n"
                  f"  next: cd {args.dir} && make serve   (sets up .venv first; see README.md)")
        elif args.guide:
            for name in args.guide:
                tree = add_guide(args.config, name)
                print(f"helptree: added the guide `{name}` ({tree}) to {args.config}")
        else:
            print("helptree new: give DIR for a new project, or --guide NAME to add a guide",
                  file=sys.stderr)
            return 2
    except ProblemsError as err:
        print(render_problems(err.problems, with_source=False), file=sys.stderr)
        return 1
    return 0


def run_export(args: argparse.Namespace) -> int:
    from generator.problems import ProblemsError
    from generator.write.export import export_site

    try:
        written = export_site(args.config, args.dir)
    except ProblemsError as err:
        print(render_problems(err.problems, with_source=False), file=sys.stderr)
        return 1
    print(f"helptree: exported {written} pages to {args.dir}")
    return 0

