"""The site's generated pages, rendered from the checked project with Jinja2 templates.

Knows nothing of MkDocs: it returns Markdown files (front matter plus one raw HTML block)
with their paths, which any MkDocs-compatible engine can build.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from generator.articles import Article
from generator.check import Project
from generator.contacts import call_button, expand
from generator.model import Outcome, Question, Tree
from generator.paths import PathIndex, Step
from generator.strings import ENGLISH
from generator.text import TextRenderer, relative_url

TEMPLATES = Path(__file__).parent / "templates"
_BLANK_LINES = re.compile(r"\n\s*\n")
# libyaml's emitter when PyYAML has it (its wheels do): 6x faster for every page's front matter.
_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# Pages search leaves out: a question page holds nothing to find that its outcomes and
# articles do not say better, and the A-Z and map only repeat every title. Material's
# search then skips parsing them, a large part of building a big tree.
_NOT_SEARCHED = frozenset({"question", "index", "map"})


@dataclass(frozen=True)
class RenderSettings:
    """Where the generated pages go and what they say."""

    base: str = "troubleshoot"
    index_page: str = "a-z"
    map_page: str = "map"
    strings: Mapping[str, str] = field(default_factory=lambda: ENGLISH)
    listed_paths: int = 5
    site_url: str = ""

    def node_url(self, node_id: str) -> str:
        return f"{self.base}/{node_id}/"

    def node_src(self, node_id: str) -> str:
        return f"{self.base}/{node_id}/index.md"

    @property
    def start_url(self) -> str:
        return f"{self.base}/"

    def shown_url(self, url: str) -> str:
        """How a URL is printed for staff to copy: absolute when the site URL is known."""
        return (self.site_url.rstrip("/") + "/" + url) if self.site_url else "/" + url


@dataclass(frozen=True)
class RenderedPage:
    src_uri: str
    url: str
    title: str
    kind: str  # start, question, outcome, index or map
    front_matter: str  # the YAML block with its --- lines
    html: str  # the page body, one raw HTML block with no blank line
    in_nav: bool = False

    @property
    def markdown(self) -> str:
        """The page as a Markdown file, for engines that run Markdown over it."""
        return f"{self.front_matter}\n{self.html}\n"


class SiteRenderer:
    """Renders every generated page of one checked project."""

    def __init__(self, project: Project, settings: RenderSettings | None = None) -> None:
        if project.tree is None or project.index is None or not project.ok:
            raise ValueError("render needs a project that passed its checks")
        self.tree: Tree = project.tree
        self.index: PathIndex = project.index
        self.articles: dict[str, Article] = project.articles
        self.settings = settings or RenderSettings()
        self.t = self.settings.strings
        self.text = TextRenderer(self.tree.contacts, self.t["call_contact"])
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=False,
        )

    # -- whole site -------------------------------------------------------------

    def pages(self) -> Iterator[RenderedPage]:
        yield self.start_page()
        for node_id in self.index.reachable_order:
            node = self.tree.nodes[node_id]
            yield self.question_page(node) if isinstance(node, Question) else self.outcome_page(node)
        yield self.index_page()
        yield self.map_page()

    def redirects(self) -> dict[str, str]:
        """Old page source -> new page source, for every alias."""
        return {self.settings.node_src(old): self.settings.node_src(new)
                for old, new in sorted(self.tree.aliases().items())}

    def _page(self, src: str, url: str, page_title: str, kind: str, template: str,
              in_nav: bool = False, description: str | None = None, **context: Any) -> RenderedPage:
        body = self.env.get_template(template).render(t=self.t, **context)
        meta: dict[str, Any] = {
            # MkDocs themes print meta titles unescaped, so escape them here.
            "title": html.escape(page_title),
            "hide": ["navigation", "toc"] if kind in ("question", "outcome", "start") else ["toc"],
            "helptree": kind,
        }
        if description:
            meta["description"] = html.escape(description)
        if kind in _NOT_SEARCHED:
            meta["search"] = {"exclude": True}
        front = "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False,
                                    width=1000) + "---\n"
        html_body = _BLANK_LINES.sub("\n", body).strip()
        return RenderedPage(src, url, page_title, kind, front, html_body, in_nav)

    # -- pages --------------------------------------------------------------------

    def start_page(self) -> RenderedPage:
        url = self.settings.start_url
        tree = self.tree
        return self._page(
            f"{self.settings.base}/index.md", url, self.text.plain(tree.title), "start",
            "start.html.j2", in_nav=True, description=self.text.plain(tree.intro) or None,
            title=self.text.inline(tree.title, url), intro=self.text.block(tree.intro, url),
            needs=[self.text.inline(need, url) for need in tree.needs],
            duration=self.text.inline(tree.duration, url) if tree.duration else "",
            first_href=relative_url(url, self.settings.node_url(tree.start)),
            help_links=self.help_links(url),
        )

    def question_page(self, node: Question) -> RenderedPage:
        url = self.settings.node_url(node.id)
        answers = [{
            "href": relative_url(url, self.settings.node_url(a.next)), "next": a.next,
            "label": self.text.inline(a.label, url), "label_text": self.text.plain(a.label),
            "hint": self.text.inline(a.hint, url) if a.hint else "",
        } for a in node.answers]
        return self._page(
            self.settings.node_src(node.id), url, self.text.plain(node.question), "question",
            "question.html.j2", description=self.text.plain(node.help) or None,
            node=node, title=self.text.inline(node.question, url),
            title_text=self.text.plain(node.question), help=self.text.block(node.help, url),
            answers=answers, **self._navigation(node.id, url),
        )

    def outcome_page(self, node: Outcome) -> RenderedPage:
        url = self.settings.node_url(node.id)
        article = None
        if node.article is not None and node.article in self.articles:
            found = self.articles[node.article]
            article = {"href": relative_url(url, found.url), "title": self.text.plain(found.title)}
        still_stuck = None
        target = node.still_stuck or self._support_node(node.id)
        if target is not None:
            still_stuck = {"href": relative_url(url, self.settings.node_url(target)), "id": target}
        count = self.index.from_start.get(node.id, 0)
        listed = self.index.shortest_routes(node.id, self.settings.listed_paths)
        more = count - len(listed)
        return self._page(
            self.settings.node_src(node.id), url, self.text.plain(node.title), "outcome",
            "outcome.html.j2", node=node, title=self.text.inline(node.title, url),
            title_text=self.text.plain(node.title),
            body=self.text.block(node.body, url), article=article, still_stuck=still_stuck,
            prevention=self.text.block(self.tree.prevention_for(node), url),
            reviewed=node.reviewed,
            paths=[[self.text.plain(step.answer.label if step.answer else
                                    f"{self.tree.nodes[step.node].title}: {self.t['it_did_not_work']}")
                    for step in route] for route in listed],
            paths_count_text=self.t["paths_count_one"] if count == 1
            else self.t["paths_count_many"].format(count=f"{count:,}"),
            paths_more=self.t["paths_more"].format(count=f"{more:,}") if more > 0 else "",
            map_href=relative_url(url, f"{self.settings.map_page}/#map-{node.id}"),
            **self._navigation(node.id, url),
        )

    def _support_node(self, current: str) -> str | None:
        """Where "This did not work" goes on a final outcome: the first help-area node."""
        return next((link.node for link in self.tree.help_area
                     if link.node and link.node != current and link.node in self.tree.nodes), None)

    def _navigation(self, node_id: str, url: str) -> dict[str, Any]:
        """Back link and the usual route, both from the shortest path (no JavaScript needed)."""
        route = self.index.shortest_route(node_id)
        start_href = relative_url(url, self.settings.start_url)
        if route:
            back_href = relative_url(url, self.settings.node_url(route[-1].node))
            back_label = self.t["back"]
        else:
            back_href, back_label = start_href, self.t["back_to_start"]
        return {
            "back_href": back_href, "back_label": back_label, "start_href": start_href,
            "route": [self._route_step(step, url) for step in route],
        }

    def _route_step(self, step: Step, url: str) -> dict[str, Any]:
        node = self.tree.nodes[step.node]
        return {
            "question": self.text.plain(node.title),
            "answer": self.text.plain(step.answer.label) if step.answer else self.t["it_did_not_work"],
            "href": relative_url(url, self.settings.node_url(step.node)),
        }

    def index_page(self) -> RenderedPage:
        url = f"{self.settings.index_page}/"
        entries: list[dict[str, str]] = []
        for node in self.tree.outcomes():
            if node.id in self.index.from_start:
                target = self.settings.node_url(node.id)
                entries.append({"title": self.text.plain(node.title), "kind": self.t["index_outcome"],
                                "href": relative_url(url, target),
                                "url": self.settings.shown_url(target)})
        for article in self.articles.values():
            entries.append({"title": self.text.plain(article.title), "kind": self.t["index_article"],
                            "href": relative_url(url, article.url),
                            "url": self.settings.shown_url(article.url)})
        entries.sort(key=lambda e: (e["title"].casefold(), e["kind"]))
        groups: dict[str, list[dict[str, str]]] = {}
        for entry in entries:
            first = entry["title"][:1].upper()
            groups.setdefault(first if first.isalpha() else "#", []).append(entry)
        return self._page(f"{self.settings.index_page}.md", url, self.t["index_title"], "index",
                          "index.html.j2", in_nav=True, groups=sorted(groups.items()))

    def map_page(self) -> RenderedPage:
        url = f"{self.settings.map_page}/"
        return self._page(f"{self.settings.map_page}.md", url, self.t["map_title"], "map",
                          "map.html.j2", in_nav=True, outline=self.outline(url))

    def outline(self, url: str) -> Markup:
        """The whole tree as nested lists; a shared node is written out once, then linked.

        Built with an explicit stack: a deep tree cannot exhaust Python's recursion limit.
        """
        out: list[str] = ['<ul class="ht-outline">']
        shown: set[str] = set()
        stack: list[tuple[str, str]] = [("node", self.tree.start)]
        while stack:
            kind, value = stack.pop()
            if kind == "raw":
                out.append(value)
                continue
            node = self.tree.nodes[value]
            link = (f'<a href="{relative_url(url, self.settings.node_url(node.id))}">'
                    f"{html.escape(self.text.plain(node.title))}</a>")
            marker = "ht-outline__question" if isinstance(node, Question) else "ht-outline__outcome"
            if node.id in shown:
                out.append(f'{link} <a class="ht-outline__seen" href="#map-{node.id}">'
                           f"({html.escape(self.t['map_seen'])})</a>")
                continue
            shown.add(node.id)
            out.append(f'<span id="map-{node.id}" class="{marker}">{link}</span>')
            children = [(a.label, a.next) for a in node.answers] if isinstance(node, Question) else (
                [(self.t["it_did_not_work"], node.still_stuck)] if node.still_stuck else [])
            if not children:
                continue
            pending: list[tuple[str, str]] = [("raw", "<ul>")]
            for label, target in children:
                pending += [("raw", f'<li><span class="ht-outline__answer">'
                                    f"{html.escape(self.text.plain(label))}</span> "),
                            ("node", target), ("raw", "</li>")]
            pending.append(("raw", "</ul>"))
            stack.extend(reversed(pending))
        out.append("</ul>")
        # The start node sits in the first <li>.
        out.insert(1, "<li>")
        out.insert(len(out) - 1, "</li>")
        return Markup("".join(out))

    def article_markdown(self, markdown: str) -> str:
        """An article's Markdown with its contact placeholders filled in (call buttons
        worded by this project's strings)."""
        return expand(markdown, self.tree.contacts, escape_html=True,
                      call=lambda contact: call_button(contact, self.t["call_contact"]))

    # -- the help area on every page ----------------------------------------------

    def help_links(self, page_url: str, root: str | None = None) -> list[dict[str, str]]:
        """The help-area links as seen from ``page_url``; with ``root`` (an error page,
        served at any address), as absolute paths below ``root`` instead."""
        links = []
        for link in self.tree.help_area:
            if link.node:
                target = self.settings.node_url(link.node)
            elif link.article and link.article in self.articles:
                target = self.articles[link.article].url
            else:
                continue
            href = root.rstrip("/") + "/" + target if root is not None else relative_url(page_url, target)
            links.append({"label": self.text.plain(link.label), "href": href})
        return links

    def help_area(self, page_url: str) -> Markup:
        """The aside every page shows in the same place: help links and the page's link;
        on an article, after the facts' date and sources from its front matter."""
        aside = self.env.get_template("help_area.html.j2").render(
            t=self.t, help_links=self.help_links(page_url), permalink_href="./",
            permalink_text=self.settings.shown_url(page_url),
        )
        article = self._articles_by_url.get(page_url)
        if article is None or not (article.reviewed or article.sources):
            return Markup(aside)
        facts = self.env.get_template("article_facts.html.j2").render(
            t=self.t, reviewed=article.reviewed, sources=article.sources)
        return Markup(f"{facts}\n{aside}")

    @cached_property
    def _articles_by_url(self) -> dict[str, Article]:
        return {article.url: article for article in self.articles.values()}

    def not_found_help(self, root: str) -> Markup:
        """The 404 page's body: a way back for a reader who followed an old or wrong link,
        then the same help area (without a permanent link: a 404 has none)."""
        start = root.rstrip("/") + "/" + self.settings.start_url
        return Markup(self.env.get_template("not_found.html.j2").render(
            t=self.t, start_href=start, help_links=self.help_links("", root), permalink_href="",
        ))
