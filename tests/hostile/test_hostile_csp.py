"""The Content-Security-Policy: what generator/write/csp.py computes, and the `_headers` file the
build writes (the browser side is in test_hostile_browser.py)."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from headerskit import inline_script_hashes, read_headers, site_script_hashes
from hostilekit import copy_small

from generator.write.build import safe_build
from generator.write.csp import HEADERS_FILE, headers_file, policy


def sha(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def test_an_inline_script_is_hashed_exactly_as_written() -> None:
    script = 'var anchor=window.location.hash.substr(1);location.href="../x/"'
    assert inline_script_hashes(f"<p>x</p><script>{script}</script>") == {sha(script)}


@pytest.mark.parametrize(("html", "count"), [
    ('<script src="assets/x.js"></script>', 0),
    ('<script id="__config" type="application/json">{"a": 1}</script>', 0),
    ('<script type="module">import "./a.js"</script>', 1),
    ("<SCRIPT>x()</SCRIPT >", 1),
    ("<script>a()</script><script>a()</script><script>b()</script>", 2),
    ("<scripts>no</scripts>", 0),
])
def test_only_scripts_a_browser_runs_inline_are_hashed(html: str, count: int) -> None:
    assert len(inline_script_hashes(html)) == count


def test_policy_allows_no_inline_code_and_nothing_from_elsewhere() -> None:
    csp = policy([sha("x()")])
    directives = dict(part.split(" ", 1) for part in csp.split("; "))
    assert directives["script-src"] == f"'self' {sha('x()')}"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "http" not in csp
    assert "*" not in csp


def test_headers_file_round_trips_through_the_reader() -> None:
    headers = read_headers(headers_file(policy()))
    assert headers["Content-Security-Policy"] == policy()
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.fixture(scope="module")
def small_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = copy_small(tmp_path_factory.mktemp("csp") / "project")
    outcome = safe_build(config, strict=True)
    assert outcome.ok, outcome.message
    return outcome.site_dir


def test_build_writes_headers_with_every_inline_script_hash_and_no_other(small_built: Path) -> None:
    headers = read_headers((small_built / HEADERS_FILE).read_text(encoding="utf-8"))
    listed = headers["Content-Security-Policy"].split("script-src ", 1)[1].split(";")[0].split()
    assert listed[0] == "'self'"
    assert sorted(listed[1:]) == site_script_hashes(small_built)
    # The alias's redirect page (written by mkdocs-redirects after helptree) is covered too.
    redirect = (small_built / "troubleshoot" / "old-reset" / "index.html").read_text()
    assert inline_script_hashes(redirect) <= set(listed)
