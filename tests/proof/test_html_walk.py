"""The built HTML, walked as a reader with JavaScript off would walk it.

From each guide's start page (/troubleshoot/) the walk follows the answer links written in the
generated pages (never the tree's own ids) and checks, at every step, that the page shows the
node's question or outcome title and exactly the tree's answers, in the tree's order.

Two modes, chosen per tree by its exact path count (counted without listing the paths):

* ``paths``: at most PATH_LIMIT paths. Every path is walked from the start page, answer by
  answer, and must end on the page of the path's outcome.
* ``edges``: more paths than that (shared nodes). Proven node by node instead: a
  breadth-first walk of the HTML links must reach every node's page, every page's links
  must match the node's edges, every edge must be followed at least once, and the graph the
  HTML links make must have exactly the tree's number of paths.

The mode that runs is in each test's id (``test_html_walk[ladder-edges-6645]``; a project of
several guides has one test per guide, ``guide-money-paths-12``). The ladder
fixture (tests/fixtures/ladder) exists so that the edge mode really runs.

Every internal link and #anchor of every page must resolve, and every alias must redirect to
its node. Last, breaks made by hand in copies of built sites (an answer leading elsewhere,
a dropped answer, a dead link...) must each make the right check fail.
"""

from __future__ import annotations

import re
import shutil
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from _pytest.mark import ParameterSet
from sitehtml import NodePage, Site, node_page, start_link
from treekit import checked, shipped_project

from generator.check.run import CheckedGuide, CheckedProject
from generator.journey import did_not_work
from generator.model import Outcome, Question
from generator.project.mkdocs_yml import open_project
from generator.routes import node_url
from generator.strings import ENGLISH
from generator.text import TextRenderer

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
PATH_LIMIT = 2_000
TREES = {  # the projects whose built sites are walked (the `<name>_site` fixtures)
    "guide": ROOT / "mkdocs.yml",
    "small": FIXTURES / "small" / "mkdocs.yml",
    "ladder": FIXTURES / "ladder" / "mkdocs.yml",
}
EXPECTED_MODE = {"guide": "paths", "small": "paths", "ladder": "edges"}
DID_NOT_WORK = ENGLISH["it_did_not_work"]


@cache
def project(name: str) -> CheckedProject:
    if name == "guide":
        return shipped_project()
    return checked(open_project(TREES[name])[0])


def guide_of(name: str, base: str | None = None) -> CheckedGuide:
    """The project's guide with this base (its first guide without one)."""
    guides = project(name).guides
    return guides[0] if base is None else next(g for g in guides if g.base == base)


def mode_for(name: str, base: str | None = None) -> str:
    return "paths" if guide_of(name, base).index.count() <= PATH_LIMIT else "edges"


def guide_params() -> list[ParameterSet]:
    """One parameter per guide of every project: (project name, guide base)."""
    params = []
    for name in TREES:
        guides = project(name).guides
        for guide in guides:
            label = name if len(guides) == 1 else f"{name}-{guide.base}"
            params.append(pytest.param(name, guide.base, id=label))
    return params


def walk_params() -> list[ParameterSet]:
    params = []
    for param in guide_params():
        name, base = param.values
        assert isinstance(name, str)
        assert isinstance(base, str)
        params.append(pytest.param(name, base, id=f"{param.id}-{mode_for(name, base)}-"
                                                     f"{guide_of(name, base).index.count()}"))
    return params


def site_for(request: pytest.FixtureRequest, name: str) -> Site:
    return Site(request.getfixturevalue(f"{name}_site"))


@dataclass(frozen=True)
class Move:
    """One link the tree says a node's page must offer: the label shown and the node it leads to."""

    label: str
    next: str


class Oracle:
    """What the tree of one guide says each of its pages must show."""

    def __init__(self, guide: CheckedGuide, project: CheckedProject) -> None:
        self.tree = guide.tree
        self.base = guide.base
        self.text = TextRenderer(project.contacts)

    def node_url(self, node_id: str) -> str:
        return node_url(self.base, node_id)

    def title(self, node_id: str) -> str:
        return self.text.plain(self.tree.nodes[node_id].title)

    def moves(self, node_id: str) -> list[Move]:
        """The node's edges in order: its answers, or "This did not work" to still_stuck."""
        node = self.tree.nodes[node_id]
        if isinstance(node, Question):
            return [Move(self.text.plain(a.label), a.next) for a in node.answers]
        assert isinstance(node, Outcome)
        return [Move(DID_NOT_WORK, node.still_stuck)] if node.still_stuck else []

    def help_fallback(self, node_id: str) -> list[Move]:
        """A final outcome's "This did not work" (not a path edge): the first help-area node,
        none on a final support page (generator/journey.py, which the checks follow too)."""
        node = self.tree.nodes[node_id]
        assert isinstance(node, Outcome)
        target = did_not_work(self.tree, node)
        return [Move(DID_NOT_WORK, target)] if target else []

    def check_page(self, page: NodePage, node_id: str) -> None:
        """The page at ``page.url`` is ``node_id``'s page and offers exactly its edges."""
        where = f"/{page.url}"
        node = self.tree.nodes[node_id]
        assert page.url == self.node_url(node_id), f"{where}: the page of `{node_id}` has moved"
        assert page.node == node_id, f"{where}: shows node `{page.node}`, expected `{node_id}`"
        kind = "question" if isinstance(node, Question) else "outcome"
        assert page.kind == kind, f"{where}: a {page.kind} page, expected a {kind} page"
        assert page.heading == self.title(node_id), (
            f"{where}: the heading says {page.heading!r}, the tree says {self.title(node_id)!r}")
        assert not page.stray, f"{where}: links with data-ht-next outside the answers: {page.stray}"
        expected = self.moves(node_id)
        if isinstance(node, Question):
            shown = [Move(c.label, c.next) for c in page.answers]
            assert shown == expected, f"{where}: the answers shown differ from the tree's:\n" \
                f"  page: {shown}\n  tree: {expected}"
            assert not page.not_worked, f"{where}: a question page with a 'This did not work' link"
            choices = page.answers
        else:
            assert not page.answers, f"{where}: an outcome page with answer links"
            shown = [Move(c.label, c.next) for c in page.not_worked]
            if not expected:  # a final outcome: the link, if any, goes to the help area
                expected = self.help_fallback(node_id)
            assert shown == expected, f"{where}: 'This did not work' differs from the tree:\n" \
                f"  page: {shown}\n  tree: {expected}"
            choices = page.not_worked
        for choice in choices:
            assert choice.data_label == choice.label, (
                f"{where}: the answer {choice.label!r} is recorded as {choice.data_label!r}")
            assert choice.url == self.node_url(choice.next), (
                f"{where}: {choice.label!r} links to /{choice.url}, not to `{choice.next}`")


def walk_every_path(site: Site, oracle: Oracle, guide: CheckedGuide) -> int:
    """Follow the HTML links along every path; returns the number of paths walked."""
    first = start_link(site, f"{guide.base}/")
    checked: set[str] = set()
    walked = 0
    for path in guide.index.iter_paths():
        url = first
        trail: list[str] = []
        for step in path.steps:
            page = node_page(site, url)
            if url not in checked:
                oracle.check_page(page, step.node)
                checked.add(url)
            assert page.node == step.node, f"after {trail}: on `{page.node}`, expected `{step.node}`"
            label = oracle.text.plain(step.answer.label) if step.answer else DID_NOT_WORK
            choices = page.answers if step.answer else page.not_worked
            links = [c for c in choices if c.label == label]
            assert len(links) == 1, f"/{url}: no single link {label!r} (after {trail})"
            trail.append(label)
            url = links[0].url
        end = node_page(site, url)
        if url not in checked:
            oracle.check_page(end, path.end)
            checked.add(url)
        assert end.node == path.end, (
            f"answers {trail} end on /{url} (`{end.node}`), expected the outcome `{path.end}`")
        assert end.kind == "outcome"
        assert end.heading == oracle.title(path.end)
        walked += 1
    return walked


def prove_edge_by_edge(site: Site, oracle: Oracle, guide: CheckedGuide) -> tuple[int, int]:
    """Breadth-first over the HTML links; returns (pages visited, edges followed)."""
    tree = oracle.tree
    first = start_link(site, f"{guide.base}/")
    first_node = node_page(site, first).node
    assert first_node == tree.start, f"Start now leads to `{first_node}`, not to `{tree.start}`"
    followed: set[tuple[str, str, str]] = set()
    html_edges: dict[str, list[str]] = {}
    seen = {first}
    queue = deque([first])
    while queue:
        url = queue.popleft()
        page = node_page(site, url)
        assert page.node in tree.nodes, f"/{url} shows `{page.node}`, which the tree does not have"
        oracle.check_page(page, page.node)
        # A final outcome's link to the help area is not a path edge; check_page checked it.
        choices = page.answers if page.kind == "question" else (
            page.not_worked if oracle.moves(page.node) else ())
        html_edges[page.node] = []
        for choice in choices:
            target = node_page(site, choice.url)  # follow the link as written in the HTML
            assert target.node == choice.next, (
                f"/{url}: {choice.label!r} leads to a page showing `{target.node}`, not `{choice.next}`")
            followed.add((page.node, choice.label, target.node))
            html_edges[page.node].append(target.node)
            if choice.url not in seen:
                seen.add(choice.url)
                queue.append(choice.url)
    reachable = set(guide.index.reachable_order)
    visited = set(html_edges)
    assert visited == reachable, (
        f"pages reached by links: missing {sorted(reachable - visited)}, extra {sorted(visited - reachable)}")
    tree_edges = {(node, move.label, move.next) for node in reachable for move in oracle.moves(node)}
    assert followed == tree_edges, (
        f"edges never followed: {sorted(tree_edges - followed)}; "
        f"links not in the tree: {sorted(followed - tree_edges)}")
    assert count_paths(html_edges, tree.start) == guide.index.count(), (
        "the HTML links make a different number of paths than the tree")
    return len(visited), len(followed)


def count_paths(graph: dict[str, list[str]], start: str) -> int:
    """Paths from start to a page with no way on, over the links in the HTML (Kahn order)."""
    indegree = dict.fromkeys(graph, 0)
    for targets in graph.values():
        for target in targets:
            indegree[target] += 1
    order = [node for node, degree in indegree.items() if degree == 0]
    for node in order:  # grows while iterating
        for target in graph[node]:
            indegree[target] -= 1
            if indegree[target] == 0:
                order.append(target)
    assert len(order) == len(graph), "the HTML links go round in a circle"
    to_end: dict[str, int] = {}
    for node in reversed(order):
        to_end[node] = sum(to_end[t] for t in graph[node]) if graph[node] else 1
    return to_end[start]


# -- the tests -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "base"), guide_params())
def test_each_tree_runs_the_mode_it_is_there_for(name: str, base: str) -> None:
    """The guides and the small fixture are walked path by path; the ladder needs the edge mode."""
    assert mode_for(name, base) == EXPECTED_MODE[name], (
        f"{name}: {mode_for(name, base)} mode would run; the fixture is there for "
        f"{EXPECTED_MODE[name]}")


def run_walk(site: Site, name: str, base: str | None = None) -> str:
    """The walk of one guide (the first without ``base``) in its mode; returns what it proved."""
    guide = guide_of(name, base)
    oracle = Oracle(guide, project(name))
    if mode_for(name, guide.base) == "paths":
        walked = walk_every_path(site, oracle, guide)
        assert walked == guide.index.count(), "a different number of paths was walked than counted"
        return f"{name}/{guide.base}: paths mode, walked all {walked:,} paths"
    pages, edges = prove_edge_by_edge(site, oracle, guide)
    return (f"{name}/{guide.base}: edges mode ({guide.index.count():,} paths > {PATH_LIMIT:,}); "
            f"{pages} pages match their nodes, all {edges} edges followed")


def check_links(site: Site) -> int:
    """Every internal link and #anchor on every page resolves; returns how many were checked."""
    broken = []
    checked_links = 0
    for url in site.html_pages():
        for link in site.links(url):
            checked_links += 1
            where = f"/{url} line {link.line}: {link.attr}={link.href!r}"
            if link.href == "#":
                broken.append(f"{where} leads nowhere")
                continue
            target = site.file_for(link.url)
            if target is None:
                broken.append(f"{where} -> /{link.url} does not exist")
            elif link.fragment and target.suffix == ".html" and link.fragment not in site.ids(link.url):
                broken.append(f"{where} -> no id {link.fragment!r} on /{link.url}")
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken)
    return checked_links


def check_aliases(site: Site, name: str) -> int:
    """Every alias of every guide redirects to its node's page; returns how many there are."""
    count = 0
    for guide in project(name).guides:
        oracle = Oracle(guide, project(name))
        for old, new in guide.tree.aliases().items():
            old_url = oracle.node_url(old)
            target = site.redirect_target(old_url)
            assert target == oracle.node_url(new), f"/{old_url} redirects to /{target}, not to `{new}`"
            page = node_page(site, target)
            assert page.node == new
            assert page.heading == oracle.title(new)
            count += 1
    return count


@pytest.mark.slow
@pytest.mark.parametrize(("name", "base"), walk_params())
def test_html_walk(name: str, base: str, request: pytest.FixtureRequest,
                   record_property: Callable[[str, object], None]) -> None:
    summary = run_walk(site_for(request, name), name, base)
    record_property("walk", summary)
    print(summary)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "base"), guide_params())
def test_every_node_has_its_own_page(name: str, base: str, request: pytest.FixtureRequest) -> None:
    """One page per reachable node and per alias under /<base>/ (/troubleshoot/), nothing else."""
    site = site_for(request, name)
    guide = guide_of(name, base)
    folders = {p.name for p in (site.root / guide.base).iterdir() if p.is_dir()}
    expected = set(guide.index.reachable_order) | set(guide.tree.aliases())
    assert folders == expected, f"missing {sorted(expected - folders)}, extra {sorted(folders - expected)}"


@pytest.mark.slow
@pytest.mark.parametrize("name", list(TREES))
def test_every_internal_link_and_anchor_resolves(name: str, request: pytest.FixtureRequest) -> None:
    assert check_links(site_for(request, name)) > 0


def alias_params() -> list[str]:
    return [name for name in TREES if any(g.tree.aliases() for g in project(name).guides)]


@pytest.mark.slow
@pytest.mark.parametrize("name", alias_params())
def test_every_alias_redirects_to_its_node(name: str, request: pytest.FixtureRequest) -> None:
    assert check_aliases(site_for(request, name), name) > 0


# -- the proofs can fail: each break, made by hand in a copy of a built site, is caught --


@dataclass(frozen=True)
class Break:
    name: str
    tree: str
    page: str  # file in the built site
    old: str  # text (or with ``pattern``, a regular expression) that must occur once
    new: str
    check: str  # walk, links or aliases
    message: str  # what the failure must say
    pattern: bool = False


BREAKS = [
    Break("answer-leads-elsewhere", "small", "troubleshoot/forgot/index.html",
          'href="../reset-password/"', 'href="../contact-support/"', "walk",
          "'Yes' links to /troubleshoot/contact-support/"),
    Break("answer-dropped", "small", "troubleshoot/locked/index.html",
          r'<li><a class="ht-answer" href="\.\./contact-support/".*?</li>', "", "walk",
          "the answers shown differ", pattern=True),
    Break("answers-reordered", "small", "troubleshoot/what-happens/index.html",
          "I forgot my password</span>", "It says my account is locked</span>", "walk",
          "the answers shown differ"),
    Break("wrong-question", "small", "troubleshoot/locked/index.html",
          "Did you try to sign in many times?</h1>", "Did you sign in?</h1>", "walk", "the heading says"),
    Break("start-link-wrong", "small", "troubleshoot/index.html",
          'href="what-happens/"', 'href="locked/"', "walk", "the page of `what-happens` has moved"),
    Break("dead-link", "small", "guides/reset/index.html", "</article>",
          '<a href="../nowhere/">x</a></article>', "links", "/guides/nowhere/ does not exist"),
    Break("dead-anchor", "small", "guides/reset/index.html", "</article>",
          '<a href="../../troubleshoot/#nothing">x</a></article>', "links", "no id 'nothing'"),
    Break("alias-elsewhere", "small", "troubleshoot/old-reset/index.html",
          "url=../reset-password/", "url=../forgot/", "aliases", "redirects to /troubleshoot/forgot/"),
    Break("ladder-edge-rerouted", "ladder", "troubleshoot/light-5-blue/index.html",
          'href="../light-6-white/"', 'href="../light-6-red/"', "walk",
          "'It is white' links to /troubleshoot/light-6-red/"),
    Break("ladder-edge-dropped", "ladder", "troubleshoot/light-6-white/index.html",
          r'<li><a class="ht-answer" href="\.\./no-light/".*?</li>', "", "walk", "the answers shown differ",
          pattern=True),
]


@pytest.mark.slow
@pytest.mark.parametrize("broken", BREAKS, ids=[b.name for b in BREAKS])
def test_a_broken_copy_fails_the_proof(broken: Break, request: pytest.FixtureRequest,
                                       tmp_path: Path) -> None:
    built: Path = request.getfixturevalue(f"{broken.tree}_site")
    copy = tmp_path / "site"
    shutil.copytree(built, copy)
    page = copy / broken.page
    text = page.read_text(encoding="utf-8")
    old = broken.old if broken.pattern else re.escape(broken.old)
    assert len(re.findall(old, text)) == 1, f"the break no longer applies to {broken.page}"
    page.write_text(re.sub(old, lambda _: broken.new, text), encoding="utf-8")
    site = Site(copy)
    with pytest.raises(AssertionError, match=re.escape(broken.message)):
        run_check(site, broken)


def run_check(site: Site, broken: Break) -> None:
    if broken.check == "walk":
        run_walk(site, broken.tree)
    elif broken.check == "links":
        check_links(site)
    else:
        check_aliases(site, broken.tree)
