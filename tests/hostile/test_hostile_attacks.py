"""The hostile-input attack corpus (tests/hostile/attacks/*.yaml), run case by case.

Each YAML file is one class of attack; each case copies a fixture project, writes its
files, links, named pipes and YAML edits into the copy, runs the `helptree` CLI in-process
(``generator.cli.main.main``; in a child forked from a pristine fork server, with a time
limit, where a case says ``isolate: true`` and for every cache case, whose runs must
each start like a new process) and checks what the case expects:

- ``refused``: every run exits 1 with a ``FILE:LINE:COL: error:`` line (``expect_file``,
  ``expect_line_text``, ``expect_code``, ``expect_mention`` and ``expect_text`` narrow it),
  and a site built earlier stays byte for byte as it was;
- ``inert``: every run exits 0, and the built site, the CSV and the JSON pass the scans
  below;
- ``refused-or-inert``: each run is one or the other (a check that passes while the build
  of the same project is refused is fine, the other way round is not);
- ``rebuilt``: cache cases: ``prime`` runs, the cache files are damaged, the runs exit
  with ``exit``; with ``rewritten: true`` every damaged file must have been written again.
  ``tamper`` and ``marshal`` damage writes its table sealed the way the tool seals its
  own (a ``helptree-table-N`` line and the SHA-256 of the marshal data, recomputed, as
  anyone who can write the cache folder can; a seal that is not a plain SHA-256 is kept
  as it was, so the tampered table carries a stale one).

Every run of every case: no ``Traceback``, no "internal error", never the secret marker
(``SECRET-MARKER-7f3a``, the one line of ``~OUTSIDE~/secret.txt``) nor a case's ``leak``
strings in what the CLI prints; nothing created, changed or removed under the case's
folder except the project's site folders, build leftovers (``.helptree-*``, the locks),
``.cache``; and no file written anywhere in the project holds the secret marker.

Scans of a built site (every payload of the corpus carries the marker ``PWN``):

- HTML (selectolax): an element whose tag name carries PWN; an attribute whose name
  carries PWN; an ``on*`` attribute, a URL-bearing attribute (href, src, srcset, action,
  ...), ``style`` or ``srcdoc`` whose value carries PWN; a ``<script>`` or ``<style>``
  element whose text carries PWN; any href/src/action/... whose value (whitespace and
  control characters taken out, any case) starts with ``javascript:``, ``vbscript:`` or
  ``data:text/html``. Attributes that are only text for the browser (``content``,
  ``title``, ``alt``, ``aria-*``, ``data-*``) may hold the escaped payload.
- search/search_index.json: in every string field Material renders (title, text, tags,
  location and any other), a tag (``<`` and a letter) that carries PWN, or the field
  parsed as HTML failing the element and attribute rules above, or a location with a
  script scheme.
- CSS: in every .css and .svg file, and in every ``style`` attribute and ``<style>``
  element of every HTML file, an ``@import`` or ``url(`` of ``http://``, ``https://`` or
  ``//`` on a host other than the site's own.
- CSV (``--format csv``): parsed with the csv module, no cell starts with
  ``= + - @``, a tab or a carriage return.

Placeholders in files, link targets, edits, environment and run arguments: ``~OUTSIDE~``
(a folder beside the project, holding secret.txt), ``~TMP~`` (the folder holding both),
``~PROJECT~``, ``~CACHE~`` (the case's own cache folder). Edit paths are split on ``/``
when they hold one, else on ``.``; a name inside ``plugins`` or ``markdown_extensions``
finds (or adds) that list item, so ``plugins/helptree/strings`` and
``markdown_extensions/pymdownx.snippets/base_path`` address what they say.
"""

from __future__ import annotations

import atexit
import contextlib
import csv
import hashlib
import io
import json
import logging
import marshal
import os
import pickle
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser  # selectolax.parser (Modest) is gone in 1.0

from generator.cli.main import main

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
ATTACKS = HERE / "attacks"
FIXTURES = HERE.parent / "fixtures"
SECRET = "SECRET-MARKER-7f3a"
MARKER = "PWN"
BASES = {"small", "two-guides"}
# The earlier site a build finds (a folder with an index.html is taken for a site); a
# refused build must leave it byte for byte as it was.
EARLIER_SITE = {
    "index.html": "<!doctype html><title>earlier site</title><p>EARLIER-SITE</p>\n",
    "404.html": "<!doctype html><title>earlier site</title><p>EARLIER-SITE 404</p>\n",
    "sitemap.xml": "<?xml version=\"1.0\"?><urlset></urlset>\n",
    "search/search_index.json": "{\"config\": {}, \"docs\": []}\n",
    "assets/earlier.css": "body { color: #111; }\n",
}
CASE_KEYS = {
    "id", "why", "base", "spanish", "files", "symlinks", "fifos", "dirs", "edit", "env", "cache",
    "run", "expect", "expect_file", "expect_line_text", "expect_code", "expect_mention",
    "expect_text", "leak", "json_contains", "links_url_prefix", "isolate", "timeout", "prime",
    "prime_exit", "damage", "exit", "rewritten", "previous_site",
}
EXPECTS = {"refused", "inert", "refused-or-inert", "rebuilt"}
RUNS = {
    "check": ["check"],
    "build": ["build"],
    "links-csv": ["links", "--format", "csv"],
    "links-json": ["links", "--format", "json"],
    "paths-csv": ["paths", "--format", "csv"],
    "paths-json": ["paths", "--format", "json"],
}
NAMED_LISTS = {"plugins", "markdown_extensions"}
LOCATED = re.compile(r"^(?P<file>[^\n]*?):(?P<line>\d+):(?P<col>\d+): error: (?P<message>[^\n]*)$", re.M)
URL_ATTRS = {
    "href", "src", "srcset", "action", "formaction", "data", "poster", "background", "xlink:href",
    "ping", "cite", "manifest", "icon", "codebase", "lowsrc", "dynsrc", "longdesc", "usemap",
    "imagesrcset", "archive", "profile",
}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
LIVE_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*" + MARKER, re.S)
CSS_REMOTE = re.compile(
    r"""(?:@import\s*(?:url\(\s*)?|url\(\s*)['"]?\s*((?:https?:)?//[^'"\s)>;]*)""", re.I)
CSV_BAD_START = ("=", "+", "-", "@", "\t", "\r")
SNAPSHOT_SKIP_IN_PROJECT = re.compile(r"^(site[^/]*|\.helptree-[^/]*|\.[^/]*helptree\.lock|\.cache)(/|$)")


# ----------------------------------------------------------------------------- the corpus

def _load_corpus() -> tuple[list[Any], dict[str, Any]]:
    spanish = yaml.safe_load((ATTACKS / "_spanish.yaml").read_text(encoding="utf-8"))
    params = []
    for path in sorted(ATTACKS.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        klass = document.get("class", path.stem)
        for case in document["cases"]:
            params.append(pytest.param(klass, case, id=f"{klass}/{case['id']}"))
    return params, spanish


CASES, SPANISH = _load_corpus()


# ----------------------------------------------------------------------------- set-up

@dataclass
class Sandbox:
    root: Path       # ~TMP~: everything the case may touch
    project: Path    # the copied fixture
    outside: Path    # ~OUTSIDE~
    cache: Path      # ~CACHE~ (outside root: the runner's own)
    runner: Path     # the runner's scratch files (outside root)

    def subst(self, value: Any) -> Any:
        if isinstance(value, str):
            return (value.replace("~OUTSIDE~", str(self.outside)).replace("~TMP~", str(self.root))
                    .replace("~PROJECT~", str(self.project)).replace("~CACHE~", str(self.cache)))
        if isinstance(value, list):
            return [self.subst(item) for item in value]
        if isinstance(value, dict):
            return {self.subst(key): self.subst(item) for key, item in value.items()}
        return value

    def path(self, name: str) -> Path:
        path = Path(self.subst(name))
        return path if path.is_absolute() else self.project / path


class MalformedCaseError(Exception):
    """The case itself is broken (not the tool): reported as such."""


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file() or (path.exists() and not path.is_dir()):
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def _set_path(node: Any, parts: list[str], value: Any) -> None:
    head, rest = parts[0], parts[1:]
    if isinstance(node, list):
        if head.isdigit():
            if not rest:
                node[int(head)] = value
                return
            _set_path(node[int(head)], rest, value)
            return
        for index, item in enumerate(node):
            if item == head:
                node[index] = item = {head: {}}
            if isinstance(item, dict) and list(item) == [head]:
                if not rest:
                    node[index] = head if value is None else {head: value}
                    return
                if item[head] is None:
                    item[head] = {}
                _set_path(item[head], rest, value)
                return
        if not rest:
            node.append(head if value is None else {head: value})
            return
        item = {head: {}}
        node.append(item)
        _set_path(item[head], rest, value)
        return
    if not isinstance(node, dict):
        raise MalformedCaseError(f"edit path goes through a {type(node).__name__} at {head!r}")
    if not rest:
        node[head] = value
        return
    if node.get(head) is None:
        node[head] = [] if head in NAMED_LISTS else {}
    _set_path(node[head], rest, value)


def _apply_layer(box: Sandbox, layer: dict[str, Any]) -> None:
    for name in layer.get("dirs", []):
        box.path(name).mkdir(parents=True, exist_ok=True)
    for name, text in (layer.get("files") or {}).items():
        path = box.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.exists():
            _remove(path)
        path.write_bytes(str(box.subst(text)).encode("utf-8"))
    for edit in layer.get("edit", []):
        path = box.path(edit["file"])
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
        except yaml.YAMLError as error:
            raise MalformedCaseError(f"cannot edit {edit['file']}: {error}") from error
        data = {} if data is None else data
        for key, value in edit["set"].items():
            _set_path(data, key.split("/") if "/" in key else key.split("."), box.subst(value))
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=4096),
                        encoding="utf-8")
    for name, target in (layer.get("symlinks") or {}).items():
        path = box.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.exists():
            _remove(path)
        os.symlink(box.subst(target), path)
    for name in layer.get("fifos", []):
        path = box.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.exists():
            _remove(path)
        os.mkfifo(path)


def _snapshot(root: Path, project: Path) -> dict[str, str]:
    """Every entry under ``root`` but the project's site folders, build leftovers and
    .cache: a file's SHA-256, a link's target, "dir" or the kind of special file."""
    found: dict[str, str] = {}
    for parent, folders, files in os.walk(root):
        for name in list(folders) + files:
            path = Path(parent) / name
            relative = path.relative_to(root).as_posix()
            if path.is_relative_to(project) and path != project:
                inner = path.relative_to(project).as_posix()
                if SNAPSHOT_SKIP_IN_PROJECT.match(inner):
                    if name in folders:
                        folders.remove(name)
                    continue
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                found[relative] = "-> " + os.readlink(path)
            elif stat.S_ISDIR(mode):
                found[relative] = "dir"
            elif stat.S_ISREG(mode):
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[relative] = f"special {stat.S_IFMT(mode):o}"
    return found


def _tree_picture(folder: Path) -> dict[str, str]:
    """A site folder byte for byte (links not followed)."""
    found: dict[str, str] = {}
    if not folder.exists() and not folder.is_symlink():
        return found
    if folder.is_symlink():
        return {".": "-> " + os.readlink(folder)}
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(parent) / name
            relative = path.relative_to(folder).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                found[relative] = "-> " + os.readlink(path)
            elif stat.S_ISDIR(mode):
                found[relative] = "dir"
            elif stat.S_ISREG(mode):
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[relative] = "special"
    return found


# ----------------------------------------------------------------------------- running

@dataclass
class Result:
    args: list[str]
    code: int | str   # an exit code, "timeout", or "exception" (one escaped main)
    out: str
    err: str

    @property
    def label(self) -> str:
        return "helptree " + " ".join(self.args)


class _Collect(logging.Handler):
    def __init__(self, sink: io.StringIO) -> None:
        super().__init__(logging.DEBUG)
        self.sink = sink
        self.setFormatter(logging.Formatter("LOG %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):
            self.sink.write(self.format(record) + "\n")


def _exit_code(error: SystemExit) -> int:
    if error.code is None:
        return 0
    if isinstance(error.code, int):
        return error.code
    sys.stderr.write(f"{error.code}\n")
    return 1


def _run_in_process(args: list[str], cwd: Path) -> Result:
    out, err = io.StringIO(), io.StringIO()
    handler = _Collect(err)
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    for logger in loggers:
        logger.addHandler(handler)
    before = os.getcwd()
    os.chdir(cwd)
    code: int | str
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                returned = main(args)
                code = 0 if returned is None else int(returned)
            except SystemExit as error:
                code = _exit_code(error)
            except Exception:  # noqa: BLE001 - one escaped main: reported with its traceback
                code = "exception"
                err.write(traceback.format_exc())
    finally:
        os.chdir(before)
        for logger in loggers:
            logger.removeHandler(handler)
    return Result(args, code, out.getvalue(), err.getvalue())


def _vm_size() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _child(args: list[str], cwd: Path, env: dict[str, str], stdin_fd: int, out_path: Path, err_path: Path,
           limit: int, timeout: float) -> int:
    """The forked child of _run_forked: its environment, folder, streams and limits, then
    ``main``; returns the exit code (71: an exception escaped main)."""
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    os.dup2(stdin_fd, 0)
    os.dup2(os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
    os.dup2(os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = int(timeout) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), write_through=True)
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), write_through=True)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("LOG %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        returned = main(args)
        code = 0 if returned is None else int(returned)
    except SystemExit as error:
        code = _exit_code(error)
    except BaseException:  # noqa: BLE001 - whatever escaped main (MemoryError too) is reported
        sys.stderr.write(traceback.format_exc())
        code = 71
    sys.stdout.flush()
    sys.stderr.flush()
    return code


def _run_forked(args: list[str], cwd: Path, scratch: Path, timeout: float, env: dict[str, str]) -> Result:
    """``main(args)`` in a forked child with the environment ``env``: stdin a pipe held
    open and never written (so reading /dev/stdin blocks), address space and CPU
    limited, killed after ``timeout``."""
    scratch.mkdir(parents=True, exist_ok=True)
    out_path, err_path = scratch / "out.txt", scratch / "err.txt"
    read_end, write_end = os.pipe()
    limit = _vm_size() + (1536 << 20)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 70
        try:
            os.close(write_end)
            code = _child(args, cwd, env, read_end, out_path, err_path, limit, timeout)
        finally:
            os._exit(code)
    os.close(read_end)
    deadline = time.monotonic() + timeout
    status: int | None = None
    while time.monotonic() < deadline:
        done, raw = os.waitpid(pid, os.WNOHANG)
        if done:
            status = raw
            break
        time.sleep(0.02)
    if status is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(write_end)
    out = out_path.read_text(encoding="utf-8", errors="replace")
    err = err_path.read_text(encoding="utf-8", errors="replace")
    if status is None:
        return Result(args, "timeout", out, err)
    if os.WIFSIGNALED(status):
        return Result(args, f"killed by signal {os.WTERMSIG(status)}", out, err)
    code: int | str = os.WEXITSTATUS(status)
    if code == 71:
        code = "exception"
    return Result(args, code, out, err)


class _ForkServer:
    """A new Python process (started on first use, never forked from this one) that has
    imported the CLI: each job it is sent runs ``main`` in a child forked from it, so every
    such run starts as a fresh ``helptree`` process would (no table a case loaded in this
    process carried over: the cache cases need that), at the cost of a fork, not of a new
    interpreter. Stopped, and waited for, at exit, so its children's CPU time counts with
    this process's."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.requests: Any = None
        self.replies: Any = None

    def _start(self) -> None:
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
        code = ("import sys; sys.path.insert(0, sys.argv[1]); import test_hostile_attacks as t; "
                "t.serve_jobs(int(sys.argv[2]), int(sys.argv[3]))")
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, str(HERE), str(request_read), str(reply_write)],
            pass_fds=(request_read, reply_write), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        os.close(request_read)
        os.close(reply_write)
        self.requests = os.fdopen(request_write, "wb")
        self.replies = os.fdopen(reply_read, "rb")
        atexit.register(self.stop)

    def run(self, args: list[str], cwd: Path, scratch: Path, timeout: float) -> Result:
        if self.process is None:
            self._start()
        job = {"args": args, "cwd": str(cwd), "scratch": str(scratch), "timeout": timeout,
               "env": dict(os.environ)}
        pickle.dump(job, self.requests)
        self.requests.flush()
        code, out, err = pickle.load(self.replies)
        return Result(args, code, out, err)

    def stop(self) -> None:
        if self.process is None or self.requests.closed:
            return
        self.requests.close()
        self.process.wait(timeout=60)


def serve_jobs(request_fd: int, reply_fd: int) -> None:
    """The fork server's loop (see _ForkServer): one job, one forked run, one reply."""
    requests, replies = os.fdopen(request_fd, "rb"), os.fdopen(reply_fd, "wb")
    while True:
        try:
            job = pickle.load(requests)
        except EOFError:
            return
        result = _run_forked(job["args"], Path(job["cwd"]), Path(job["scratch"]), job["timeout"], job["env"])
        pickle.dump((result.code, result.out, result.err), replies)
        replies.flush()


FRESH = _ForkServer()


def _run_args(box: Sandbox, run: Any) -> list[str]:
    if isinstance(run, str):
        if run not in RUNS:
            raise MalformedCaseError(f"unknown run {run!r}")
        return list(RUNS[run])
    return [str(box.subst(str(arg))) for arg in run]


def _site_of(box: Sandbox, args: list[str]) -> Path:
    if "--site-dir" in args:
        return box.path(args[args.index("--site-dir") + 1])
    return box.project / "site"


# ----------------------------------------------------------------------------- scans

def _clean_url(value: str) -> str:
    return "".join(ch for ch in value if ord(ch) > 32 and ord(ch) != 127).lower()


def _scan_html(text: str, where: str, problems: list[str]) -> None:
    tree = HTMLParser(text)
    root = tree.root
    if root is None:
        return
    for node in root.traverse(include_text=False):
        tag = node.tag or ""
        if MARKER.lower() in tag.lower():
            problems.append(f"{where}: live element <{tag}> from the payload: {node.html[:200]!r}")
        for name, value in (node.attributes or {}).items():
            lowered, value = name.lower(), value or ""
            if MARKER.lower() in lowered:
                problems.append(f"{where}: attribute name {name!r} from the payload on <{tag}>")
            if MARKER in value and (lowered.startswith("on") or lowered in URL_ATTRS
                                    or lowered in ("style", "srcdoc", "http-equiv")):
                problems.append(f"{where}: live attribute {name}={value[:160]!r} on <{tag}>")
            if lowered in URL_ATTRS and _clean_url(value).startswith(SCRIPT_SCHEMES):
                problems.append(f"{where}: script URL {name}={value[:160]!r} on <{tag}>")
            if lowered == "content" and (node.attributes.get("http-equiv") or "").lower() == "refresh":
                target = _clean_url(value.split("=", 1)[-1]) if "=" in value else ""
                if target.startswith(SCRIPT_SCHEMES) or MARKER in value:
                    problems.append(f"{where}: meta refresh to {value[:160]!r}")
        if tag in ("script", "style") and MARKER in node.text(deep=True):
            problems.append(f"{where}: <{tag}> holds the payload: {node.text(deep=True)[:200]!r}")


def _remote_css(text: str, where: str, own_hosts: set[str], problems: list[str]) -> None:
    for match in CSS_REMOTE.finditer(text):
        url = match.group(1)
        host = re.sub(r"^(?:https?:)?//", "", url, flags=re.I).split("/")[0].split("@")[-1]
        host = host.split(":")[0].lower()
        if host not in own_hosts:
            problems.append(f"{where}: loads from another host: {match.group(0)[:160]!r}")


def _scan_search_index(path: Path, where: str, problems: list[str]) -> None:
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        problems.append(f"{where}: cannot read the search index: {error}")
        return
    for number, doc in enumerate(index.get("docs", [])):
        for key, value in doc.items():
            values = value if isinstance(value, list) else [value]
            for item in values:
                if not isinstance(item, str):
                    continue
                spot = f"{where} docs[{number}].{key} ({doc.get('location')!r})"
                match = LIVE_TAG.search(item)
                if match:
                    problems.append(f"{spot}: live markup from the payload: {match.group(0)[:160]!r}")
                _scan_html(item, spot, problems)
                if key == "location" and _clean_url(item).startswith(SCRIPT_SCHEMES):
                    problems.append(f"{spot}: script location {item!r}")


def _own_hosts(box: Sandbox) -> set[str]:
    hosts = {"help.example.org"}
    config = box.project / "mkdocs.yml"
    with contextlib.suppress(Exception):
        match = re.search(r"^site_url:\s*['\"]?(?:https?:)?//([^/'\"\s]+)", config.read_text(), re.M)
        if match:
            hosts.add(match.group(1).lower())
    return hosts


def _regular_files(folder: Path) -> list[Path]:
    """Every regular file under ``folder``, links neither followed nor read."""
    found = []
    for parent, _folders, files in os.walk(folder):
        for name in files:
            path = Path(parent) / name
            if stat.S_ISREG(path.lstat().st_mode):
                found.append(path)
    return sorted(found)


def _scan_site(box: Sandbox, site: Path, problems: list[str]) -> None:
    if not site.is_dir():
        problems.append(f"no site folder at {site}")
        return
    hosts = _own_hosts(box)
    for path in _regular_files(site):
        where = str(path.relative_to(site))
        data = path.read_bytes()
        if SECRET.encode() in data:
            problems.append(f"site/{where}: holds the secret marker {SECRET}")
        suffix = path.suffix.lower()
        if suffix in (".html", ".htm", ".xhtml"):
            text = data.decode("utf-8", "replace")
            _scan_html(text, f"site/{where}", problems)
            tree = HTMLParser(text)
            if tree.root is not None:
                for node in tree.root.traverse(include_text=False):
                    style = (node.attributes or {}).get("style") or ""
                    if style:
                        _remote_css(style, f"site/{where} style attribute", hosts, problems)
                    if node.tag == "style":
                        _remote_css(node.text(deep=True), f"site/{where} <style>", hosts, problems)
        elif suffix in (".css", ".svg"):
            _remote_css(data.decode("utf-8", "replace"), f"site/{where}", hosts, problems)
            if suffix == ".svg":
                _scan_html(data.decode("utf-8", "replace"), f"site/{where}", problems)
    index = site / "search" / "search_index.json"
    if index.is_file():
        _scan_search_index(index, "site/search/search_index.json", problems)


def _scan_csv(result: Result, problems: list[str]) -> None:
    for row_number, row in enumerate(csv.reader(io.StringIO(result.out, newline=""))):
        for column, cell in enumerate(row):
            if cell.startswith(CSV_BAD_START):
                problems.append(f"{result.label}: CSV row {row_number + 1} cell {column + 1} starts "
                                f"with {cell[:1]!r}: {cell[:120]!r}")


def _json_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _json_strings(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _json_strings(item)]
    return []


def _json_urls(value: Any) -> list[str]:
    if isinstance(value, list):
        return [url for item in value for url in _json_urls(item)]
    if isinstance(value, dict):
        found = [value["url"]] if isinstance(value.get("url"), str) else []
        return found + [url for key, item in value.items() if key != "url" for url in _json_urls(item)]
    return []


def _line_of(box: Sandbox, name: str, line: int) -> str | None:
    path = Path(name)
    if not path.is_absolute():
        path = box.project / path
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return lines[line - 1] if 0 < line <= len(lines) else None


def _check_refusal(box: Sandbox, case: dict[str, Any], result: Result, problems: list[str]) -> None:
    label = result.label
    if result.code != 1:
        problems.append(f"{label}: expected exit 1 (refused), got {result.code}")
    located = list(LOCATED.finditer(result.err))
    if not located:
        problems.append(f"{label}: no `FILE:LINE:COL: error:` line on stderr")
        return
    files = case.get("expect_file")
    files = [files] if isinstance(files, str) else files
    mention = case.get("expect_mention")
    line_text = case.get("expect_line_text")
    code = case.get("expect_code")

    def fits(match: re.Match[str]) -> bool:
        if files and not any(match["file"].endswith(name) for name in files):
            return bool(mention) and mention in match["message"]
        if code and not match["message"].rstrip().endswith(f"[{code}]"):
            return False
        if line_text:
            text = _line_of(box, match["file"], int(match["line"]))
            return text is not None and line_text in text
        return True

    if (files or mention or line_text or code) and not any(fits(match) for match in located):
        wanted = []
        if files:
            wanted.append(f"in a file ending with {' or '.join(files)}")
        if mention:
            wanted.append(f"(or any error naming {mention})")
        if line_text:
            wanted.append(f"at a line holding {line_text!r}")
        if code:
            wanted.append(f"with code {code}")
        got = "; ".join(match.group(0)[:200] for match in located[:5])
        problems.append(f"{label}: no located error {' '.join(wanted)}; got: {got}")
    for text in case.get("expect_text", []):
        if text not in result.err:
            problems.append(f"{label}: stderr does not name {text!r}")


def _common(case: dict[str, Any], result: Result, problems: list[str]) -> None:
    printed = result.out + result.err
    if result.code in ("exception", "timeout") or str(result.code).startswith("killed"):
        problems.append(f"{result.label}: {result.code}")
    if "Traceback" in printed:
        problems.append(f"{result.label}: printed a Traceback")
    if "internal error" in printed.lower():
        problems.append(f"{result.label}: printed 'internal error'")
    for secret in [SECRET, *case.get("leak", [])]:
        if secret in printed:
            problems.append(f"{result.label}: printed the outside file's content {secret!r}")


# ----------------------------------------------------------------------------- damage

SEAL_LINE = re.compile(rb"helptree-table-[0-9]+\n")


def _unseal(data: bytes) -> tuple[tuple[bytes, bytes | None], bytes]:
    """A cache table as the tool wrote it: (its seal, the marshal data). Plain marshal has
    no seal; a `helptree-table-N` line is followed by a 32-byte digest of the data. The
    seal comes back with the digest only if it is the data's plain SHA-256, which anyone
    who can write the cache can compute again; otherwise with the digest as it was."""
    match = SEAL_LINE.match(data)
    if not match:
        return (b"", None), data
    line, digest, body = match.group(0), data[match.end():match.end() + 32], data[match.end() + 32:]
    reproducible = hashlib.sha256(body).digest() == digest
    return (line, None if reproducible else digest), body


def _seal(seal: tuple[bytes, bytes | None], body: bytes) -> bytes:
    """``body`` sealed as the original was: with its SHA-256 computed again when the seal is
    a plain SHA-256 (a forged seal), else with the original digest (a stale one)."""
    line, kept = seal
    if not line:
        return body
    return line + (hashlib.sha256(body).digest() if kept is None else kept) + body


def _damage(box: Sandbox, damage: list[dict[str, Any]]) -> dict[Path, bytes | None]:
    damaged: dict[Path, bytes | None] = {}
    for step in damage:
        matches = sorted(box.cache.glob(step["glob"]))
        if not matches:
            present = sorted(p.name for p in box.cache.rglob("*"))
            raise MalformedCaseError(f"damage glob {step['glob']!r} matched nothing in the cache: {present}")
        for path in matches:
            op = step["op"]
            if op == "truncate":
                data = path.read_bytes()
                path.write_bytes(data[: len(data) // 2])
            elif op == "empty":
                path.write_bytes(b"")
            elif op == "bytes":
                path.write_bytes(str(box.subst(step["value"])).encode("utf-8"))
            elif op == "marshal":
                seal, _body = _unseal(path.read_bytes())
                path.write_bytes(_seal(seal, marshal.dumps(step["value"])))
            elif op == "json":
                path.write_text(json.dumps(step["value"]), encoding="utf-8")
            elif op == "tamper":
                seal, body = _unseal(path.read_bytes())
                table = marshal.loads(body)
                if not isinstance(table, dict):
                    raise MalformedCaseError(f"cannot tamper {path.name}: not a table")
                path.write_bytes(_seal(seal, marshal.dumps(dict.fromkeys(table, step["value"]))))
            elif op == "delete":
                path.unlink()
                damaged[path] = None
                continue
            elif op == "symlink":
                path.unlink()
                os.symlink(box.subst(step["value"]), path)
                damaged[path] = None
                continue
            else:
                raise MalformedCaseError(f"unknown damage op {op!r}")
            damaged[path] = path.read_bytes()
    return damaged


# ----------------------------------------------------------------------------- the test

@pytest.fixture(scope="session")
def seed_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding the syllable tables, made once (copied into each cache case)."""
    folder = tmp_path_factory.mktemp("seed-cache")
    project = tmp_path_factory.mktemp("seed-project") / "small"
    shutil.copytree(FIXTURES / "small", project)
    saved = os.environ.get("HELPTREE_CACHE_DIR")
    os.environ["HELPTREE_CACHE_DIR"] = str(folder)
    try:
        FRESH.run(["check", "--max-grade", "8"], project, project.parent / "run", 120)
    finally:
        if saved is None:
            os.environ.pop("HELPTREE_CACHE_DIR", None)
        else:
            os.environ["HELPTREE_CACHE_DIR"] = saved
    return folder


def _prepare(case: dict[str, Any], tmp_path: Path) -> Sandbox:
    """The case's folders: the fixture copied, the secret beside it, an earlier site where a
    build runs, then the Spanish kit and the case's own files, edits, links and pipes."""
    box = Sandbox(root=tmp_path / "work", project=tmp_path / "work" / "project",
                  outside=tmp_path / "work" / "outside", cache=tmp_path / "cache",
                  runner=tmp_path / "runner")
    for folder in (box.root, box.outside, box.runner):
        folder.mkdir(parents=True)
    (box.outside / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    shutil.copytree(FIXTURES / case["base"], box.project, symlinks=True)
    if case.get("previous_site", any(args[0] == "build" for args in _runs(box, case))):
        for name, text in EARLIER_SITE.items():
            (box.project / "site" / name).parent.mkdir(parents=True, exist_ok=True)
            (box.project / "site" / name).write_text(text, encoding="utf-8")
    if case.get("spanish"):
        _apply_layer(box, SPANISH[case["base"]])
    _apply_layer(box, case)
    return box


def _runs(box: Sandbox, case: dict[str, Any]) -> list[list[str]]:
    runs = case["run"] if isinstance(case["run"], list) else [case["run"]]
    return [_run_args(box, run) for run in runs]


def _judge_exits(case: dict[str, Any], box: Sandbox, results: list[Result],
                 previous: dict[str, dict[str, str]], damaged: dict[Path, bytes | None],
                 problems: list[str]) -> None:
    """What the case expects of each run's exit, stderr and the earlier site."""
    expect = case["expect"]
    if expect == "refused":
        for result in results:
            _check_refusal(box, case, result, problems)
    elif expect == "inert":
        for result in results:
            if result.code != 0:
                problems.append(f"{result.label}: expected exit 0, got {result.code}\n{result.err[-1500:]}")
    elif expect == "refused-or-inert":
        for result in results:
            if result.code != 0:
                _check_refusal(box, case, result, problems)
        if (any(r.code != 0 for r in results if r.args[0] == "check")
                and any(r.code == 0 for r in results if r.args[0] == "build")):
            problems.append("check refused the project but build built it")
    elif expect == "rebuilt":
        for result in results:
            if result.code != case.get("exit", 0):
                problems.append(f"{result.label}: expected exit {case.get('exit', 0)}, got "
                                f"{result.code}\n{result.err[-1500:]}")
            problems.extend(f"{result.label}: stderr does not name {text!r}"
                            for text in case.get("expect_text", []) if text not in result.err)
        if case.get("rewritten"):
            for path, data in damaged.items():
                if path.is_symlink() or not path.is_file():
                    problems.append(f"cache file {path.name} was not written again "
                                    f"({'still a link' if path.is_symlink() else 'missing'})")
                elif data is not None and path.read_bytes() == data:
                    problems.append(f"cache file {path.name} still holds the damaged bytes")
    for result in results:
        site = str(_site_of(box, result.args))
        refused_build = result.args[0] == "build" and result.code != 0 and site in previous
        if refused_build and _tree_picture(Path(site)) != previous[site]:
            problems.append(f"the earlier site {site} was changed by a refused build")


def _judge_outputs(case: dict[str, Any], box: Sandbox, results: list[Result], problems: list[str]) -> None:
    """The scans of what succeeded: the built site, the CSV, the JSON."""
    json_runs = []
    for result in results:
        if result.code != 0:
            continue
        if result.args[0] == "build" and case["expect"] in ("inert", "refused-or-inert"):
            _scan_site(box, _site_of(box, result.args), problems)
        if "--format" in result.args:
            kind = result.args[result.args.index("--format") + 1]
            if kind == "csv":
                _scan_csv(result, problems)
            elif kind == "json":
                json_runs.append(result)
    strings: list[str] = []
    urls: list[str] = []
    for result in json_runs:
        try:
            parsed = json.loads(result.out)
        except ValueError as error:
            problems.append(f"{result.label}: not JSON: {error}")
            continue
        strings += _json_strings(parsed)
        if result.args[0] == "links":
            urls += _json_urls(parsed)
    if json_runs:
        problems.extend(f"--format json lost the raw text {text!r}" for text in case.get("json_contains", [])
                        if not any(text in item for item in strings))
        prefix = case.get("links_url_prefix")
        wrong = [url for url in urls if prefix and not url.startswith(prefix)]
        if prefix and (wrong or not urls):
            problems.append(f"links --format json: URLs not under {prefix!r}: {wrong[:3] or 'none'}")


def _judge_sandbox(box: Sandbox, before: dict[str, str], after: dict[str, str], problems: list[str]) -> None:
    """Nothing written beside the site folder, no copy of the secret in the project."""
    created = sorted(set(after) - set(before))
    changed = sorted(k for k in set(after) & set(before) if after[k] != before[k])
    removed = sorted(set(before) - set(after))
    if created or changed or removed:
        problems.append("written outside the site folder: "
                        + "; ".join([f"new {k}" for k in created[:8]] + [f"changed {k}" for k in changed[:8]]
                                    + [f"removed {k}" for k in removed[:8]]))
    for name in created + changed:
        path = box.root / name
        if stat.S_ISREG(path.lstat().st_mode) and SECRET.encode() in path.read_bytes():
            problems.append(f"{name}: a new or changed file holds the secret marker")
    problems.extend(f"{path.relative_to(box.root)}: a file in the project holds the secret marker"
                    for path in _regular_files(box.project)
                    if not path.is_relative_to(box.project / "site") and SECRET.encode() in path.read_bytes())


@pytest.mark.parametrize(("klass", "case"), CASES)
def test_attack(klass: str, case: dict[str, Any], tmp_path: Path, request: pytest.FixtureRequest,
                monkeypatch: pytest.MonkeyPatch) -> None:
    unknown = set(case) - CASE_KEYS
    expect = case.get("expect")
    if unknown or expect not in EXPECTS or case.get("base") not in BASES:
        pytest.fail(f"malformed case: unknown keys {sorted(unknown)}, expect {expect!r}, "
                    f"base {case.get('base')!r}")
    try:
        box = _prepare(case, tmp_path)
    except (MalformedCaseError, OSError, KeyError) as error:
        pytest.fail(f"malformed case (set-up failed before the tool ran): {error!r}")
    runs = _runs(box, case)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("DISABLE_MKDOCS_2_WARNING", "true")
    if expect == "rebuilt" or case.get("cache"):
        shutil.copytree(request.getfixturevalue("seed_cache"), box.cache)
        monkeypatch.setenv("HELPTREE_CACHE_DIR", str(box.cache))
    for name, value in (case.get("env") or {}).items():
        monkeypatch.setenv(name, str(box.subst(value)))
    timeout = float(case.get("timeout", 60))

    def run(args: list[str], number: int) -> Result:
        if case.get("isolate") or expect == "rebuilt":
            return FRESH.run(args, box.project, box.runner / f"run-{number}", timeout)
        return _run_in_process(args, box.project)

    problems: list[str] = []
    damaged: dict[Path, bytes | None] = {}
    if expect == "rebuilt":
        for number, prime in enumerate(case.get("prime", [])):
            result = run(_run_args(box, prime), 100 + number)
            _common(case, result, problems)
            if "prime_exit" in case and result.code != case["prime_exit"]:
                problems.append(f"priming {result.label}: expected exit {case['prime_exit']}, "
                                f"got {result.code}\n{result.err[-1500:]}")
        try:
            damaged = _damage(box, case.get("damage", []))
        except (MalformedCaseError, OSError, ValueError, EOFError) as error:
            pytest.fail(f"malformed case (damage failed before the tool ran): {error!r}")

    before = _snapshot(box.root, box.project)
    previous = {str(_site_of(box, args)): _tree_picture(_site_of(box, args))
                for args in runs if args[0] == "build"}
    results = [run(args, number) for number, args in enumerate(runs)]
    after = _snapshot(box.root, box.project)

    for result in results:
        _common(case, result, problems)
    _judge_exits(case, box, results, previous, damaged, problems)
    _judge_outputs(case, box, results, problems)
    _judge_sandbox(box, before, after, problems)

    if problems:
        shown = "\n".join(f"  - {problem}" for problem in problems[:30])
        more = f"\n  ... and {len(problems) - 30} more" if len(problems) > 30 else ""
        printed = "\n".join(f"  $ {r.label}  -> {r.code}\n{_indent(r.err[-2000:])}" for r in results)
        pytest.fail(f"{klass}/{case['id']} ({expect}): {case.get('why', '')}\n{shown}{more}\n"
                    f"what the runs printed on stderr:\n{printed}", pytrace=False)


def _indent(text: str) -> str:
    return "\n".join("      " + line for line in text.splitlines()[-25:])
