"""External links go only to the official domains listed in `allowed_domains` (the shared
contacts.yaml and the guides' own)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from treekit import ROOT, check_project, shipped_project, shipped_report

from generator.links import domain_allowed, host_of
from generator.source.articles import iter_markdown_files, read_article


def allowed() -> tuple[str, ...]:
    return shipped_project().scope.allowed_domains


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.hrefs.append(value)


def test_allowlist_is_kept_in_the_repository_and_is_not_empty() -> None:
    domains = allowed()
    assert "jpay.com" in domains
    assert all("/" not in d and d == d.lower() for d in domains)


def test_the_shipped_guide_has_no_link_off_the_allowlist() -> None:
    assert [p for p in shipped_report().problems if p.code in ("HT212", "HT213")] == []


def test_every_source_cited_in_front_matter_is_on_the_allowlist() -> None:
    content = ROOT / "content"
    domains = allowed()
    off = []
    for uri in iter_markdown_files(content):  # every language's articles
        article, _ = read_article(content, uri)
        assert article is not None, uri
        off += [f"{uri}: {s.url}" for s in article.sources
                if not domain_allowed(host_of(s.url) or "", domains)]
    assert not off, "\n".join(off)


def test_every_external_link_in_the_built_site_is_on_the_allowlist(guide_site: Path) -> None:
    domains = allowed()
    own = host_of(shipped_project().spec.site_url)  # permanent links to the site's own pages
    offenders = []
    for page in guide_site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            if re.match(r"^(https?:)?//", href):
                host = host_of(href if href.startswith("https:") else "https:" + href.split(":", 1)[-1])
                if host and host != own and not domain_allowed(host, domains):
                    offenders.append(f"{page.relative_to(guide_site)}: {href}")
    assert not offenders, "\n".join(offenders)


def test_a_look_alike_domain_is_refused_with_a_located_error(tmp_path: Path) -> None:
    tree = (ROOT / "tests" / "fixtures" / "small" / "decision_tree.yaml").read_text(encoding="utf-8")
    bad = tree.replace("Pick the answer that fits best.",
                       "See [help](https://help.example.org.evil.io/reset).")
    (tmp_path / "decision_tree.yaml").write_text(bad, encoding="utf-8")
    report = check_project(tmp_path / "decision_tree.yaml",
                           ROOT / "tests" / "fixtures" / "small" / "content")
    [problem] = [p for p in report.problems if p.code == "HT213"]
    assert "help.example.org.evil.io" in problem.message
    line = bad.splitlines()[problem.location.line - 1]
    assert line[problem.location.column - 1:].startswith("https://help.example.org.evil.io")
