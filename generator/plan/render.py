"""The site's generated pages, rendered from the checked project with Jinja2 templates.

Knows nothing of MkDocs: it returns Markdown files (front matter plus one raw HTML block)
with their paths, which any MkDocs-compatible engine can build.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from generator import PACKAGE_DIR
from generator.cache import template_cache
from generator.check.paths import Step
from generator.check.run import CheckedGuide, CheckedProject
from generator.journey import did_not_work
from generator.languages import language
from generator.model import Outcome, Question
from generator.plan.desk import entries, letter_of, qr_svg, sort_key, tree_order
from generator.routes import guide_url, node_source, node_url, page_url, print_url, source_of
from generator.source.articles import Article
from generator.strings import format_date
from generator.text import TextRenderer, relative_url

TEMPLATES = PACKAGE_DIR / "templates"
_BLANK_LINES = re.compile(r"\n\s*\n")
# libyaml's emitter when PyYAML has it (its wheels do): 6x faster for every page's front matter.
_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@functools.cache
def templates() -> jinja2.Environment:
    """helptree's templates, compiled once per process for every language (each render
    gets its interface table ``t``) and kept compiled in the cache folder."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), bytecode_cache=template_cache(),
        autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=False,
    )
    env.filters["date_text"] = format_date  # {{ date | date_text(t) }}
    return env


@dataclass(frozen=True)
class RenderedPage:
    src_uri: str
    url: str
    title: str
    kind: str  # start, question, outcome, index or map
    front_matter: str  # the YAML block with its --- lines
    html: str  # the page body, one raw HTML block with no blank line
    in_nav: bool = False
    # Where the navigation lists it when not by its source: the A-Z, the map and the staff
    # desk are `<url>index.md` files (a raw HTML link reads the same from the file as from
    # the page, and Zensical reads it from the file) listed at the top like `a-z.md`.
    place: str = ""

    @property
    def markdown(self) -> str:
        """The page as a Markdown file, for engines that run Markdown over it."""
        return self.markdown_with({})

    def markdown_with(self, meta: Mapping[str, object]) -> str:
        """The same with ``meta`` added to its front matter."""
        more = yaml.dump(dict(meta), Dumper=_DUMPER, allow_unicode=True, sort_keys=False,
                         width=1000) if meta else ""
        front = self.front_matter.removesuffix("---\n") + more + "---\n"
        return f"{front}\n{self.html}\n"


class SiteRenderer:
    """Renders every generated page of a checked project: each guide's pages, then the
    A-Z and the map of them all, and the help area each page ends with."""

    def __init__(self, project: CheckedProject,
                 left_out: Mapping[str, frozenset[str]] | None = None) -> None:
        self.project = project
        # By language: the main-language pages its edition leaves out (`languages: [en]`).
        self.left_out: Mapping[str, frozenset[str]] = left_out or {}
        self.spec = project.spec
        self.articles: Mapping[str, Article] = project.articles
        self.t = self.spec.strings
        self.text = TextRenderer(project.contacts, project.prefix, self.t["call_contact"],
                                 project.main_only, self.t["text_contact"], self.spec.full_url)
        self.env = templates()
        # An article shows the help area of the first guide whose outcomes use it.
        self._article_guide: dict[str, CheckedGuide] = {}
        for guide in reversed(project.guides):
            for outcome in guide.tree.outcomes():
                if outcome.article is not None:
                    self._article_guide[self.articles[outcome.article].url] = guide

    # -- whole site -------------------------------------------------------------

    def pages(self) -> Iterator[RenderedPage]:
        for guide in self.project.guides:
            yield self.start_page(guide)
            for node_id in guide.index.reachable_order:
                node = guide.tree.nodes[node_id]
                yield self.question_page(guide, node) if isinstance(node, Question) else \
                    self.outcome_page(guide, node)
            yield self.print_page(guide)
        yield self.index_page()
        yield self.map_page()
        yield self.staff_page()

    def redirects(self) -> dict[str, str]:
        """Old page source -> new page source, for every alias of every guide."""
        return {node_source(guide.base, old): node_source(guide.base, new) for guide in self.project.guides
                for old, new in sorted(guide.tree.aliases().items())}

    def shown_url(self, url: str) -> str:
        """How a URL is printed for staff to copy: absolute when the site URL is known."""
        return self.spec.full_url(url)

    def language_meta(self, page_url: str) -> dict[str, Any]:
        """Front matter for a help center in several languages: the page's language (the
        theme's `<html lang>`) and its twin in every language (`hreflang`, the switch)."""
        languages = self.spec.options.languages
        if len(languages) < 2:
            return {}
        bare = page_url[len(self.project.prefix):]
        alternates: list[dict[str, Any]] = []
        for number, code in enumerate(languages):
            name = language(code).name
            if number and bare in self.left_out.get(code, frozenset()):  # says so, in its language
                note = self.spec.language_strings.get(code, self.t)["page_not_translated"]
                alternates.append({"lang": code, "name": name, "url": None, "note": note})
            else:
                alternates.append({"lang": code, "name": name,
                                   "url": (f"{code}/" if number else "") + bare})
        return {"helptree_lang": self.project.language,
                "helptree_interface": language(self.project.language).theme_language,
                "helptree_alternates": alternates}

    def guide_of(self, page_url: str) -> CheckedGuide:
        """The guide a page belongs to: by its folder, or the guide whose outcomes use
        the article; the first guide for every other page."""
        for guide in self.project.guides:
            if page_url.startswith(guide.base + "/"):
                return guide
        return self._article_guide.get(page_url, self.project.guide)

    def _page(self, src: str, url: str, page_title: str, kind: str, template: str,
              in_nav: bool = False, place: str = "", description: str | None = None,
              **context: Any) -> RenderedPage:
        body = self.env.get_template(template).render(t=self.t, **context)

        meta: dict[str, Any] = {
            # MkDocs themes print meta titles unescaped, so escape them here.
            "title": html.escape(page_title),
            "hide": ["navigation", "toc"] if kind in ("question", "outcome", "start") else ["toc"],
            "helptree": kind,
        }
        if description:
            meta["description"] = html.escape(description)
        # Search reads helptree's own index of plain text (generator/plan/search.py): Material's
        # indexes no page, so it neither parses them nor prints any keyword as a tag.
        meta["search"] = {"exclude": True}
        meta.update(self.language_meta(url))
        front = "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False,
                                    width=1000) + "---\n"
        html_body = _BLANK_LINES.sub("\n", body).strip()
        return RenderedPage(src, url, page_title, kind, front, html_body, in_nav, place)

    # -- pages of one guide ---------------------------------------------------------

    def start_page(self, guide: CheckedGuide) -> RenderedPage:
        url = guide_url(guide.base)
        tree = guide.tree
        return self._page(
            source_of(url), url, self.text.plain(tree.title), "start",
            "start.html.j2", in_nav=True, description=self.text.plain(tree.intro) or None,
            title=self.text.inline(tree.title, url), intro=self.text.block(tree.intro, url),
            needs=[self.text.inline(need, url) for need in tree.needs],
            duration=self.text.inline(tree.duration, url) if tree.duration else "",
            first_href=relative_url(url, node_url(guide.base, tree.start)),
            help_links=self.help_links(url),
        )

    def question_page(self, guide: CheckedGuide, node: Question) -> RenderedPage:
        url = node_url(guide.base, node.id)
        answers = [{
            "href": relative_url(url, node_url(guide.base, a.next)), "next": a.next,
            "label": self.text.inline(a.label, url), "label_text": self.text.plain(a.label),
            "hint": self.text.inline(a.hint, url) if a.hint else "",
        } for a in node.answers]
        return self._page(
            node_source(guide.base, node.id), url, self.text.plain(node.question), "question",
            "question.html.j2", description=self.text.plain(node.help) or None,
            node=node, title=self.text.inline(node.question, url),
            title_text=self.text.plain(node.question), help=self.text.block(node.help, url),
            answers=answers, **self._navigation(guide, node.id, url),
        )

    def outcome_page(self, guide: CheckedGuide, node: Outcome) -> RenderedPage:
        url = node_url(guide.base, node.id)
        tree = guide.tree
        article = None
        if node.article is not None and node.article in self.articles:
            found = self.articles[node.article]
            article = {"href": relative_url(url, found.url), "title": self.text.plain(found.title),
                       "full": self.shown_url(found.url)}
        still_stuck = None
        target = did_not_work(tree, node)  # None: a final support page ends the chain here
        if target is not None:
            still_stuck = {"href": relative_url(url, node_url(guide.base, target)), "id": target}
        count = guide.index.from_start.get(node.id, 0)
        listed = guide.index.shortest_routes(node.id, self.spec.listed_paths)
        more = count - len(listed)
        return self._page(
            node_source(guide.base, node.id), url, self.text.plain(node.title), "outcome",
            "outcome.html.j2",
            node=node, title=self.text.inline(node.title, url),
            title_text=self.text.plain(node.title),
            body=self.text.block(node.body, url), article=article, still_stuck=still_stuck,
            prevention=self.text.block(tree.prevention_for(node), url),
            reviewed=node.reviewed,
            paths=[[self.text.plain(step.answer.label if step.answer else
                                    f"{tree.nodes[step.node].title}: {self.t['it_did_not_work']}")
                    for step in route] for route in listed],
            paths_count_text=self.t["paths_count_one"] if count == 1
            else self.t["paths_count_many"].format(count=f"{count:,}"),
            paths_more=self.t["paths_more"].format(count=f"{more:,}") if more > 0 else "",
            map_href=relative_url(url, page_url(self.spec.map_page)
                                  + f"#map-{guide.base.replace('/', '-')}-{node.id}"),
            qr=Markup(qr_svg(self.shown_url(url), self.t["scan_qr"])) if self.spec.site_url else "",
            full_url=self.shown_url(url),
            **self._navigation(guide, node.id, url),
        )

    def _navigation(self, guide: CheckedGuide, node_id: str, url: str) -> dict[str, Any]:
        """Back link and the route here, as far as a page without JavaScript can know them:
        Back leads to the one page that links here, or, where several do, to the start; the
        answers are listed only where one route leads here (the script shows the reader's own)."""
        index = guide.index
        route = index.shortest_route(node_id)
        start_href = relative_url(url, guide_url(guide.base))
        if route and len(set(index.parents.get(node_id, ()))) == 1:
            back_href = relative_url(url, node_url(guide.base, route[-1].node))
            back_label = self.t["back"]
        else:
            back_href, back_label = start_href, self.t["back_to_start"]
        only_route = index.from_start.get(node_id, 0) == 1
        return {
            "back_href": back_href, "back_label": back_label, "start_href": start_href,
            "route": [self._route_step(guide, step, url) for step in route] if only_route else [],
        }

    def _route_step(self, guide: CheckedGuide, step: Step, url: str) -> dict[str, Any]:
        node = guide.tree.nodes[step.node]
        return {
            "question": self.text.plain(node.title),
            "answer": self.text.plain(step.answer.label) if step.answer else self.t["it_did_not_work"],
            "href": relative_url(url, node_url(guide.base, step.node)),
        }

    # -- pages of the whole help center ---------------------------------------------

    def index_page(self) -> RenderedPage:
        """A book-style A-Z: each page under its key word and every keyword, with what it
        is and its full URL."""
        url = page_url(self.spec.index_page)
        kinds = {"guide": self.t["index_guide"], "steps": self.t["index_outcome"],
                 "article": self.t["index_article"]}
        groups: dict[str, list[dict[str, Any]]] = {}
        for entry in entries(self.project, self.text.plain):
            groups.setdefault(letter_of(entry.key), []).append({
                "key": entry.key, "title": entry.title, "kind": kinds[entry.kind],
                "shows_title": entry.shows_title,
                "href": relative_url(url, entry.url), "url": self.shown_url(entry.url)})
        return self._page(source_of(url), url, self.t["index_title"], "index",
                          "index.html.j2", in_nav=True,
                          place=f"{self.spec.index_page}.md",
                          groups=sorted(groups.items(), key=lambda g: sort_key(g[0])))

    def home_search(self, page_url: str) -> str:
        """The search box of the home page at ``page_url``, as one raw HTML block."""
        body = self.env.get_template("home_search.html.j2").render(
            t=self.t, index_href=relative_url(page_url, f"{self.spec.index_page}/"))
        return _BLANK_LINES.sub("\n", body).strip()

    def staff_page(self) -> RenderedPage:
        """The staff desk: every outcome with its summary and a reply ready to paste."""
        url = page_url(self.spec.staff_page)
        guides = [{
            "title": self.text.plain(guide.tree.title), "href": relative_url(url, guide_url(guide.base)),
            "print_href": relative_url(url, self.print_url(guide)),
            "outcomes": [{
                "title": self.text.plain(outcome.title),
                "summary": self.text.plain(outcome.summary),
                "href": relative_url(url, node_url(guide.base, outcome.id)),
                "reply": self.t["staff_reply"].format(
                    title=self.text.plain(outcome.title).rstrip("."),
                    url=self.shown_url(node_url(guide.base, outcome.id))),
                "words": " ".join(outcome.keywords),
            } for outcome in tree_order(guide)],
        } for guide in self.project.guides]
        return self._page(source_of(url), url, self.t["staff_title"], "staff",
                          "staff.html.j2", in_nav=True,
                          place=f"{self.spec.staff_page}.md", guides=guides)

    def print_url(self, guide: CheckedGuide) -> str:
        return print_url(self.spec.print_page, guide.base[len(self.project.prefix):])

    def print_page(self, guide: CheckedGuide) -> RenderedPage:
        """One guide's every outcome on one page, for staff who hand a printout over."""
        url = self.print_url(guide)
        outcomes = []
        for outcome in tree_order(guide):
            body = self.text.block(outcome.body, url)
            if outcome.article is not None:
                article = self.articles[outcome.article]
                body = Markup(f'{body}<p><a href="{relative_url(url, article.url)}">'
                              f"{html.escape(self.t['full_article'])}: "
                              f"{html.escape(self.text.plain(article.title))}</a> "
                              f"({html.escape(self.shown_url(article.url))})</p>")
            outcomes.append({
                "id": outcome.id, "title": self.text.plain(outcome.title), "body": body,
                "url": self.shown_url(node_url(guide.base, outcome.id)),
                "reviewed": format_date(outcome.reviewed, self.t) if outcome.reviewed else ""})
        title = self.t["print_title"].format(title=self.text.plain(guide.tree.title))
        return self._page(source_of(url), url, title, "print", "print.html.j2",
                          title=title, outcomes=outcomes)

    def map_page(self) -> RenderedPage:
        url = page_url(self.spec.map_page)
        guides = [{"id": f"map-{guide.base.replace('/', '-')}",
                   "title": self.text.plain(guide.tree.title),
                   "href": relative_url(url, guide_url(guide.base)),
                   "outline": self.outline(guide, url)} for guide in self.project.guides]
        return self._page(source_of(url), url, self.t["map_title"], "map",
                          "map.html.j2", in_nav=True,
                          place=f"{self.spec.map_page}.md", guides=guides)

    def outline(self, guide: CheckedGuide, url: str) -> Markup:
        """A guide as nested lists; a shared node is written out once, then linked.

        Built with an explicit stack: a deep tree cannot exhaust Python's recursion limit.
        """
        tree = guide.tree
        anchor = f"map-{guide.base.replace('/', '-')}-"
        out: list[str] = ['<ul class="ht-outline">']
        shown: set[str] = set()
        stack: list[tuple[str, str]] = [("node", tree.start)]
        while stack:
            kind, value = stack.pop()
            if kind == "raw":
                out.append(value)
                continue
            node = tree.nodes[value]
            link = (f'<a href="{relative_url(url, node_url(guide.base, node.id))}">'
                    f"{html.escape(self.text.plain(node.title))}</a>")
            marker = "ht-outline__question" if isinstance(node, Question) else "ht-outline__outcome"
            if node.id in shown:
                out.append(f'{link} <a class="ht-outline__seen" href="#{anchor}{node.id}">'
                           f"({html.escape(self.t['map_seen'])})</a>")
                continue
            shown.add(node.id)
            out.append(f'<span id="{anchor}{node.id}" class="{marker}">{link}</span>')
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

    # -- the help area on every page ----------------------------------------------

    def help_links(self, page_url: str, root: str | None = None) -> list[dict[str, Any]]:
        """The help-area links of the page's guide as seen from ``page_url``; with ``root``
        (an error page, served at any address), as absolute paths below ``root`` instead."""
        guide = self.guide_of(page_url)
        links = []
        for link in guide.tree.help_area:
            if link.node:
                target = node_url(guide.base, link.node)
            elif link.article and link.article in self.articles:
                target = self.articles[link.article].url
            else:
                continue
            href = root.rstrip("/") + "/" + target if root is not None else relative_url(page_url, target)
            links.append({"label": self.text.plain(link.label), "href": href,
                          "current": root is None and target == page_url})
        return links

    def help_area(self, page_url: str, root: str | None = None) -> Markup:
        """The aside every page shows in the same place: help links and the page's link;
        on an article, after the facts' date and sources from its front matter. With
        ``root``, its links are absolute paths below ``root`` (see help_links)."""
        aside = self.env.get_template("help_area.html.j2").render(
            t=self.t, help_links=self.help_links(page_url, root),
            permalink_text=self.shown_url(page_url) if root is None else "",
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
        """The 404 page's body: a way into every guide for a reader who followed an old or
        wrong link, then the same help area (without a permanent link: a 404 has none)."""
        top = root.rstrip("/") + "/"
        starts = [{"title": self.text.plain(guide.tree.title),
                   "href": top + node_url(guide.base, guide.tree.start)} for guide in self.project.guides]
        others = [{"lang": code, "name": language(code).name,
                   "href": top + (f"{code}/" if number else "")}
                  for number, code in enumerate(self.spec.options.languages)
                  if code != self.project.language]
        return Markup(self.env.get_template("not_found.html.j2").render(
            t=self.t, starts=starts, help_links=self.help_links("", root), permalink_text="",
            home_href=top + self.project.prefix, index_href=top + f"{self.spec.index_page}/",
            languages=others,
        ))

