"""The live preview of a broken project: the problems page, the guarded rebuild and the
server answering every address with that page, on MkDocs' own LiveReloadServer (not
started: its WSGI application is called directly)."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from treekit import SMALL

from generator.problems import Location, Problem
from generator.write.preview import PROBLEMS_PAGE, Preview, problems_page


def served(server: LiveReloadServer, path: str) -> tuple[str, str]:
    """(status, body) of one GET through the server's WSGI application."""
    answer: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], *_: object) -> object:
        answer.append(status)
        return len

    app = server.get_app()
    assert app is not None
    chunks: Iterable[bytes] = app({"PATH_INFO": path, "REQUEST_METHOD": "GET"}, start_response)
    body = b"".join(chunks).decode("utf-8")
    return answer[0], body


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A built site as MkDocs leaves it: a page, a stylesheet."""
    root = tmp_path / "site"
    (root / "troubleshoot" / "forgot").mkdir(parents=True)
    (root / "troubleshoot" / "forgot" / "index.html").write_text("<p>the real page</p>")
    (root / "main.css").write_text("body {}")
    return root


def test_the_problems_page_escapes_everything_and_links_nowhere(tmp_path: Path) -> None:
    tree = tmp_path / "decision_tree.yaml"
    tree.write_text("nodes:\n  a:\n    next: <script>x</script>\n", encoding="utf-8")
    page = problems_page([Problem(Location(str(tree), 3, 11), "HT202",
                                  "unknown node `<script>x</script>`", "did you mean `<b>`?")])
    assert f"{tree}:3:11" in page
    assert "<script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page
    assert "did you mean `&lt;b&gt;`?" in page
    assert "          ^" in page  # the caret under column 11 of the source line
    for linking in ("<a ", "href", "src=", "<link", "url(", "@import"):
        assert linking not in page


def test_a_broken_preview_answers_every_page_address_with_the_problems_page(site: Path) -> None:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(site))
    preview = Preview(SMALL / "mkdocs.yml")
    preview.attach(server)
    assert served(server, "/troubleshoot/forgot/") == ("200 OK", "<p>the real page</p>")
    preview.fail([Problem(Location("decision_tree.yaml", 29, 15), "HT202", "unknown node `lockd`")])
    preview.write(site)
    for address in ("/troubleshoot/forgot/", "/", "/es/anything/", "/troubleshoot/new-node"):
        status, body = served(server, address)
        assert status == "503 Service Unavailable"
        assert "decision_tree.yaml:29:15" in body
        assert "unknown node `lockd`" in body
    assert served(server, "/main.css") == ("200 OK", "body {}")  # not a page: as it is


def test_a_rebuild_that_raises_ends_and_shows_what_stopped_it(site: Path) -> None:
    """MkDocs' server waits for a build that raised for ever ("the server will appear
    stuck"): the guarded build ends, and the page says why."""
    def failing() -> None:
        raise Abort("Aborted with 1 warnings in strict mode!")

    server = LiveReloadServer(builder=failing, host="127.0.0.1", port=0, root=str(site))
    preview = Preview(SMALL / "mkdocs.yml")
    preview.attach(server)
    server.builder()  # returns: the server's build loop makes the new epoch visible
    assert preview.broken
    assert (site / PROBLEMS_PAGE).is_file()
    status, body = served(server, "/troubleshoot/forgot/")
    assert status.startswith("503")
    assert "MkDocs stopped: Aborted with 1 warnings in strict mode!" in body
    assert f"{SMALL / 'mkdocs.yml'}:1:1" in body


def test_a_rebuild_stopped_by_located_problems_lists_them(site: Path) -> None:
    """The output check's problems, which MkDocs wraps in "Aborted with a BuildError!"."""
    from generator.write.plugin import SiteProblemsError

    where = Problem(Location("content/index.md", 4, 2), "HT212", "link `javascript:x` is unsafe")

    def stopped() -> None:
        try:
            raise SiteProblemsError(where)
        except SiteProblemsError:
            raise Abort("Aborted with a BuildError!")  # noqa: B904 (as MkDocs raises it)

    server = LiveReloadServer(builder=stopped, host="127.0.0.1", port=0, root=str(site))
    preview = Preview(SMALL / "mkdocs.yml")
    preview.attach(server)
    server.builder()
    assert preview.problems == [where]


def test_a_mkdocs_yml_that_cannot_be_read_is_located_in_it(tmp_path: Path, site: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(SMALL, root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + ": : :\n", encoding="utf-8")
    bad_line = text.count("\n") + 1

    def loading() -> None:
        from mkdocs.config import load_config
        load_config(str(config))

    server = LiveReloadServer(builder=loading, host="127.0.0.1", port=0, root=str(site))
    preview = Preview(config)
    preview.attach(server)
    server.builder()
    assert preview.problems is not None
    assert [(p.code, p.location.line) for p in preview.problems] == [("HT501", bad_line)]


def test_the_preview_watches_what_the_project_reads_and_follows_it(tmp_path: Path) -> None:
    """A missing translation is watched through its folder (not recursively), so writing it
    rebuilds; a file the project stops reading is no longer watched."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    (tmp_path / "guides").mkdir()
    tree, content = tmp_path / "tree.yaml", tmp_path / "content"
    tree.write_text("x")
    content.mkdir()
    preview = Preview(tmp_path / "mkdocs.yml")
    preview.watch([tree, tmp_path / "guides" / "tree.es.yaml", content])  # before the server
    preview.attach(server)
    assert preview.watched == {str(tree.resolve()): False,
                               str((tmp_path / "guides").resolve()): False,
                               str(content.resolve()): True}
    assert set(server._watched_paths) == set(preview.watched)
    preview.watch([tree])
    assert set(server._watched_paths) == {str(tree.resolve())}
