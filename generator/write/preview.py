"""The live preview (`mkdocs serve`, `helptree serve`) of a project that may be broken: every
build ends, and while the project has problems every address answers with one page listing
them, which reloads by itself once a saved fix builds."""

from __future__ import annotations

import html
import logging
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from generator.problems import Location, Problem, ProblemsError, sort_problems, source_line
from generator.project.mkdocs_yml import plugin_options, read_mkdocs_yml

PROBLEMS_PAGE = "_helptree/problems.html"  # under the site folder, while the project is broken


class Server(Protocol):
    """What the preview uses of MkDocs' LiveReloadServer: all of it public."""

    builder: Callable[[], None]
    root: str
    mount_path: str

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None: ...
    def unwatch(self, path: str) -> None: ...
    def get_app(self) -> WSGIApplication | None: ...
    def set_app(self, application: WSGIApplication | None) -> None: ...


def preview_log() -> logging.Logger:
    """Where the preview prints problems: MkDocs' own terminal handler, but outside the
    `mkdocs` logger, so that `strict: true` does not count them and stop the server."""
    log = logging.getLogger("helptree.preview")
    if not log.handlers:
        log.propagate = False
        shown = [h for h in logging.getLogger("mkdocs").handlers
                 if h.get_name() == "MkDocsStreamHandler"]
        log.addHandler(shown[0] if shown else logging.StreamHandler(sys.stderr))
        log.setLevel(logging.INFO)
    return log


@dataclass
class Preview:
    """The state of one `mkdocs serve`: the problems of the last build (none when it
    built), the files watched for the project, and the hooks on MkDocs' server."""

    config_file: Path
    problems: list[Problem] | None = None
    server: Server | None = None
    watched: dict[str, bool] = field(default_factory=dict)  # path -> recursive
    wanted: list[Path] = field(default_factory=list)  # what the project reads

    @property
    def broken(self) -> bool:
        return self.problems is not None

    def fail(self, problems: Sequence[Problem]) -> None:
        """This build shows ``problems`` instead of the site."""
        self.problems = sort_problems(problems)
        errors = sum(p.is_error for p in self.problems)
        why = "" if errors else ", as `strict: true` stops the build on warnings"
        preview_log().error(
            f"helptree: the preview shows {len(self.problems)} problem(s) "
            f"({errors} error(s)) instead of the site{why}:\n"
            + "\n".join(p.headline() for p in self.problems))

    def write(self, site_dir: Path | str) -> None:
        """The problems page, where every request of a broken preview is answered from."""
        target = Path(site_dir) / PROBLEMS_PAGE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(problems_page(self.problems or []), encoding="utf-8")

    # -- the hooks on MkDocs' server ------------------------------------------------

    def attach(self, server: Server) -> None:
        """Every rebuild ends (a failure becomes the problems page, never a server stuck
        on a half-built site), and while broken every address answers with that page."""
        if self.server is server:
            return
        self.server = server
        build, app = server.builder, server.get_app()
        serve: WSGIApplication = app or _not_found  # LiveReloadServer sets its app when made

        def guarded_build() -> None:
            self.problems = None
            try:
                build()
            except Exception as err:  # noqa: BLE001 (whatever stops a build, the page says it)
                self.fail(self._problems_of(err))
                self.write(server.root)

        def answer(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
            path = str(environ.get("PATH_INFO", ""))
            if path.startswith("/livereload/"):
                return serve(environ, start_response)
            held: list[tuple[str, list[tuple[str, str]]]] = []

            def hold(status: str, headers: list[tuple[str, str]], *_: Any) -> Callable[[bytes], object]:
                held.append((status, headers))
                return len  # the write() callable of WSGI; MkDocs' server never calls it

            body = serve(environ, hold)  # waits for a build under way to end
            if self.broken and held and _is_page(*held[0]):
                getattr(body, "close", lambda: None)()
                rewritten = {**environ, "PATH_INFO": server.mount_path + PROBLEMS_PAGE}

                def unavailable(status: str, headers: list[tuple[str, str]],
                                *rest: Any) -> Callable[[bytes], object]:
                    return start_response("503 Service Unavailable" if status.startswith("200")
                                          else status, headers, *rest)

                return serve(rewritten, unavailable)
            if held:
                start_response(*held[0])
            return body

        server.builder = guarded_build
        server.set_app(answer)
        self.watch(self.wanted)

    def watch(self, paths: Sequence[Path]) -> None:
        """Watch every file the project reads (a missing one by its folder, so that
        writing it rebuilds too), and stop watching what it no longer reads."""
        self.wanted = list(paths)
        if self.server is None:
            return
        wanted: dict[str, bool] = {}
        for path in paths:
            target = path if path.exists() else path.parent
            if target.exists():
                key = str(target.resolve())
                wanted[key] = wanted.get(key, False) or (target.is_dir() and target == path)
        for name in [n for n, recursive in self.watched.items() if wanted.get(n) != recursive]:
            self.server.unwatch(name)
            del self.watched[name]
        for name, recursive in wanted.items():
            if name not in self.watched:
                self.server.watch(name, recursive=recursive)
                self.watched[name] = recursive

    def _problems_of(self, err: BaseException) -> list[Problem]:
        """Located problems for a build that raised: mkdocs.yml's own when it cannot be
        read, the output check's, or MkDocs' message at mkdocs.yml."""
        for raised in (err, err.__cause__, err.__context__):
            carried = getattr(raised, "problems", None)  # the plugin's SiteProblems
            if isinstance(carried, list) and carried and all(isinstance(p, Problem) for p in carried):
                return carried

        try:
            plugin_options(read_mkdocs_yml(self.config_file), self.config_file)
        except ProblemsError as bad:
            return bad.problems
        message = str(err).strip() or type(err).__name__
        return [Problem(Location(str(self.config_file)), "HT507", f"MkDocs stopped: {message}",
                        "fix what MkDocs reports, then save: the preview builds again")]


def _not_found(_environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"404 Not Found"]


def _is_page(status: str, headers: list[tuple[str, str]]) -> bool:
    """A response a broken preview answers with its problems page instead: any missing
    address, and every page (stylesheets and pictures are served as they are)."""
    kind = next((value for name, value in headers if name.lower() == "content-type"), "")
    return not status.startswith(("2", "3")) or kind.startswith("text/html")


def problems_page(problems: Sequence[Problem]) -> str:
    """A page of its own (no theme, no stylesheet, no link anywhere) listing every problem
    with its file, line and column, its source line, and what to do, all escaped."""
    items = "\n".join(_problem_item(p, source_line(p.location)) for p in problems)
    errors = sum(p.is_error for p in problems)
    count = f"{errors} error(s), {len(problems) - errors} warning(s)"
    if not errors:
        count += "; with `strict: true` warnings stop the build too"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>The help center has problems</title>
<style>
body {{ font: 1rem/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem;
        color: #1a1a1a; background: #fff; }}
h1 {{ font-size: 1.5rem; }}
ol {{ padding-left: 1.5rem; }}
li {{ margin-bottom: 1rem; }}
.where {{ font-family: ui-monospace, monospace; font-weight: bold; overflow-wrap: anywhere; }}
.error {{ color: #a00000; }}
.warning {{ color: #6b4e00; }}
pre {{ background: #f3f3f3; padding: .5rem; overflow-x: auto; margin: .25rem 0 0; }}
</style></head>
<body><main class="ht-problems">
<h1>The help center has problems</h1>
<p>The preview shows this page at every address until they are fixed ({count}).
Fix them and save: this page reloads by itself.</p>
<ol>
{items}
</ol>
</main></body></html>
"""


def _problem_item(problem: Problem, source: str | None) -> str:
    escape = html.escape
    hint = f"<br>{escape(problem.hint)}" if problem.hint else ""
    shown = ""
    if source is not None:
        caret = " " * (max(problem.location.column, 1) - 1) + "^"
        shown = f"<pre>{escape(source)}\n{escape(caret)}</pre>"
    severity = problem.severity.value
    return (f'<li><span class="where">{escape(str(problem.location))}</span> '
            f'<strong class="{severity}">{severity}</strong> [{escape(problem.code)}]: '
            f"{escape(problem.message)}{hint}{shown}</li>")


