"""The starter `helptree new` writes works as its README says, in a fresh folder: helptree
installed from where it came from (no package index has it), no `helptree` on PATH, the
banners hidden, the contacts where the comments say."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sitekit import HELPTREE, run

from generator.cli.new import install_source

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # makes a virtual environment and installs helptree in it
FENCE = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_a_new_project_installs_helptree_from_this_checkout() -> None:
    assert install_source() == str(ROOT)


def test_the_starter_names_only_commands_that_work_without_helptree_on_path(tmp_path: Path) -> None:
    assert run(HELPTREE, "new", "p", cwd=tmp_path).returncode == 0
    readme = (tmp_path / "p" / "README.md").read_text(encoding="utf-8")
    commands = [line.split("#")[0].strip() for block in FENCE.findall(readme)
                for line in block.splitlines()]
    assert commands
    assert all(c.startswith(("make ", "python3 ", ".venv/bin/")) for c in commands if c), commands
    assert "helptree[readability]" not in readme
    assert f"'{ROOT}[readability]'" in readme
    contacts = (tmp_path / "p" / "contacts.yaml").read_text(encoding="utf-8")
    assert "contacts:" in contacts
    assert "contacts:" not in (tmp_path / "p" / "decision_tree.yaml").read_text(encoding="utf-8")


def _clean_env() -> dict[str, str]:
    """A shell as a new user has it: no PYTHONPATH or venv of ours, no banner switches."""
    dropped = ("PYTHONPATH", "VIRTUAL_ENV", "NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")
    return {k: v for k, v in os.environ.items() if k not in dropped}


def _serve_answers(command: str, project: Path, env: dict[str, str]) -> str:
    """Runs the README's serve command on a free port until the preview answers; its output."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(f"{command} --dev-addr 127.0.0.1:{port}", shell=True, cwd=project,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True)
    node = f"http://127.0.0.1:{port}/troubleshoot/what-happens/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(node, timeout=2) as page:
                    assert b"What happens when you try to sign in?" in page.read()
                break
            except (urllib.error.URLError, OSError):
                assert server.poll() is None, "the preview stopped"
                assert time.monotonic() < deadline, "the preview did not answer in 60 s"
                time.sleep(0.3)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        out, _ = server.communicate(timeout=30)
    return out.decode("utf-8", errors="replace")


def test_the_starter_readme_commands_work_in_a_fresh_folder(tmp_path: Path) -> None:
    source = tmp_path / "helptree-src"  # a copy: pip builds in the folder it is given
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "generator", source / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    assert run(HELPTREE, "new", "p", "--source", source, cwd=tmp_path).returncode == 0
    project = tmp_path / "p"
    readme = (project / "README.md").read_text(encoding="utf-8")
    by_hand = FENCE.findall(readme)[-1]
    env = _clean_env()
    for line in by_hand.splitlines():
        command = line.split("#")[0].strip()
        if not command:
            continue
        if "helptree serve" in command:
            printed = _serve_answers(command, project, env)
            assert "end of life" not in printed, printed  # the banners are hidden
            assert "MKDOCS_2_WARNING" not in printed, printed
            continue
        done = subprocess.run(command, shell=True, cwd=project, env=env, capture_output=True,
                              text=True, timeout=600, check=False)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    assert (project / "site" / "troubleshoot" / "what-happens" / "index.html").is_file()
    made = subprocess.run(["make", "check"], cwd=project, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert made.returncode == 0, made.stderr
    assert "ok: 4 nodes" in made.stdout
