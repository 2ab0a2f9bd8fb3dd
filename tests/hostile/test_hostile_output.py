"""The output is checked where it ends (issue #10): routes the source checks never see
(Markdown extensions a project turns on) fail the build at the built page; the CSP holds
only the templates' own scripts; two builds cannot collide; the site keeps MkDocs' modes;
a failure a user causes is a located error, never "internal error"."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from headerskit import inline_script_hashes, read_headers
from hostilekit import ENV, copy_small, snapshot

from generator.cli.main import main
from generator.write.csp import HEADERS_FILE

pytestmark = pytest.mark.slow


def _helptree(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(args))
    return code, err.getvalue()


def _project(root: Path, extensions: str = "", article: str = "") -> Path:
    """The small fixture, with ``extensions`` under markdown_extensions and ``article``
    appended to content/guides/reset.md."""
    config = copy_small(root)
    if extensions:
        with config.open("a", encoding="utf-8") as out:
            out.write(f"markdown_extensions:\n{extensions}")
    with (root / "content" / "guides" / "reset.md").open("a", encoding="utf-8") as out:
        out.write(article)
    return config


# Class 4: extensions produce HTML the source checks never see.
def test_a_snippet_with_a_script_fails_the_build_at_the_page_it_reaches(tmp_path: Path) -> None:
    config = _project(tmp_path, f"  - pymdownx.snippets:\n      base_path: ['{tmp_path / 'snippets'}']\n"
                      "      check_paths: true\n", '\n--8<-- "note.md"\n')
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "note.md").write_text("Hi <script>alert(1)</script>\n")
    code, err = _helptree("build", "--config", str(config))
    assert code == 1, err
    line = next(line for line in err.splitlines() if "[HT509]" in line)
    assert line.startswith(str(tmp_path / "content" / "guides" / "reset.md") + ":")
    assert "guides/reset/" in line
    assert "alert(1)" in line
    assert not (tmp_path / "site").exists()
    assert "internal error" not in err


def test_a_bare_address_magiclink_turns_into_a_link_fails_the_build(tmp_path: Path) -> None:
    config = _project(tmp_path, "  - pymdownx.magiclink\n", "\nMore at www.evil.io today.\n")
    code, err = _helptree("build", "--config", str(config))
    assert code == 1, err
    line = next(line for line in err.splitlines() if "[HT510]" in line)
    assert "evil.io" in line
    assert str(tmp_path / "content" / "guides" / "reset.md") in line


def test_a_snippet_with_an_address_a_browser_sends_off_site_fails_the_build(tmp_path: Path) -> None:
    config = _project(tmp_path, f"  - pymdownx.snippets:\n      base_path: ['{tmp_path / 'snippets'}']\n"
                      "      check_paths: true\n", '\n--8<-- "note.md"\n')
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "note.md").write_text('<img alt="" srcset="/\\evil.io/x.png 2x">\n')
    code, err = _helptree("build", "--config", str(config))
    assert code == 1, err
    assert "[HT510]" in err
    assert "evil.io" in err


# The CSP: hashes of the templates' scripts, never of whatever a page holds.
INJECT_HOOK = '''
from mkdocs.plugins import event_priority

@event_priority(-200)  # after helptree's output check, on purpose
def on_post_page(output, page, config):
    if page.file.src_uri == "guides/reset.md":
        return output.replace("</body>", "<script>window.__pwned = 1</script></body>")
    return output
'''


def inject_after_the_check(config: Path) -> None:
    """A project hook that slips an inline script into one page after helptree checked it."""
    (config.parent / "inject.py").write_text(INJECT_HOOK, encoding="utf-8")
    with config.open("a", encoding="utf-8") as out:
        out.write("hooks:\n  - inject.py\n")


def test_the_csp_does_not_list_an_inline_script_the_templates_did_not_write(tmp_path: Path) -> None:
    config = copy_small(tmp_path)
    inject_after_the_check(config)
    code, err = _helptree("build", "--config", str(config))
    assert code == 0, err
    site = tmp_path / "site"
    page = (site / "guides" / "reset" / "index.html").read_text(encoding="utf-8")
    injected = inline_script_hashes("<script>window.__pwned = 1</script>")
    assert injected <= inline_script_hashes(page)  # it is in the page...
    csp = read_headers((site / HEADERS_FILE).read_text(encoding="utf-8"))["Content-Security-Policy"]
    assert not [h for h in injected if h in csp]  # ...and not in the policy


# Class 8: two builds of one site folder at once.
LOCK = ".site.helptree.lock"


def _hold(lock_file: Path, release: threading.Event, held: threading.Event) -> None:
    from filelock import FileLock

    with FileLock(str(lock_file)):
        held.set()
        release.wait(120)


def test_a_second_build_waits_while_another_holds_the_site(tmp_path: Path) -> None:
    config = copy_small(tmp_path)
    release, held = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold, args=(tmp_path / LOCK, release, held))
    holder.start()
    try:
        assert held.wait(30)
        build = subprocess.Popen([sys.executable, "-m", "generator.cli.main", "build", "-f", str(config)],
                                 env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert build.stderr is not None
        said = build.stderr.readline()  # the build found the lock taken, and says it waits
        assert "another helptree build" in said, said
        time.sleep(0.5)
        assert build.poll() is None, build.communicate()
        assert not list(tmp_path.glob(".helptree-building-*"))
        assert not (tmp_path / "site").exists()
    finally:
        release.set()
        holder.join()
    _, err = build.communicate(timeout=300)
    assert build.returncode == 0, said + err
    assert (tmp_path / "site" / "index.html").is_file()


def test_clean_up_leaves_the_temporary_folder_of_another_site_alone(tmp_path: Path) -> None:
    config = copy_small(tmp_path)
    other = tmp_path / ".helptree-building-site-2-abcd1234"  # `--site-dir site-2`, running
    other.mkdir()
    (other / "index.html").write_text("building\n")
    code, err = _helptree("build", "--config", str(config))
    assert code == 0, err
    assert (other / "index.html").read_text() == "building\n"


def test_a_build_with_no_site_in_it_is_never_swapped_in(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    config = copy_small(tmp_path)
    assert _helptree("build", "--config", str(config))[0] == 0
    before = snapshot(tmp_path / "site")
    import mkdocs.commands.build as mkdocs_build

    def build_nothing(*_: object, **__: object) -> None:
        """A build that returns without writing a page (a plugin that swallows the work)."""

    monkeypatch.setattr(mkdocs_build, "build", build_nothing)
    code, err = _helptree("build", "--config", str(config))
    assert code == 1
    assert "[HT512]" in err
    assert snapshot(tmp_path / "site") == before
    monkeypatch.undo()
    assert _helptree("build", "--config", str(config))[0] == 0


# Class 9: the swapped-in site keeps the modes plain MkDocs gives.
@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.usefixtures("umask_022")
def test_the_site_folder_is_readable_by_a_web_server_running_as_another_user(tmp_path: Path) -> None:
    config = copy_small(tmp_path)
    assert _helptree("build", "--config", str(config))[0] == 0
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "site" / "index.html").stat().st_mode & 0o777 == 0o644


# Failures a user causes: a full disk, a template that does not exist.
def test_a_full_disk_is_a_plain_error_with_a_code(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    config = copy_small(tmp_path)
    assert _helptree("build", "--config", str(config))[0] == 0
    before = snapshot(tmp_path / "site")
    import mkdocs.utils

    def full(content: bytes, output_path: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", full)
    code, err = _helptree("build", "--config", str(config))
    assert code == 1
    assert "internal error" not in err
    assert "[HT512]" in err
    assert "No space left on device" in err
    assert snapshot(tmp_path / "site") == before
    assert not list(tmp_path.glob(".helptree-building-*"))


def test_a_template_that_does_not_exist_is_located_at_the_front_matter(tmp_path: Path) -> None:
    config = copy_small(tmp_path)
    page = tmp_path / "content" / "guides" / "support.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    page.write_text("---\ntemplate: nothere.html\n" + text[4:], encoding="utf-8")
    code, err = _helptree("build", "--config", str(config))
    assert code == 1
    assert "internal error" not in err
    assert f"{page}:2:" in err
    assert "[HT513]" in err
    assert "nothere.html" in err
