"""The checks across guides: every URL of the site is claimed by one thing only, so no
page silently replaces another (two guides on one base, a base over an article folder, an
article or alias where a node page is, the A-Z or the map over a guide)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from generator.model import Tree
from generator.problems import Location, Problem
from generator.routes import guide_url, node_url, page_url, print_url
from generator.source.articles import Article
from generator.source.spec import GuideSpec, ProjectSpec


def url_claims(spec: ProjectSpec, guides: list[tuple[GuideSpec, Tree]],
               articles: Mapping[str, Article]) -> Iterator[tuple[str, str, Location]]:
    """Every URL the site will have: (url, what claims it, where that is written)."""
    seen: set[str] = set()
    for guide, tree in guides:
        yield guide_url(guide.base), f"the guide {guide.tree.name} (base `{guide.base}`)", guide.where
        if guide.base in seen:
            continue  # one problem for two guides on one base, not one per node
        seen.add(guide.base)
        for node in tree.nodes.values():
            yield node_url(guide.base, node.id), f"node `{node.id}`", node.location
            for alias in node.aliases:
                yield node_url(guide.base, alias), f"alias `{alias}` of `{node.id}`", node.where("aliases")
    yield page_url(spec.index_page), "the A-Z (`index_page`)", spec.located("index_page")
    yield page_url(spec.map_page), "the map (`map_page`)", spec.located("map_page")
    yield page_url(spec.staff_page), "the staff desk (`staff_page`)", spec.located("staff_page")
    for guide, _ in guides:
        yield (print_url(spec.print_page, guide.base), f"the print edition of guide `{guide.base}`",
               spec.located("print_page"))
    for article in articles.values():
        yield article.url, f"article {article.src_uri}", Location(article.source.name)


def check_guides(spec: ProjectSpec, guides: list[tuple[GuideSpec, Tree]],
                 articles: Mapping[str, Article]) -> Iterator[Problem]:
    """HT504 for every URL claimed twice, and for an article inside a guide's folder. URLs
    are compared case-folded: on a case-insensitive disk or host (macOS, Windows, many
    servers) `Troubleshoot/` and `troubleshoot/` are one folder."""
    claimed: dict[str, tuple[str, str, Location]] = {}
    for url, what, where in url_claims(spec, guides, articles):
        first = claimed.get(url.casefold())
        if first is None:
            claimed[url.casefold()] = (url, what, where)
        elif first[1] != what:
            case = f" and /{first[0]}, which differ only in case" if first[0] != url else ""
            yield Problem(where, "HT504", f"{what} and {first[1]} ({first[2]}) both want the "
                          f"page /{url}{case}", "rename one of them, or give the guide another `base`")
    bases = [guide.base for guide, _ in guides]
    for article in articles.values():
        inside = next((base for base in bases
                       if article.url.casefold().startswith(base.casefold() + "/")), None)
        if inside is not None and article.url.casefold() != f"{inside}/":
            yield Problem(Location(article.source.name), "HT504", f"article {article.src_uri} is "
                          f"inside the folder of guide `{inside}`, where node pages live",
                          "move the article to another folder, or give the guide another `base`")


def case_clashes(spec: ProjectSpec, guides: list[tuple[GuideSpec, Tree]],
                 articles: Mapping[str, Article], files: Iterable[str]) -> Iterator[Problem]:
    """HT504 for two published paths (pages, files of content/, or the folders they are in)
    that differ only in case: one folder or file on a case-insensitive disk or host, so one
    would replace or swallow the other. ``files`` are content/'s files, relative."""
    seen: dict[str, tuple[str, str, Location]] = {}
    named: list[tuple[str, str, Location]] = list(url_claims(spec, guides, articles))
    root = spec.content_dir or Path(".")
    named += [(name, f"content/{name}", Location(str(root / name))) for name in files]
    reported: set[tuple[str, str]] = set()
    for path, what, where in named:
        parts = path.strip("/").split("/")
        for depth in range(1, len(parts) + 1):
            written = "/".join(parts[:depth])
            first = seen.setdefault(written.casefold(), (written, what, where))
            pair = (first[0], written)
            if first[0] != written and pair not in reported:
                reported.add(pair)
                yield Problem(where, "HT504", f"{what} is published at `{written}`, and {first[1]} "
                              f"({first[2]}) at `{first[0]}`: they differ only in case, so on a "
                              "case-insensitive disk or host one replaces or swallows the other",
                              "rename one of them so the names differ in more than case")
