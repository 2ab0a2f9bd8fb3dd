"""What support staff work from: the staff desk, the print edition, the QR code on an
outcome and `helptree links`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from htmlkit import parse
from treekit import TESTS

from generator.check.run import check
from generator.plan import desk
from generator.plan.render import SiteRenderer
from generator.project.mkdocs_yml import open_project

TWO = TESTS / "fixtures" / "two-guides"


def renderer() -> SiteRenderer:
    spec, _ = open_project(TWO / "mkdocs.yml")
    report = check(spec)
    assert report.project is not None
    return SiteRenderer(report.project)


def test_the_staff_desk_has_a_ready_reply_for_every_outcome_with_its_full_url() -> None:
    desk = renderer()
    page = desk.staff_page()
    html = parse(page.html)
    replies = [p.text() for p in html.find_all("p", class_="ht-reply__text")]
    outcomes = [(g.base, o.id, o.title) for g in desk.project.guides for o in g.tree.outcomes()
                if o.id in g.index.from_start]
    assert len(replies) == len(outcomes)
    for base, node_id, title in outcomes:
        assert (f"I found a page with steps that fit your problem. It is called \u201c{title}\u201d. "
                f"You can open it here: https://help.example.org/{base}/{node_id}/") in replies
    # The copy button waits for JavaScript; the text is there to select without it.
    buttons = html.find_all("button", class_="ht-copy-reply")
    assert len(buttons) == len(replies)
    assert all("hidden" in b.attrs for b in buttons)
    assert "hidden" in html.find("p", class_="ht-filter").attrs
    assert page.in_nav
    assert "search:\n  exclude: true" in page.front_matter


def test_the_print_edition_has_every_outcome_of_its_guide_with_its_full_url() -> None:
    desk = renderer()
    login = desk.project.guides[0]
    page = desk.print_page(login)
    assert page.url == "print/login/"
    html = parse(page.html)
    sections = html.find_all("section", class_="ht-print-outcome")
    assert [s.find("h2").text() for s in sections] == [
        o.title for o in login.tree.outcomes() if o.id in login.index.from_start]
    urls = [p.text() for p in html.find_all("p", class_="ht-print-url")]
    assert "https://help.example.org/login/reset/" in urls
    assert "800-555-0100" in html.text()  # the phone number is written out


def test_an_outcome_carries_a_qr_code_of_its_full_url_for_the_printout() -> None:
    desk = renderer()
    login = desk.project.guides[0]
    page = desk.outcome_page(login, login.tree.nodes["reset"])  # type: ignore[arg-type]
    html = parse(page.html)
    box = html.find("div", class_="ht-qr-box")
    assert box.find("svg") is not None
    assert box.find("p", class_="ht-print-url").text() == "https://help.example.org/login/reset/"
    assert "<script" not in page.html
    assert "http://www.w3.org/2000/svg" in page.html
    assert "hidden" in html.find("p", class_="ht-print").attrs  # the Print button needs JS


@pytest.fixture
def qr_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder, and desk's codes forgotten before and after (a new process)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("HELPTREE_CACHE_DIR", str(folder))
    desk._qr_codes.cache_clear()
    yield folder
    desk._qr_codes.cache_clear()


def test_a_qr_code_is_made_once_then_read_from_the_cache_folder(
        qr_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = "https://help.example.org/login/reset/"
    made = desk.qr_svg(url, "Scan to open")
    desk.save_qr_codes()
    assert len(list(qr_cache.glob("qr-*.marshal"))) == 1
    desk._qr_codes.cache_clear()  # the next process

    def no_segno(*args: object, **kwargs: object) -> None:
        raise AssertionError("segno made a code the cache had")

    monkeypatch.setattr(desk.segno, "make", no_segno)
    assert desk.qr_svg(url, "Scan to open") == made
    assert "<svg" in made
    assert "<title>Scan to open</title>" in made


def test_two_projects_keep_each_others_qr_codes_in_the_cache(qr_cache: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Building one project, then another, then the first again makes no code twice."""
    first, second = "https://help.example.org/a/", "https://other.example.org/b/"
    made = {url: desk.qr_svg(url, "Scan") for url in (first,)}
    desk.save_qr_codes()
    desk._qr_codes.cache_clear()
    made[second] = desk.qr_svg(second, "Scan")
    desk.save_qr_codes()
    desk._qr_codes.cache_clear()

    def no_segno(*args: object, **kwargs: object) -> None:
        raise AssertionError("segno made a code the cache had")

    monkeypatch.setattr(desk.segno, "make", no_segno)
    assert {url: desk.qr_svg(url, "Scan") for url in made} == made


def test_an_unusable_cache_folder_changes_no_qr_code(qr_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = "https://help.example.org/login/reset/"
    expected = desk.qr_svg(url, "Scan")
    qr_cache.parent.joinpath("file").write_text("x", encoding="utf-8")
    monkeypatch.setenv("HELPTREE_CACHE_DIR", str(qr_cache.parent / "file" / "cache"))  # not a folder
    desk._qr_codes.cache_clear()
    assert desk.qr_svg(url, "Scan") == expected
    desk.save_qr_codes()  # nothing to write to, and no error
    assert desk.qr_svg("https://help.example.org/other/", "Scan") != expected


def helptree(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli.main", *map(str, args)],
                          capture_output=True, text=True, cwd=TWO, check=False)


def test_links_lists_every_outcome_with_title_summary_full_url_and_keywords_as_csv() -> None:
    result = helptree("links", "--config", TWO / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["guide", "language", "id", "title", "summary", "url", "keywords"]
    by_id = {(r["guide"], r["id"]): r for r in rows}
    assert by_id[("login", "reset")]["url"] == "https://help.example.org/login/reset/"
    assert by_id[("login", "reset")]["title"] == "Reset your password"
    assert {r["guide"] for r in rows} == {"login", "money"}


def test_links_as_json_and_the_site_url_warning_without_one(tmp_path: Path) -> None:
    result = helptree("links", "--format", "json", "--config", TWO / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert all(row["url"].startswith("https://help.example.org/") for row in rows)
    assert all(isinstance(row["keywords"], list) for row in rows)
    import shutil

    root = tmp_path / "p"
    shutil.copytree(TWO, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_url: https://help.example.org/\n", ""), encoding="utf-8")
    checked = helptree("check", "--config", config)
    assert checked.returncode == 0
    assert f"{config}:1:1: warning: mkdocs.yml has no `site_url`" in checked.stderr
    assert "[HT306]" in checked.stderr
    assert helptree("check", "--strict", "--config", config).returncode == 1


def test_links_lists_outcomes_in_the_order_the_tree_writes_them() -> None:
    """Not the graph's order: `wait-and-reset` leads on to `reset-password`, written after it
    in the file, and was listed first."""
    from treekit import SMALL

    result = subprocess.run([sys.executable, "-m", "generator.cli.main", "links", "--config",
                             str(SMALL / "mkdocs.yml")], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    ids = [row["id"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert ids == ["reset-password", "wait-and-reset", "contact-support"]
