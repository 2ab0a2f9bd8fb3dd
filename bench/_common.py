"""What every benchmark script shares: paths, timed child processes, tables, JSON results,
the shipped guide built once, and a local static server that compresses like a real host."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import io
import json
import os
import platform
import shutil
import socketserver
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
WORK = RESULTS / "work"
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking"]
GZIP_LEVEL = 6  # gzip's and most web servers' default


def env() -> dict[str, str]:
    """The environment for child processes: no MkDocs 2.0 banners."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


os.environ.update({"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"})


def tool(name: str) -> list[str]:
    """The command for a console script of this venv (``helptree``, ``mkdocs``)."""
    script = BIN / name
    if script.exists():
        return [str(script)]
    module = {"helptree": "generator.cli.main", "mkdocs": "mkdocs", "zensical": "zensical"}[name]
    return [sys.executable, "-m", module]


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the child: steadier on a busy machine
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_measured(command: Sequence[str], cwd: Path | None = None,
                 extra_env: dict[str, str] | None = None) -> Run:
    """Run a command: wall time, CPU time and peak resident memory of the child alone.

    Peak memory is the child's VmHWM, sampled from /proc while it runs: the rusage from
    wait4 would never report less than this Python process's own size, which Linux
    carries over into a child at fork and exec.
    """
    WORK.mkdir(parents=True, exist_ok=True)
    out_path, err_path = WORK / ".stdout", WORK / ".stderr"
    status_file = None
    peak_kb = 0
    with open(os.devnull, "rb") as stdin, open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(list(command), cwd=cwd, env={**env(), **(extra_env or {})}, stdin=stdin,
                                 stdout=out, stderr=err)
        status_file = Path(f"/proc/{child.pid}/status")
        while True:
            peak_kb = max(peak_kb, _vm_hwm_kb(status_file))
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
    if not peak_kb:  # no /proc (not Linux): fall back on rusage, an upper bound
        peak_kb = usage.ru_maxrss
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak_kb / 1024, child.returncode,
               out_path.read_text(errors="replace"), err_path.read_text(errors="replace"))


def _vm_hwm_kb(status_file: Path) -> int:
    try:
        for line in status_file.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def arg_parser(doc: str | None) -> argparse.ArgumentParser:
    """A parser whose --help shows the script's docstring as written."""
    return argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def check_ok(run: Run, what: str) -> None:
    if run.returncode != 0:
        sys.exit(f"bench: {what} failed (exit {run.returncode}):\n{run.stderr[-3000:]}")


# -- output ----------------------------------------------------------------------------------------

def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table, columns padded, numbers right-aligned."""
    cells = [[str(h) for h in headers], *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [all(_is_number(row[i]) or row[i] == "-" for row in rows) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.rjust(w) if n else c.ljust(w)
                                 for c, w, n in zip(row, widths, numeric, strict=True)) + " |"
    rule = "|" + "|".join(("-" * (w + 1) + ":") if n else ("-" * (w + 2))
                          for w, n in zip(widths, numeric, strict=True)) + "|"
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def machine() -> dict[str, Any]:
    """Enough about the machine and versions to compare results across runs."""
    def version(package: str) -> str:
        try:
            from importlib.metadata import version as v
            return v(package)
        except Exception:  # noqa: BLE001 - a missing package is just "unknown"
            return "unknown"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=False).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "generator"], cwd=ROOT,
                                    capture_output=True, text=True, check=False).stdout.strip())
    except OSError:
        commit, dirty = "unknown", False
    return {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": commit + ("+dirty" if dirty else ""),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "pythonpath": os.environ.get("PYTHONPATH", ""),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "markdown": version("markdown"),
    }


def save(name: str, data: dict[str, Any]) -> Path:
    """Write bench/results/NAME.json (NAME-LABEL.json with HELPTREE_BENCH_LABEL set; the
    folder is git-ignored) and return its path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    label = os.environ.get("HELPTREE_BENCH_LABEL", "").strip()
    path = RESULTS / (f"{name}-{label}.json" if label else f"{name}.json")
    path.write_text(json.dumps({"machine": machine(), **data}, indent=2) + "\n", encoding="utf-8")
    return path


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


# -- the shipped guide, built once per run ------------------------------------------------------

def build_guide(fresh: bool = False) -> Path:
    """Build the repository's guide into bench/results/work/guide-site with ``helptree build``."""
    site = WORK / "guide-site"
    if site.is_dir() and not fresh and (site / "index.html").is_file():
        return site
    WORK.mkdir(parents=True, exist_ok=True)
    run = run_measured([*tool("helptree"), "build", "--config", str(ROOT / "mkdocs.yml"),
                              "--site-dir", str(site)], cwd=ROOT)
    check_ok(run, "helptree build of the guide")
    return site


def rmtree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


# -- a local server that compresses text, as any real host does -----------------------------------

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip for text types, so transfer sizes match a real host."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not wants_gzip or path.suffix not in COMPRESSIBLE or not path.is_file():
            return super().send_head()
        body = gzip_bytes(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(directory: Path) -> tuple[str, _Server]:
    """Serve ``directory`` on 127.0.0.1 in a background thread; returns (base URL, server)."""
    handler = functools.partial(_Handler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@functools.lru_cache(maxsize=4096)
def _gzip_cached(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def gzip_bytes(data: bytes) -> bytes:
    return _gzip_cached(data)


def gzip_size(data: bytes) -> int:
    return len(gzip_bytes(data))
