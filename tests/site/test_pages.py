"""The built site, read as HTML: every page kind, the help area, the index, the map,
redirects, the nav and the absence of third-party requests."""

from __future__ import annotations

import functools
import json
import re
import shutil
from collections import Counter, deque
from pathlib import Path

import pytest
from sitekit import Element, build_site, content, html_files, is_redirect, page_url, parse, read_page, resolve
from treekit import SMALL, TESTS, checked, shipped_project

from generator.check.run import CheckedGuide, CheckedProject
from generator.journey import did_not_work
from generator.model import Question, Tree
from generator.project.mkdocs_yml import open_project
from generator.text import TextRenderer

ROOT = Path(__file__).resolve().parents[2]
SITES = ["small_site", "guide_site"]
TWO_GUIDES = TESTS / "fixtures" / "two-guides"
pytestmark = pytest.mark.slow  # builds whole sites


def site_of(request: pytest.FixtureRequest, name: str) -> Path:
    site: Path = request.getfixturevalue(name)
    return site


@functools.cache
def project_of(name: str) -> CheckedProject:
    """The checked project a site fixture is built from."""
    if name == "small_site":
        return checked(open_project(SMALL / "mkdocs.yml")[0])
    return shipped_project()


def guides_of(name: str) -> tuple[CheckedGuide, ...]:
    return project_of(name).guides


def tree_of(name: str) -> Tree:
    """The tree of the site's `troubleshoot` guide (the shipped login guide)."""
    return next(g.tree for g in guides_of(name) if g.base == "troubleshoot")


def pages(site: Path) -> list[tuple[str, Element]]:
    """Every real page of a built site (not 404, not redirect stubs) with its URL."""
    found = []
    for file in html_files(site):
        if file.name == "404.html":
            continue
        page = parse(file.read_text(encoding="utf-8"))
        if not is_redirect(page):
            found.append((page_url(site, file), page))
    return found


def help_entries(url: str, aside: Element) -> list[tuple[str, str]]:
    """The help area's entries as (label, page): a link, or on the page it names the entry
    as text (`aria-current`), never a link to the page itself."""
    entries = []
    for item in aside.find("ul").find_all("li"):
        link = item.first("a")
        if link is not None:
            entries.append((link.text(), href(url, link)))
        else:
            here = item.find("span", class_="ht-here")
            assert here.get("aria-current") == "page", url
            entries.append((here.text().rsplit(" (", 1)[0], url))
    return entries


def href(url: str, element: Element) -> str:
    return resolve(url, element.get("href") or "")


def exists(site: Path, url: str) -> bool:
    path = url.split("#", 1)[0]
    return (site / path.lstrip("/") / "index.html").is_file() if path.endswith("/") else (
        site / path.lstrip("/")).is_file()


# -- start page -------------------------------------------------------------------

def test_start_page_shows_title_intro_needs_duration_start_now_and_other_help(small_site: Path) -> None:
    main = content(read_page(small_site, "/troubleshoot/"))
    start = main.find("div", class_="ht-start")
    assert [h.text() for h in main.find_all("h1")] == ["Can't sign in?"]
    assert start.find(class_="ht-intro").text() == \
        "Answer a few questions and we will show you the steps that fit."
    assert [li.text() for li in start.find("section", id="ht-needs").find_all("li")] == [
        "The email address you use to sign in"]
    assert start.find(class_="ht-duration").text() == "How long it takes: about 2 minutes"
    start_now = start.find(class_="ht-start-now").find("a")
    assert start_now.text() == "Start now"
    assert href("/troubleshoot/", start_now) == "/troubleshoot/what-happens/"
    other = start.find("section", id="ht-other")
    assert [(a.text(), href("/troubleshoot/", a)) for a in other.find_all("a")] == [
        ("Contact support", "/troubleshoot/contact-support/"), ("Support for you", "/guides/support/")]


def test_start_page_title_and_description_are_escaped_once(small_site: Path) -> None:
    page = read_page(small_site, "/troubleshoot/")
    assert page.find("title").text() == "Can't sign in? - Sign-in help"
    assert page.find("meta", name="description").get("content") == (
        "Answer a few questions and we will show you the steps that fit.")


# -- question pages ------------------------------------------------------------------

def test_question_page_has_the_question_as_its_only_h1(small_site: Path) -> None:
    for node in ("what-happens", "forgot", "locked"):
        main = content(read_page(small_site, f"/troubleshoot/{node}/"))
        assert len(main.find_all("h1")) == 1, node
        assert main.find("h1").get("id") == "ht-question"
    page = read_page(small_site, "/troubleshoot/forgot/")
    assert [h.text() for h in page.find_all("h1")] == [
        "Can you open the email account you use to sign in?"]


def test_answers_are_plain_links_to_the_next_page_in_yaml_order_with_hints(small_site: Path) -> None:
    url = "/troubleshoot/what-happens/"
    main = content(read_page(small_site, url))
    answers = main.find("ul", class_="ht-answers").find_all("a")
    assert [(a.find(class_="ht-answer__label").text(), href(url, a)) for a in answers] == [
        ("I forgot my password", "/troubleshoot/forgot/"),
        ("It says my account is locked", "/troubleshoot/locked/"),
        ("Something else", "/troubleshoot/contact-support/"),
    ]
    assert answers[0].find(class_="ht-answer__hint").text() == "You know your email but not your password."
    for answer in answers:
        assert exists(small_site, href(url, answer))
        assert not [k for k in answer.attrs if k.startswith("on")]


@pytest.mark.parametrize("site_name", SITES)
def test_every_question_page_lists_its_answers_as_the_tree_says(
        request: pytest.FixtureRequest, site_name: str) -> None:
    site = site_of(request, site_name)
    for guide in guides_of(site_name):
        for question in guide.tree.questions():
            url = f"/{guide.base}/{question.id}/"
            answers = content(read_page(site, url)).find("ul", class_="ht-answers").find_all("a")
            assert [(a.get("data-ht-label"), href(url, a)) for a in answers] == [
                (plain(site_name, a.label), f"/{guide.base}/{a.next}/")
                for a in question.answers], question.id


def plain(site_name: str, text: str) -> str:
    """Tree text as the pages show it in attributes and lists: Markdown marks dropped,
    contact placeholders filled in from the project's contacts."""
    return TextRenderer(project_of(site_name).contacts).plain(text)


@pytest.mark.parametrize("site_name", SITES)
def test_following_links_from_start_now_reaches_every_node_without_script(
        request: pytest.FixtureRequest, site_name: str) -> None:
    """One visit per page and one step per link covers every edge, so every path."""
    site = site_of(request, site_name)
    for guide in guides_of(site_name):
        walk_guide(site, guide)


def walk_guide(site: Path, guide: CheckedGuide) -> None:
    tree, base = guide.tree, f"/{guide.base}/"
    start = content(read_page(site, base)).find(class_="ht-start-now").find("a")
    first = href(base, start)
    seen, queue, edges = {first}, deque([first]), 0
    while queue:
        url = queue.popleft()
        assert exists(site, url), url
        main = content(read_page(site, url))
        node = tree.nodes[url.strip("/").split("/")[-1]]
        if isinstance(node, Question):
            links = main.find("ul", class_="ht-answers").find_all("a")
        else:
            links = main.find(class_="ht-feedback__actions").find_all("a", class_="ht-not-worked")
            if node.still_stuck:
                assert [href(url, a) for a in links] == [f"{base}{node.still_stuck}/"]
        for link in links:
            edges += 1
            target = href(url, link)
            if target not in seen:
                seen.add(target)
                queue.append(target)
    assert {u.strip("/").split("/")[-1] for u in seen} == set(tree.nodes)
    reached_outcomes = {u.strip("/").split("/")[-1] for u in seen} & {o.id for o in tree.outcomes()}
    assert reached_outcomes == {o.id for o in tree.outcomes()}
    assert edges >= sum(len(q.answers) for q in tree.questions())


def test_back_link_on_the_start_node_goes_to_the_start_page(small_site: Path) -> None:
    url = "/troubleshoot/what-happens/"
    back = content(read_page(small_site, url)).find("a", class_="ht-back")
    assert (back.text(), href(url, back)) == ("Back to the start", "/troubleshoot/")


def test_back_link_goes_to_the_one_page_that_links_here_else_to_the_start(small_site: Path) -> None:
    for node, previous in [("forgot", "what-happens"), ("locked", "what-happens"),
                           ("wait-and-reset", "locked"), ("reset-password", None),
                           ("contact-support", None)]:
        url = f"/troubleshoot/{node}/"
        back = content(read_page(small_site, url)).find("a", class_="ht-back")
        expected = ("Back", f"/troubleshoot/{previous}/") if previous else \
            ("Back to the start", "/troubleshoot/")
        assert (back.text(), href(url, back)) == expected, node


def test_question_page_shows_how_people_usually_get_here(small_site: Path) -> None:
    url = "/troubleshoot/wait-and-reset/"
    usual = content(read_page(small_site, url)).find("section", class_="ht-usual")
    assert usual.get("hidden") is None  # visible without JavaScript
    assert usual.find("h2").text() == "The answers that lead here"
    assert [(li.find(class_="ht-route__question").text(), li.find(class_="ht-route__answer").text(),
             href(url, li.find("a"))) for li in usual.find_all("li")] == [
        ("What happens when you try to sign in?", "It says my account is locked",
         "/troubleshoot/what-happens/"),
        ("Did you try to sign in many times?", "Yes", "/troubleshoot/locked/"),
    ]
    url = "/troubleshoot/locked/"
    usual = content(read_page(small_site, url)).find("section", class_="ht-usual")
    assert [li.find(class_="ht-route__answer").text() for li in usual.find_all("li")] == [
        "It says my account is locked"]


def test_tree_pages_need_no_script_of_their_own(small_site: Path) -> None:
    for node in ("what-happens", "reset-password"):
        main = content(read_page(small_site, f"/troubleshoot/{node}/"))
        tree_page = main.find("div", class_="ht-page")
        assert not tree_page.find_all("script")
        # What only the script fills in starts hidden; everything else is plain HTML.
        assert tree_page.find("section", class_="ht-yours").get("hidden") is not None


def test_instant_navigation_is_off(guide_site: Path, small_site: Path) -> None:
    for site in (guide_site, small_site):
        page = read_page(site, "/troubleshoot/")
        config = json.loads(page.find("script", id="__config").text())
        assert "navigation.instant" not in config["features"]


# -- outcome pages -------------------------------------------------------------------

def test_outcome_page_shows_steps_article_feedback_reviewed_and_paths(small_site: Path) -> None:
    url = "/troubleshoot/reset-password/"
    main = content(read_page(small_site, url))
    assert [h.text() for h in main.find_all("h1")] == ["Reset your password"]
    steps = main.find("section", class_="ht-steps")
    assert [li.text() for li in steps.find("ol").find_all("li")] == [
        "Open the sign-in page.", "Choose Forgot password.", "Follow the link in the email."]
    assert href(url, steps.find(class_="ht-article-link").find("a")) == "/guides/reset/"
    actions = main.find(class_="ht-feedback__actions").find_all("a")
    assert [(a.text(), href(url, a)) for a in actions] == [
        ("This worked", "/troubleshoot/reset-password/#ht-worked"),
        ("This did not work", "/troubleshoot/contact-support/")]
    assert main.find(id="ht-worked").text().startswith("We are glad that worked.")
    assert main.find(class_="ht-reviewed").text() == "Facts checked on 20 November 2026"
    staff = main.find("details", class_="ht-staff")
    assert staff.find_all("p")[0].text() == "2 paths lead here. The shortest are listed first."
    assert [li.text() for li in staff.find("ol").find_all("li")] == [
        "I forgot my password > Yes",
        "It says my account is locked > Yes > Wait, then reset your password: This did not work"]


def test_support_outcome_lists_all_its_paths_shortest_first(small_site: Path) -> None:
    main = content(read_page(small_site, "/troubleshoot/contact-support/"))
    staff = main.find("details", class_="ht-staff")
    assert staff.find_all("p")[0].text() == "5 paths lead here. The shortest are listed first."
    lengths = [len(li.find_all(class_="ht-paths__answer")) for li in staff.find("ol").find_all("li")]
    assert lengths == [1, 2, 2, 3, 4]


def test_support_node_ends_the_chain_with_a_word_instead_of_did_not_work(small_site: Path) -> None:
    main = content(read_page(small_site, "/troubleshoot/contact-support/"))
    assert [a.text() for a in main.find(class_="ht-feedback__actions").find_all("a")] == ["This worked"]
    assert main.find("p", class_="ht-final").text().startswith("Still need help?")


def test_final_outcomes_of_the_guide_lead_to_support_or_nowhere(guide_site: Path) -> None:
    for guide in guides_of("guide_site"):
        tree = guide.tree
        for outcome in tree.outcomes():
            url = f"/{guide.base}/{outcome.id}/"
            main = content(read_page(guide_site, url))
            not_worked = main.find(class_="ht-feedback__actions").find_all("a", class_="ht-not-worked")
            expected = did_not_work(tree, outcome)
            assert [href(url, a) for a in not_worked] == (
                [f"/{guide.base}/{expected}/"] if expected else []), outcome.id


def test_next_time_fits_each_outcome_or_is_left_out(guide_site: Path) -> None:
    """No one "Next time" text on most outcomes; none about passwords where a person moved."""
    tree = tree_of("guide_site")
    shown = {}
    for outcome in tree.outcomes():
        main = content(read_page(guide_site, f"/troubleshoot/{outcome.id}/"))
        sections = main.find_all("section", class_="ht-prevention")
        shown[outcome.id] = sections[0].text() if sections else ""
    for unrelated in ("person-moved", "person-released", "facility-rules", "find-provider"):
        assert "password" not in shown[unrelated].replace("passphrase", "password"), unrelated
    repeats = Counter(shown.values()).most_common(1)[0][1]
    assert 2 * repeats <= len(shown), f"one Next time text on {repeats} of {len(shown)} outcomes"
    assert sum(1 for text in shown.values() if text) >= len(shown) // 2, "tips left out almost everywhere"


def test_guide_outcomes_show_prevention_text(guide_site: Path) -> None:
    tree = tree_of("guide_site")
    outcome = next(o for o in tree.outcomes() if tree.prevention_for(o))
    main = content(read_page(guide_site, f"/troubleshoot/{outcome.id}/"))
    prevention = main.find("section", class_="ht-prevention")
    assert prevention.find("h2").text() == "Next time"
    assert prevention.text() == "Next time " + plain("guide_site", tree.prevention_for(outcome) or "")


# -- on every page --------------------------------------------------------------------

@pytest.mark.parametrize("site_name", [*SITES, "two_site"])
def test_every_page_ends_with_the_same_help_area_as_its_guide(
        request: pytest.FixtureRequest, site_name: str) -> None:
    """Each guide's pages share one help area; every other page (home, articles, A-Z,
    map) shows the help area of one of the guides."""
    site = site_of(request, site_name)
    config = SMALL / "mkdocs.yml" if site_name == "small_site" else (
        TWO_GUIDES / "mkdocs.yml" if site_name == "two_site" else ROOT / "mkdocs.yml")
    bases = [g.base for g in checked(open_project(config)[0]).guides]
    by_guide: dict[tuple[str, str], list[tuple[str, str]]] = {}
    others: list[tuple[str, str, list[tuple[str, str]]]] = []
    kinds = set()
    for url, page in pages(site):
        main = content(page)
        tree_page = main.first("div", class_="ht-page")
        kinds.add(tree_page.get("data-ht-kind") if tree_page else "article")
        aside = main.find("aside", class_="ht-help-area")
        assert main.elements[-1] is aside, f"{url}: the help area is not last in the content"
        lang = page.find("html").get("lang") or "en"
        assert aside.find("h2").text() == "Need more help?" if lang == "en" else aside.find("h2").text()
        links = help_entries(url, aside)
        parts = url.strip("/").split("/")
        if len(parts) > 1 and parts[0] == lang:
            parts = parts[1:]  # a page of another language, at /<code>/...
        base = next((b for b in bases if "/".join(parts[:b.count("/") + 1]) == b), None)
        if base is None:
            others.append((url, lang, links))
        else:
            assert by_guide.setdefault((lang, base), links) == links, url
    assert kinds == {"article", "start", "question", "outcome", "index", "map", "staff", "print"}
    assert {base for _, base in by_guide} == set(bases)
    for url, lang, links in others:
        assert links in [seen for (code, _), seen in by_guide.items() if code == lang], url
    if site_name == "small_site":
        assert by_guide == {("en", "troubleshoot"): [
            ("Contact support", "/troubleshoot/contact-support/"), ("Support for you", "/guides/support/")]}
    if site_name == "two_site":
        assert by_guide == {
            ("en", "login"): [("Contact the help desk", "/login/call-desk/"),
                              ("Support for you", "/help/support/")],
            ("en", "money"): [("Contact the help desk", "/money/ask-desk/")]}


@pytest.mark.parametrize("site_name", SITES)
def test_every_page_shows_its_full_address_to_copy(request: pytest.FixtureRequest, site_name: str) -> None:
    site = site_of(request, site_name)
    site_url = project_of(site_name).spec.site_url.rstrip("/")  # staff copy the full URL if known
    for url, page in pages(site):
        permalink = content(page).find("p", class_="ht-permalink")
        if (page.find("html").get("lang") or "en") == "en":
            assert permalink.text().startswith(f"Link to this page: {site_url}{url}"), url
        else:  # another language's words, the same address
            assert f": {site_url}{url} " in permalink.text(), url
        shown = permalink.find("span", data_ht_permalink=True).text()
        assert shown == f"{site_url}{url}", url
        assert not permalink.find_all("a"), f"{url}: a link to the page itself"


def test_home_and_articles_have_the_help_area(small_site: Path) -> None:
    for url in ("/", "/guides/reset/", "/guides/support/", "/a-z/", "/map/"):
        aside = content(read_page(small_site, url)).find("aside", class_="ht-help-area")
        assert [page for _, page in help_entries(url, aside)] == [
            "/troubleshoot/contact-support/", "/guides/support/"], url


# -- index and map ----------------------------------------------------------------------

def test_a_z_lists_every_reachable_outcome_and_every_article_with_its_url(small_site: Path) -> None:
    url = "/a-z/"
    main = content(read_page(small_site, url))
    entries = {(href(url, li.find("a")), li.find(class_="ht-az__kind").text(), li.find("code").text())
               for li in main.find_all("ul", class_="ht-az") for li in li.find_all("li")}
    assert entries == {
        ("/troubleshoot/contact-support/", "Steps", "/troubleshoot/contact-support/"),
        ("/troubleshoot/reset-password/", "Steps", "/troubleshoot/reset-password/"),
        ("/troubleshoot/wait-and-reset/", "Steps", "/troubleshoot/wait-and-reset/"),
        ("/guides/reset/", "Article", "/guides/reset/"),
        ("/guides/support/", "Article", "/guides/support/"),
        ("/troubleshoot/", "Guide", "/troubleshoot/"),  # the home page is no longer listed
    }
    for target, _, _ in entries:
        assert exists(small_site, target)


def test_guide_a_z_covers_every_guide_outcome_and_article(guide_site: Path) -> None:
    url = "/a-z/"
    main = content(read_page(guide_site, url))
    listed = {href(url, a) for ul in main.find_all("ul", class_="ht-az") for a in ul.find_all("a")}
    for guide in guides_of("guide_site"):
        assert f"/{guide.base}/" in listed
        assert {f"/{guide.base}/{o.id}/" for o in guide.tree.outcomes()} <= listed
    # Articles of the main language: `name.es.md` is the Spanish twin, listed in Spanish.
    articles = {"/" + str(p.relative_to(ROOT / "content").with_suffix("")) + "/"
                for p in (ROOT / "content").rglob("*.md")
                if p.name != "index.md" and not re.search(r"\.[a-z]{2,3}$", p.stem)}
    assert articles <= listed


@pytest.mark.parametrize("site_name", SITES)
def test_map_is_a_nested_outline_with_every_node_written_once(
        request: pytest.FixtureRequest, site_name: str) -> None:
    site = site_of(request, site_name)
    url = "/map/"
    outlines = content(read_page(site, url)).find_all("ul", class_="ht-outline")
    assert len(outlines) == len(guides_of(site_name))
    for outline, guide in zip(outlines, guides_of(site_name), strict=True):
        check_outline(site_name, outline, guide)


def check_outline(site_name: str, outline: Element, guide: CheckedGuide) -> None:
    tree, anchor = guide.tree, f"map-{guide.base}-"
    written = [s.get("id") for s in outline.find_all("span") if (s.get("id") or "").startswith("map-")]
    assert sorted(written) == sorted(f"{anchor}{n}" for n in tree.nodes)
    assert len(written) == len(set(written))
    for seen in outline.find_all("a", class_="ht-outline__seen"):
        assert (seen.get("href") or "")[1:] in written
    # Nested: the start node's answers sit in a list inside its own item, in YAML order.
    root = outline.elements[0]
    assert root.elements[0].get("id") == f"{anchor}{tree.start}"
    start = tree.nodes[tree.start]
    assert isinstance(start, Question)
    answers = root.first("ul")
    assert answers is not None
    assert [li.elements[0].text() for li in answers.elements] == [
        plain(site_name, a.label) for a in start.answers]


def test_map_writes_shared_nodes_once_then_links_back(small_site: Path) -> None:
    url = "/map/"
    outline = content(read_page(small_site, url)).find("ul", class_="ht-outline")
    answers = outline.elements[0].first("ul")
    assert answers is not None
    assert [li.elements[0].text() for li in answers.elements] == [
        "I forgot my password", "It says my account is locked", "Something else"]
    seen = sorted(a.get("href") or "" for a in outline.find_all("a", class_="ht-outline__seen"))
    assert seen == ["#map-troubleshoot-contact-support"] * 3 + ["#map-troubleshoot-reset-password"]


# -- redirects, contacts, nav --------------------------------------------------------------

def test_alias_redirects_to_the_renamed_node(small_site: Path) -> None:
    url = "/troubleshoot/old-reset/"
    page = read_page(small_site, url)
    assert is_redirect(page)
    refresh = next(m for m in page.find_all("meta") if m.get("http-equiv") == "refresh")
    target = (refresh.get("content") or "").split("url=", 1)[1]
    assert resolve(url, target) == "/troubleshoot/reset-password/"
    assert href(url, page.find("link", rel="canonical")) == "/troubleshoot/reset-password/"


def test_contact_placeholders_are_filled_in_articles_and_node_text(small_site: Path) -> None:
    article = content(read_page(small_site, "/guides/reset/"))
    assert [(a.text(), a.get("href")) for a in article.find_all("a") if (a.get("href") or "").startswith(
        "tel:")] == [("800-555-0100", "tel:+18005550100")]
    node = content(read_page(small_site, "/troubleshoot/contact-support/"))
    call = node.find("a", class_="ht-call")
    assert (call.text(), call.get("href")) == ("Call Example help desk 800-555-0100", "tel:+18005550100")
    for file in html_files(small_site):
        assert "contacts." not in file.read_text(encoding="utf-8"), file


def test_guide_has_no_unfilled_placeholders(guide_site: Path) -> None:
    for file in html_files(guide_site):
        text = file.read_text(encoding="utf-8")
        assert "{{" not in text, file


def test_tree_pages_are_not_in_the_nav(small_site: Path) -> None:
    nav = read_page(small_site, "/").find("nav", class_="md-nav--primary")
    targets = {href("/", a) for a in nav.find_all("a")}
    assert "/troubleshoot/" in targets
    assert {"/a-z/", "/map/"} <= targets
    assert not [t for t in targets if re.fullmatch(r"/troubleshoot/[^/]+/", t)]


def with_extra_nodes(tmp: Path, count: int) -> Path:
    """A copy of the small fixture with ``count`` more nodes behind one more answer."""
    root = tmp / f"extra-{count}"
    shutil.copytree(SMALL, root)
    groups = max(2, (count - 1) // 10)
    outcomes = count - 1 - groups
    lines = ["  extra:\n    question: Which other problem?\n    answers:\n"]
    lines += [f"      - {{label: Group {g}, next: group-{g}}}\n" for g in range(groups)]
    for g in range(groups):
        mine = [i for i in range(outcomes) if i % groups == g]
        lines.append(f"  group-{g}:\n    question: Which one in group {g}?\n    answers:\n")
        lines += [f"      - {{label: Problem {i}, next: problem-{i}}}\n" for i in mine]
    lines += [f"  problem-{i}:\n    outcome: Problem {i}\n    body: Fix problem {i}.\n"
              for i in range(outcomes)]
    tree = root / "decision_tree.yaml"
    text = tree.read_text(encoding="utf-8").replace(
        "      - label: Something else\n        next: contact-support\n",
        "      - label: Something else\n        next: contact-support\n"
        "      - label: Another problem\n        next: extra\n")
    tree.write_text(text + "".join(lines), encoding="utf-8")
    return root


def test_page_size_does_not_grow_with_the_tree(tmp_path: Path) -> None:
    small = build_site(with_extra_nodes(tmp_path, 10) / "mkdocs.yml", tmp_path / "site-10")
    large = build_site(with_extra_nodes(tmp_path, 200) / "mkdocs.yml", tmp_path / "site-200")
    grown = len(list((large / "troubleshoot").iterdir())) - len(list((small / "troubleshoot").iterdir()))
    assert grown == 190
    for page in ("index.html", "troubleshoot/index.html", "troubleshoot/what-happens/index.html",
                 "troubleshoot/forgot/index.html", "guides/reset/index.html"):
        sizes = ((small / page).stat().st_size, (large / page).stat().st_size)
        assert abs(sizes[0] - sizes[1]) <= 8, (page, sizes)


# -- no third-party requests -------------------------------------------------------------

_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.DOTALL)


def is_external(url: str) -> bool:
    url = url.strip()
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.IGNORECASE)) and not url.startswith("data:")


def resource_urls(page: Element) -> list[str]:
    """Everything the page would fetch by itself: scripts, links, images, media, frames."""
    urls = [e.get("href") or "" for e in page.find_all("link")
            if e.get("href") is not None and not {"canonical", "alternate"} & set(
                (e.get("rel") or "").split())]  # canonical and hreflang links fetch nothing
    for tag, attr in (("script", "src"), ("img", "src"), ("img", "srcset"),
                      ("source", "src"), ("source", "srcset"), ("iframe", "src"), ("video", "src"),
                      ("audio", "src"), ("embed", "src"), ("object", "data"), ("input", "src")):
        urls += [e.get(attr) or "" for e in page.find_all(tag) if e.get(attr) is not None]
    for style in page.find_all("style"):
        urls += [m.group(2) or m.group(4) for m in _CSS_URL.finditer(style.text())]
    for element in page.iter():
        if "url(" in (element.get("style") or ""):
            urls += [m.group(2) or m.group(4) for m in _CSS_URL.finditer(element.get("style") or "")]
    return urls


@pytest.mark.parametrize("site_name", SITES)
def test_no_page_loads_anything_from_another_host(request: pytest.FixtureRequest, site_name: str) -> None:
    site = site_of(request, site_name)
    checked = 0
    for file in html_files(site):
        text = file.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text, file
        assert "fonts.gstatic" not in text, file
        for url in resource_urls(parse(text)):
            checked += 1
            assert not is_external(url), f"{file}: {url}"
            for part in url.split(","):  # srcset lists
                assert not is_external(part.strip().split(" ")[0]), f"{file}: {url}"
    assert checked > 0


@pytest.mark.parametrize("site_name", SITES)
def test_stylesheets_import_nothing_from_another_host(request: pytest.FixtureRequest, site_name: str) -> None:
    site = site_of(request, site_name)
    sheets = sorted(site.rglob("*.css"))
    assert any(s.name == "helptree.css" for s in sheets)
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in css, sheet
        for match in _CSS_URL.finditer(css):
            url = match.group(2) if match.group(2) is not None else match.group(4)
            assert not is_external(url), f"{sheet}: {url[:80]}"


def test_the_external_check_catches_what_it_must() -> None:
    page = parse('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
                 '<script src="//cdn.example.net/x.js"></script><img src="a.png" srcset="b.png 2x">'
                 "<style>@import 'https://evil.test/a.css';"
                 " .x{background:url(data:image/png;base64,AA)}</style>"
                 '<div style="background: url(HTTP://x.test/y.png)"></div>')
    assert sorted(u for u in resource_urls(page) if is_external(u)) == [
        "//cdn.example.net/x.js", "HTTP://x.test/y.png", "https://evil.test/a.css",
        "https://fonts.googleapis.com/css?family=Roboto"]


def test_the_404_page_offers_a_way_back_and_the_help_area_with_absolute_links(
        small_site: Path) -> None:
    page = parse((small_site / "404.html").read_text(encoding="utf-8"))
    assert [h.text() for h in page.find_all("h1")] == ["We can't find that page"]
    start = page.find("p", "ht-start-now").find("a")
    assert start.get("href") == "/troubleshoot/what-happens/"  # the first question: one tap less
    area = page.find("aside", "ht-help-area")
    assert [(a.text(), a.get("href")) for a in area.find_all("a")] == [
        ("Contact support", "/troubleshoot/contact-support/"),
        ("Support for you", "/guides/support/")]
    for link in area.find_all("a"):
        assert (small_site / (link.get("href") or "").strip("/") / "index.html").is_file()


# -- a help center of several guides ---------------------------------------------------

def test_the_404_page_of_many_guides_leads_into_each_of_them(two_site: Path) -> None:
    page = parse((two_site / "404.html").read_text(encoding="utf-8"))
    assert [h.text() for h in page.find_all("h1")] == ["We can't find that page"]
    guides = page.find("ul", class_="ht-guides").find_all("a")
    assert [(a.text(), a.get("href")) for a in guides] == [
        ("Can't sign in?", "/login/what-happens/"), ("Money did not arrive?", "/money/when-sent/")]
    assert not page.find_all(class_="ht-start-now")
    for link in guides:
        assert (two_site / (link.get("href") or "").strip("/") / "index.html").is_file()


def test_the_guide_404_page_lists_every_shipped_guide(guide_site: Path) -> None:
    page = parse((guide_site / "404.html").read_text(encoding="utf-8"))
    listed = [a.get("href") for a in page.find("ul", class_="ht-guides").find_all("a")]
    assert listed == [f"/{g.base}/{g.tree.start}/" for g in guides_of("guide_site")]


def test_one_map_page_has_a_section_for_each_guide(two_site: Path) -> None:
    main = content(read_page(two_site, "/map/"))
    assert [(h.get("id"), h.text()) for h in main.find_all("h2")
            if (h.get("id") or "").startswith("map-")] == [
        ("map-login", "Can't sign in?"), ("map-money", "Money did not arrive?")]
    for a in main.find_all("a"):
        target = href("/map/", a)
        if not target.startswith("/map/#"):
            assert exists(two_site, target), target


def test_a_link_to_another_guide_reaches_its_page(two_site: Path) -> None:
    url = "/login/call-desk/"
    steps = content(read_page(two_site, url)).find("section", class_="ht-steps")
    targets = [href(url, a) for a in steps.find_all("a") if not (a.get("href") or "").startswith("tel:")]
    assert targets == ["/money/track/"]
    assert exists(two_site, targets[0])


def test_every_article_shows_when_its_facts_were_checked_and_its_sources(guide_site: Path) -> None:
    project = shipped_project()
    checked = 0
    for article in project.articles.values():
        if not article.sources:
            continue
        main = content(read_page(guide_site, "/" + article.url))
        [facts] = main.find_all("section", class_="ht-facts")
        assert facts.find("h2").text() == "Where these facts come from", article.src_uri
        assert article.reviewed is not None, article.src_uri
        date = f"{article.reviewed.day} {article.reviewed:%B %Y}"
        assert facts.find("p", class_="ht-reviewed").text() == f"Facts checked on {date}", article.src_uri
        assert facts.find("time").get("datetime") == article.reviewed.isoformat()
        listed = [(a.text(), a.get("href")) for a in facts.find("ul", class_="ht-sources").find_all("a")]
        assert listed == [(s.title, s.url) for s in article.sources], article.src_uri
        # Before the help area, inside the page's content.
        order = [c for e in main.find_all() for c in e.classes if c in ("ht-facts", "ht-help-area")]
        assert order == ["ht-facts", "ht-help-area"], article.src_uri
        checked += 1
    assert checked >= 10


# -- no wall (issue 25): what every built page holds ---------------------------------------

ADDRESS_WORDS = re.compile(r"(?:[a-z][a-z0-9+.-]*://\S*|www\.\S+|(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?)",
                           re.IGNORECASE)


@pytest.mark.parametrize("site_name", [*SITES, "two_site"])
def test_no_page_links_to_itself_or_shows_an_address_as_a_link(
        request: pytest.FixtureRequest, site_name: str) -> None:
    site = site_of(request, site_name)
    self_links, bare = [], []
    for url, page in pages(site):
        for link in content(page).find_all("a"):
            target = link.get("href") or ""
            if not target or target.startswith(("#", "tel:", "sms:", "mailto:")):
                continue
            if "://" not in target and href(url, link).split("#")[0] == url and "#" not in target:
                self_links.append(f"{url}: {target}")
            if ADDRESS_WORDS.fullmatch(link.text().strip()):
                bare.append(f"{url}: {link.text().strip()}")
    assert not self_links, "links to the page they stand on:\n" + "\n".join(self_links)
    assert not bare, "addresses as link words:\n" + "\n".join(bare)


def test_the_tab_title_names_the_site_once_and_the_menu_lists_guides_before_staff_tools(
        guide_site: Path) -> None:
    for home, name in [("/", "JPay help for families"), ("/es/", "Ayuda de JPay para familias")]:
        page = read_page(guide_site, home)
        assert page.find("head").find("title").text() == name
        menu = [a.get("href") for a in page.find("nav", class_="md-nav--primary").find_all("a")
                if (a.get("href") or "").strip("./").split("/")[0] in
                {"troubleshoot", "money", "a-z", "map", "staff"} and (a.get("href") or "").count("/") == 1]
        order = [h.strip("./").split("/")[0] for h in menu]
        assert order.index("troubleshoot") < order.index("a-z"), order
        assert order.index("money") < order.index("staff"), order
    outcome = read_page(guide_site, "/troubleshoot/account-locked/")
    assert outcome.find("head").find("title").text() == "Your account is locked - JPay help for families"


def test_spanish_pages_say_escriba_lo_que_busca_in_search(guide_site: Path) -> None:
    spanish = (guide_site / "es" / "index.html").read_text(encoding="utf-8")
    assert "Escriba lo que busca" in spanish
    assert "Teclee" not in spanish
    assert "Escriba lo que busca" not in (guide_site / "index.html").read_text(encoding="utf-8")
