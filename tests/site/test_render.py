"""SiteRenderer without MkDocs: every generated page kind, from the checked project."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from sitekit import Element, parse, resolve
from treekit import SMALL, SMALL_TREE, TESTS, check_project, check_text, checked, tree_spec, with_settings

from generator.check.run import CheckedGuide
from generator.plan.desk import Entry, key_word, letter_of, sort_key
from generator.plan.render import RenderedPage, SiteRenderer
from generator.project.mkdocs_yml import lone_tree, open_project
from generator.routes import node_source, node_url
from generator.text import TextRenderer, markdown_target_url, relative_url

TWO_GUIDES = TESTS / "fixtures" / "two-guides" / "mkdocs.yml"


def small_with(**settings: object) -> SiteRenderer:
    """The small fixture rendered with other settings (``base``, ``site_url``...)."""
    return SiteRenderer(checked(with_settings(lone_tree(SMALL_TREE, SMALL / "content"), **settings)))


@pytest.fixture(scope="module")
def small() -> SiteRenderer:
    report = check_project(SMALL_TREE, SMALL / "content")
    assert report.project is not None, [p.headline() for p in report.problems]
    assert report.problems == []
    return SiteRenderer(report.project)


@pytest.fixture(scope="module")
def two() -> SiteRenderer:
    """tests/fixtures/two-guides: two guides, a shared contacts file, one articles folder."""
    return SiteRenderer(checked(open_project(TWO_GUIDES)[0]))


def renderer_for(root: Path, tree: str, articles: dict[str, str] | None = None, *,
                 max_questions: int = 8, **settings: object) -> SiteRenderer:
    spec = tree_spec(root, tree, articles, max_questions=max_questions)
    return SiteRenderer(checked(with_settings(spec, **settings)))


def guide(renderer: SiteRenderer) -> CheckedGuide:
    """The renderer's first (for a lone tree, only) guide."""
    return renderer.project.guide


def split(page: RenderedPage) -> tuple[dict[str, object], Element]:
    """Front matter and the parsed HTML body of a generated Markdown page."""
    match = re.fullmatch(r"---\n(.*?)---\n\n(.*)", page.markdown, re.DOTALL)
    assert match, page.markdown[:200]
    return yaml.safe_load(match.group(1)), parse(match.group(2))


def page_of(renderer: SiteRenderer, node_id: str, base: str | None = None) -> RenderedPage:
    url = node_url(base or guide(renderer).base, node_id)
    return next(p for p in renderer.pages() if p.url == url)


def hrefs(page: RenderedPage, elements: list[Element]) -> list[str]:
    return [resolve(page.url, e.get("href") or "") for e in elements]


# -- the set of pages ---------------------------------------------------------------

def test_pages_are_start_then_each_reachable_node_then_print_index_map_and_staff(
        small: SiteRenderer) -> None:
    pages = list(small.pages())
    assert [(p.kind, p.src_uri) for p in pages] == [
        ("start", "troubleshoot/index.md"),
        *[("question" if n in ("what-happens", "forgot", "locked") else "outcome",
           f"troubleshoot/{n}/index.md") for n in guide(small).index.reachable_order],
        ("print", "print/troubleshoot/index.md"),
        ("index", "a-z/index.md"),
        ("map", "map/index.md"),
        ("staff", "staff/index.md"),
    ]
    assert sorted(guide(small).index.reachable_order) == sorted(guide(small).tree.nodes)


def test_only_start_index_map_and_staff_desk_are_in_the_nav(small: SiteRenderer) -> None:
    in_nav = {p.kind for p in small.pages() if p.in_nav}
    assert in_nav == {"start", "index", "map", "staff"}


def test_every_page_is_one_html_block_without_blank_lines(small: SiteRenderer) -> None:
    # A blank line would end the raw HTML block and let Markdown rewrite the rest.
    for page in small.pages():
        body = page.markdown.split("---\n\n", 1)[1]
        assert "\n\n" not in body.strip(), page.src_uri


def test_front_matter_names_the_kind_and_hides_navigation_on_tree_pages(small: SiteRenderer) -> None:
    for page in small.pages():
        meta, _ = split(page)
        assert meta["helptree"] == page.kind
        hidden = meta["hide"]
        assert isinstance(hidden, list)
        assert ("navigation" in hidden) == (page.kind in ("start", "question", "outcome"))


def test_front_matter_title_is_escaped_once_for_the_theme(tmp_path: Path) -> None:
    renderer = renderer_for(tmp_path, """\
        version: 1
        title: Tom & <Jerry>
        start: a
        nodes:
          a:
            question: Is it "this" & <that>?
            answers:
              - {label: One, next: b}
              - {label: Two, next: c}
          b: {outcome: B, body: b}
          c: {outcome: C, body: c}
        """)
    start, _ = split(next(renderer.pages()))
    assert start["title"] == "Tom &amp; &lt;Jerry&gt;"
    question_meta, question = split(page_of(renderer, "a"))
    assert question_meta["title"] == "Is it &quot;this&quot; &amp; &lt;that&gt;?"
    assert question.find("h1").text() == 'Is it "this" & <that>?'


# -- start page --------------------------------------------------------------------

def test_start_page_has_title_intro_needs_duration_and_start_now(small: SiteRenderer) -> None:
    page = small.start_page(guide(small))
    meta, html = split(page)
    assert page.url == "troubleshoot/"
    assert meta["description"] == "Answer a few questions and we will show you the steps that fit."
    assert html.find("h1").text() == "Can't sign in?"
    assert html.find(class_="ht-intro").text() == meta["description"]
    needs = html.find("section", id="ht-needs")
    assert [li.text() for li in needs.find_all("li")] == ["The email address you use to sign in"]
    assert html.find(class_="ht-duration").text() == "How long it takes: about 2 minutes"
    start_now = html.find(class_="ht-start-now").find("a")
    assert start_now.text() == "Start now"
    assert resolve(page.url, start_now.get("href") or "") == "/troubleshoot/what-happens/"


def test_start_page_lists_other_ways_to_get_help(small: SiteRenderer) -> None:
    page = small.start_page(guide(small))
    _, html = split(page)
    other = html.find("section", id="ht-other")
    assert other.find("h2").text() == "Other ways to get help"
    links = other.find_all("a")
    assert [a.text() for a in links] == ["Contact support", "Support for you"]
    assert hrefs(page, links) == ["/troubleshoot/contact-support/", "/guides/support/"]


def test_start_page_leaves_out_what_the_tree_does_not_say(tmp_path: Path) -> None:
    renderer = renderer_for(tmp_path, """\
        version: 1
        title: Bare
        start: a
        nodes:
          a:
            question: Which?
            answers:
              - {label: One, next: b}
              - {label: Two, next: c}
          b: {outcome: B, body: b}
          c: {outcome: C, body: c}
        """)
    meta, html = split(renderer.start_page(guide(renderer)))
    assert "description" not in meta
    for absent in ("ht-intro", "ht-duration"):
        assert not html.find_all(class_=absent)
    assert not html.find_all(id="ht-needs")
    assert not html.find_all(id="ht-other")


# -- question pages -----------------------------------------------------------------

def test_question_is_the_only_h1(small: SiteRenderer) -> None:
    _, html = split(page_of(small, "what-happens"))
    assert [h.text() for h in html.find_all("h1")] == ["What happens when you try to sign in?"]


def test_answers_are_plain_links_in_yaml_order_with_hints(small: SiteRenderer) -> None:
    page = page_of(small, "what-happens")
    _, html = split(page)
    answers = html.find("ul", class_="ht-answers").find_all("a")
    assert [a.find(class_="ht-answer__label").text() for a in answers] == [
        "I forgot my password", "It says my account is locked", "Something else"]
    assert hrefs(page, answers) == ["/troubleshoot/forgot/", "/troubleshoot/locked/",
                                    "/troubleshoot/contact-support/"]
    hints = [[h.text() for h in a.find_all(class_="ht-answer__hint")] for a in answers]
    assert hints == [["You know your email but not your password."], [], []]
    assert not html.find_all("script")
    assert not html.find_all("button")
    assert not any(a.get("onclick") for a in answers)


def test_question_help_text_is_shown_under_the_question(small: SiteRenderer) -> None:
    meta, html = split(page_of(small, "what-happens"))
    assert html.find(class_="ht-help-text").text() == "Pick the answer that fits best."
    assert meta["description"] == "Pick the answer that fits best."


def test_back_link_on_the_start_node_goes_to_the_start_page(small: SiteRenderer) -> None:
    page = page_of(small, "what-happens")
    _, html = split(page)
    back = html.find("a", class_="ht-back")
    assert back.text() == "Back to the start"
    assert resolve(page.url, back.get("href") or "") == "/troubleshoot/"


def test_back_link_goes_to_the_one_page_that_links_here_else_to_the_start(small: SiteRenderer) -> None:
    """Without JavaScript Back says only what is true: where one page links here, Back leads
    there; where several do (contact-support, reset-password), the page cannot know which one
    the reader came from, so it leads back to the start, and says so."""
    for node, previous in [("forgot", "what-happens"), ("locked", "what-happens"),
                           ("wait-and-reset", "locked"), ("reset-password", None),
                           ("contact-support", None)]:
        page = page_of(small, node)
        _, html = split(page)
        back = html.find("a", class_="ht-back")
        assert back.text() == ("Back" if previous else "Back to the start"), node
        assert back.get("data-ht-back-label") == "Back"  # what the script says once it knows
        assert resolve(page.url, back.get("href") or "") == f"/troubleshoot/{previous or ''}/".replace(
            "//", "/"), node


def test_the_answers_that_lead_here_are_listed_where_one_route_leads_here(small: SiteRenderer) -> None:
    page = page_of(small, "wait-and-reset")
    _, html = split(page)
    usual = html.find("section", class_="ht-usual")
    assert usual.find("h2").text() == "The answers that lead here"
    steps = usual.find_all("li")
    assert [(s.find(class_="ht-route__question").text(), s.find(class_="ht-route__answer").text())
            for s in steps] == [("What happens when you try to sign in?", "It says my account is locked"),
                                ("Did you try to sign in many times?", "Yes")]
    assert hrefs(page, [s.find("a", class_="ht-route__change") for s in steps]) == [
        "/troubleshoot/what-happens/", "/troubleshoot/locked/"]


def test_no_route_is_claimed_where_several_lead_here(small: SiteRenderer) -> None:
    """reset-password is reached by an answer and by "This did not work": a static page
    cannot know which, so it lists no answers (the script shows the reader's own)."""
    _, html = split(page_of(small, "reset-password"))
    assert not html.find_all("section", class_="ht-usual")
    assert html.find("section", class_="ht-yours").get("hidden") is not None


def test_start_node_has_no_usual_route_but_a_hidden_your_answers_box(small: SiteRenderer) -> None:
    _, html = split(page_of(small, "what-happens"))
    assert not html.find_all(class_="ht-usual")
    yours = html.find("section", class_="ht-yours")
    assert yours.get("hidden") is not None  # only the optional script shows it


def test_raw_html_in_tree_text_is_shown_as_text(tmp_path: Path) -> None:
    renderer = renderer_for(tmp_path, """\
        version: 1
        title: T
        start: a
        nodes:
          a:
            question: Is it <b>bold</b>?
            help: <img src=x onerror=alert(1)> **strong**
            answers:
              - {label: "<i>One</i>", next: b, hint: "<u>hint</u>"}
              - {label: Two, next: c}
          b: {outcome: B, body: b}
          c: {outcome: C, body: c}
        """)
    page = page_of(renderer, "a")
    _, html = split(page)
    assert html.find("h1").text() == "Is it <b>bold</b>?"
    assert not html.find_all("b")
    assert not html.find_all("img")
    assert not html.find_all("i")
    assert html.find(class_="ht-help-text").find("strong").text() == "strong"
    assert html.find(class_="ht-answer__hint").text() == "<u>hint</u>"
    assert 'data-ht-label="&lt;i&gt;One&lt;/i&gt;"' in page.markdown


# -- outcome pages -------------------------------------------------------------------

def test_outcome_page_shows_steps_article_link_and_reviewed_date(small: SiteRenderer) -> None:
    page = page_of(small, "reset-password")
    _, html = split(page)
    assert [h.text() for h in html.find_all("h1")] == ["Reset your password"]
    steps = html.find("section", class_="ht-steps")
    assert [li.text() for li in steps.find("ol").find_all("li")] == [
        "Open the sign-in page.", "Choose Forgot password.", "Follow the link in the email."]
    article = steps.find("p", class_="ht-article-link").find("a")
    assert article.text() == "Read the full guide: Reset your password"
    assert resolve(page.url, article.get("href") or "") == "/guides/reset/"
    reviewed = html.find(class_="ht-reviewed").find("time")
    assert (reviewed.get("datetime"), reviewed.text()) == ("2026-11-20", "20 November 2026")


def test_did_not_work_follows_still_stuck(small: SiteRenderer) -> None:
    for node, target in [("reset-password", "contact-support"), ("wait-and-reset", "reset-password")]:
        page = page_of(small, node)
        _, html = split(page)
        actions = html.find(class_="ht-feedback__actions").find_all("a")
        assert [a.text() for a in actions] == ["This worked", "This did not work"]
        assert actions[0].get("href") == "#ht-worked"
        assert resolve(page.url, actions[1].get("href") or "") == f"/troubleshoot/{target}/"


def test_support_node_itself_ends_the_chain(small: SiteRenderer) -> None:
    _, html = split(page_of(small, "contact-support"))
    actions = html.find(class_="ht-feedback__actions").find_all("a")
    assert [a.text() for a in actions] == ["This worked"]  # Start again is in the nav above
    assert html.find("p", class_="ht-final").text().startswith("Still need help?")


FINAL_TREE = """\
    version: 1
    title: T
    start: a
    help_area:
      - label: Call us
        node: help
    prevention: Keep your password safe.
    nodes:
      a:
        question: Which?
        answers:
          - {label: One, next: done}
          - {label: Two, next: other}
          - {label: Three, next: help}
      done:
        outcome: Done
        body: Do this.
      other:
        outcome: Other
        body: Do that.
        prevention: Write it down somewhere safe.
      help:
        outcome: Call us
        body: Call.
    """


def test_final_outcome_did_not_work_goes_to_the_first_help_area_node(tmp_path: Path) -> None:
    renderer = renderer_for(tmp_path, FINAL_TREE)
    page = page_of(renderer, "done")
    _, html = split(page)
    not_worked = html.find("a", class_="ht-not-worked")
    assert not_worked.text() == "This did not work"
    assert resolve(page.url, not_worked.get("href") or "") == "/troubleshoot/help/"
    assert not split(page_of(renderer, "help"))[1].find_all("a", class_="ht-not-worked")


def test_a_final_support_page_has_no_did_not_work(tmp_path: Path) -> None:
    """`help` is no help-area node here, but its call step makes it a final support page."""
    tree = FINAL_TREE.replace("node: help", "article: index.md").replace(
        "    nodes:", '    contacts:\n      desk: {name: Desk, phone: "800-555-0100"}\n    nodes:').replace(
        "body: Call.", 'body: "Call: {{ contacts.desk.call }}"').replace(
        "body: Do this.", "body: Do this.\n        still_stuck: help").replace(
        "body: Do that.", "body: Do that.\n        still_stuck: help")
    renderer = renderer_for(tmp_path, tree)
    _, html = split(page_of(renderer, "help"))
    assert [a.text() for a in html.find(class_="ht-feedback__actions").find_all("a")] == ["This worked"]
    assert html.find("p", class_="ht-final").text().startswith("Still need help?")


def test_prevention_uses_the_outcome_text_else_the_tree_text(tmp_path: Path) -> None:
    renderer = renderer_for(tmp_path, FINAL_TREE)
    for node, text in [("done", "Keep your password safe."), ("other", "Write it down somewhere safe.")]:
        _, html = split(page_of(renderer, node))
        prevention = html.find("section", class_="ht-prevention")
        assert prevention.find("h2").text() == "Next time"
        assert prevention.find("p").text() == text


def test_outcome_without_prevention_or_review_date_leaves_them_out(small: SiteRenderer) -> None:
    _, html = split(page_of(small, "wait-and-reset"))
    assert not html.find_all(class_="ht-prevention")
    assert not html.find_all(class_="ht-reviewed")


def test_paths_to_outcome_are_counted_and_listed_shortest_first(small: SiteRenderer) -> None:
    _, html = split(page_of(small, "contact-support"))
    staff = html.find("details", class_="ht-staff")
    assert staff.find("summary").text() == "For support staff: Answer paths that lead here"
    assert staff.find_all("p")[0].text() == "5 paths lead here. The shortest are listed first."
    listed = [[s.text() for s in li.find_all(class_="ht-paths__answer")]
              for li in staff.find("ol").find_all("li")]
    assert listed[0] == ["Something else"]
    assert [len(p) for p in listed] == sorted(len(p) for p in listed)
    assert len(listed) == 5
    assert ["I forgot my password", "Yes", "Reset your password: This did not work"] in listed


def test_a_single_path_says_so(small: SiteRenderer) -> None:
    _, html = split(page_of(small, "wait-and-reset"))
    staff = html.find("details", class_="ht-staff")
    assert staff.find_all("p")[0].text() == "1 path leads here."
    assert [li.text() for li in staff.find("ol").find_all("li")] == [
        "It says my account is locked > Yes"]


def ladder(levels: int) -> str:
    """A chain of questions whose two answers both lead on: 2**levels paths to the end."""
    nodes = []
    for i in range(levels):
        nxt = f"q{i + 1}" if i + 1 < levels else "end"
        nodes.append(f"  q{i}:\n    question: Step {i}?\n    answers:\n"
                     f"      - {{label: Yes, next: {nxt}}}\n      - {{label: No, next: m{i}}}\n"
                     f"  m{i}:\n    question: Middle {i}?\n    answers:\n"
                     f"      - {{label: Again, next: {nxt}}}\n      - {{label: Stop, next: stop{i}}}\n"
                     f"  stop{i}:\n    outcome: Stop {i}\n    body: Stop.\n")
    return ("version: 1\ntitle: Ladder\nstart: q0\nnodes:\n" + "".join(nodes)
            + "  end:\n    outcome: The end\n    body: Done.\n")


def test_many_paths_are_counted_exactly_and_only_a_few_listed(tmp_path: Path) -> None:
    renderer = renderer_for(tmp_path, ladder(20), max_questions=40, listed_paths=3)
    _, html = split(page_of(renderer, "end"))
    staff = html.find("details", class_="ht-staff")
    paragraphs = [p.text() for p in staff.find_all("p")]
    assert paragraphs == ["1,048,576 paths lead here. The shortest are listed first.",
                          "and 1,048,573 more. See every way here on the map"]
    assert staff.find("a").attrs["href"] == "../../map/#map-troubleshoot-end"
    listed = staff.find("ol").find_all("li")
    assert len(listed) == 3
    assert [s.text() for s in listed[0].find_all(class_="ht-paths__answer")] == ["Yes"] * 20


# -- index (A-Z) and map ----------------------------------------------------------------

def test_index_lists_every_reachable_outcome_and_every_article_with_its_url(small: SiteRenderer) -> None:
    page = small.index_page()
    _, html = split(page)
    entries = {(li.find("a").text(), li.find(class_="ht-az__kind").text()):
               (resolve(page.url, li.find("a").get("href") or ""), li.find("code").text())
               for li in html.find_all("li")}
    # Book style: each entry under its key word (the title from its first word that is not a
    # small word); the guide itself is listed, the home page (the help center) is not.
    assert entries == {
        ("Sign in", "Guide"): ("/troubleshoot/", "/troubleshoot/"),
        ("Contact support", "Steps"): ("/troubleshoot/contact-support/", "/troubleshoot/contact-support/"),
        ("Reset your password", "Steps"): ("/troubleshoot/reset-password/",
                                            "/troubleshoot/reset-password/"),
        ("Wait, then reset your password", "Steps"): ("/troubleshoot/wait-and-reset/",
                                                       "/troubleshoot/wait-and-reset/"),
        ("Reset your password", "Article"): ("/guides/reset/", "/guides/reset/"),
        ("Support for you", "Article"): ("/guides/support/", "/guides/support/"),
    }


def test_index_is_grouped_by_first_letter_in_order(small: SiteRenderer) -> None:
    _, html = split(small.index_page())
    assert [h.text() for h in html.find_all("h2")] == ["C", "R", "S", "W"]
    letters = html.find("nav", class_="ht-az-letters").find_all("a")
    assert [(a.text(), a.get("href")) for a in letters] == [
        ("C", "#letter-1"), ("R", "#letter-2"), ("S", "#letter-3"), ("W", "#letter-4")]
    titles = [a.text().casefold() for ul in html.find_all("ul", class_="ht-az") for a in ul.find_all("a")]
    assert titles == sorted(titles)


def test_book_style_keys_file_a_title_under_its_first_real_word() -> None:
    assert key_word("Your account is locked") == "Account is locked"
    assert key_word("Can't get into your JPay account?") == "JPay account"
    assert key_word("¿No puede entrar a su cuenta de JPay?") == "Puede entrar a su cuenta de JPay"
    assert key_word("The") == "The"


def test_a_keyword_is_an_entry_of_its_own_naming_the_title() -> None:
    entry = Entry("Locked out", "Your account is locked", "steps", "t/locked/", from_title=False)
    assert entry.shows_title
    assert not Entry("Account is locked", "Your account is locked", "steps", "t/locked/").shows_title
    assert Entry("Alone", "You are not alone", "article", "s/alone/").shows_title


def test_spanish_order_puts_accents_with_their_letter_and_n_tilde_after_n() -> None:
    words = ["ñandú", "oso", "árbol", "nube", "Zapato", "abeja"]
    assert sorted(words, key=sort_key) == ["abeja", "árbol", "nube", "ñandú", "oso", "Zapato"]
    assert [letter_of(w) for w in ("árbol", "Ñandú", "Éxito", "2 pasos")] == ["A", "Ñ", "E", "#"]


def test_index_shows_absolute_urls_when_the_site_url_is_known() -> None:
    renderer = small_with(site_url="https://help.example.org/sub/")
    _, html = split(renderer.index_page())
    assert "https://help.example.org/sub/troubleshoot/reset-password/" in [
        c.text() for c in html.find_all("code")]


def test_map_is_a_nested_outline_with_every_node_written_once(small: SiteRenderer) -> None:
    page = small.map_page()
    _, html = split(page)
    outline = html.find("ul", class_="ht-outline")
    written = [s.get("id") for s in outline.find_all("span") if (s.get("id") or "").startswith("map-")]
    # Anchors name the guide's base: one map page holds every guide.
    assert sorted(written) == sorted(f"map-troubleshoot-{n}" for n in guide(small).tree.nodes)
    # The start node is the root; its answers are the next level, in YAML order.
    root = outline.elements[0]
    assert root.tag == "li"
    assert root.elements[0].get("id") == "map-troubleshoot-what-happens"
    assert not html.find_all("h2")  # one guide: no section heading
    level = root.find_all("ul")[0]
    assert [li.elements[0].text() for li in level.elements] == [
        "I forgot my password", "It says my account is locked", "Something else"]


def test_map_links_shared_nodes_to_where_they_were_written(small: SiteRenderer) -> None:
    page = small.map_page()
    _, html = split(page)
    seen = html.find_all("a", class_="ht-outline__seen")
    targets = sorted(a.get("href") or "" for a in seen)
    # contact-support is reached four ways, reset-password two: written once each.
    assert targets == ["#map-troubleshoot-contact-support"] * 3 + ["#map-troubleshoot-reset-password"]
    page_links = {resolve(page.url, a.get("href") or "") for a in html.find_all("a")
                  if not (a.get("href") or "").startswith("#")}
    assert page_links == {f"/troubleshoot/{n}/" for n in guide(small).tree.nodes}


def test_map_of_a_very_deep_tree_does_not_hit_the_recursion_limit(tmp_path: Path) -> None:
    depth = 1500
    nodes = "".join(f"  o{i}:\n    outcome: Try {i}\n    body: Do {i}.\n    still_stuck: o{i + 1}\n"
                    for i in range(depth))
    tree = (f"version: 1\ntitle: Deep\nstart: q\nnodes:\n  q:\n    question: Go?\n    answers:\n"
            f"      - {{label: Yes, next: o0}}\n      - {{label: No, next: o{depth}}}\n"
            f"{nodes}  o{depth}:\n    outcome: Last\n    body: Last.\n")
    renderer = renderer_for(tmp_path, tree)
    _, html = split(renderer.map_page())
    assert len(html.find_all("span", class_="ht-outline__outcome")) == depth + 1


# -- help area, redirects, text -------------------------------------------------------

def test_help_area_has_the_help_links_and_a_permalink(small: SiteRenderer) -> None:
    html = parse(str(small.help_area("guides/reset/")))
    aside = html.find("aside", class_="ht-help-area")
    assert aside.find("h2").text() == "Need more help?"
    links = aside.find("ul").find_all("a")
    assert [(a.text(), resolve("guides/reset/", a.get("href") or "")) for a in links] == [
        ("Contact support", "/troubleshoot/contact-support/"), ("Support for you", "/guides/support/")]
    permalink = aside.find("p", class_="ht-permalink")
    assert permalink.text().startswith("Link to this page: /guides/reset/")
    assert not permalink.find_all("a")  # the address to copy, not a link to the page itself
    assert permalink.find("button").get("hidden") is not None  # shown by the script only


def test_help_area_permalink_is_absolute_when_the_site_url_is_known() -> None:
    renderer = small_with(site_url="https://help.example.org/")
    html = parse(str(renderer.help_area("troubleshoot/forgot/")))
    assert html.find("span", data_ht_permalink=True).text() == "https://help.example.org/troubleshoot/forgot/"


def test_redirects_map_every_alias_to_its_node(small: SiteRenderer) -> None:
    assert small.redirects() == {"troubleshoot/old-reset/index.md": "troubleshoot/reset-password/index.md"}


def test_settings_move_the_pages(tmp_path: Path) -> None:
    content = tmp_path / "content"  # the home page's link to the guide moves with it (HT222)
    shutil.copytree(SMALL / "content", content)
    home = content / "index.md"
    home.write_text(home.read_text(encoding="utf-8").replace("troubleshoot/", "help/"),
                    encoding="utf-8")
    renderer = SiteRenderer(checked(with_settings(lone_tree(SMALL_TREE, content), base="help",
                                                  index_page="all", map_page="tree-map")))
    assert {p.src_uri for p in renderer.pages()} >= {"help/index.md", "help/forgot/index.md",
                                                      "all/index.md", "tree-map/index.md"}
    assert renderer.redirects() == {"help/old-reset/index.md": "help/reset-password/index.md"}


def test_contact_placeholders_become_a_named_link_and_a_call_button(small: SiteRenderer) -> None:
    _, html = split(page_of(small, "contact-support"))
    links = {a.text(): a.get("href") for a in html.find(class_="ht-steps").find_all("a")}
    assert links == {"Call Example help desk 800-555-0100": "tel:+18005550100",
                     "Example help desk": "https://help.example.org"}


def test_markdown_links_to_articles_become_relative_page_links(tmp_path: Path) -> None:
    renderer = renderer_for(tmp_path, """\
        version: 1
        title: T
        start: a
        nodes:
          a:
            question: Which?
            help: See [the guide](guides/reset.md#steps) or [home](/).
            answers:
              - {label: One, next: b}
              - {label: Two, next: c}
          b: {outcome: B, body: b}
          c: {outcome: C, body: c}
        """, articles={"guides/reset.md": "---\ntitle: Reset\n---\n# Reset\n\n## Steps\n"})
    page = page_of(renderer, "a")
    _, html = split(page)
    assert hrefs(page, html.find(class_="ht-help-text").find_all("a")) == ["/guides/reset/#steps", "/"]


@pytest.mark.parametrize(("src", "dst", "expected"), [
    ("troubleshoot/a/", "troubleshoot/b/", "../b/"),
    ("troubleshoot/a/", "troubleshoot/", "../"),
    ("troubleshoot/", "troubleshoot/a/", "a/"),
    ("troubleshoot/a/", "troubleshoot/a/", "./"),
    ("troubleshoot/a/", "", "../../"),
    ("", "troubleshoot/", "troubleshoot/"),
    ("a-z/", "guides/reset/#steps", "../guides/reset/#steps"),
])
def test_relative_url_between_directory_urls(src: str, dst: str, expected: str) -> None:
    assert relative_url(src, dst) == expected


@pytest.mark.parametrize(("href", "expected"), [
    ("guides/reset.md", "guides/reset/"),
    ("guides/index.md", "guides/"),
    ("index.md", ""),
    ("/guides/reset.md#x", "guides/reset/#x"),
    ("https://example.org/a.md", None),
    ("guides/reset/", None),
])
def test_markdown_target_url(href: str, expected: str | None) -> None:
    assert markdown_target_url(href) == expected


def test_text_renderer_refuses_unsafe_links_and_marks_external_ones() -> None:
    text = TextRenderer({})
    out = str(text.block("[a](javascript:alert(1)) [b](https://example.org) [c](//evil.test/x)", "x/"))
    links = parse(out).find_all("a")
    assert [(a.get("href"), a.get("rel")) for a in links] == [
        ("#", None), ("https://example.org", "noopener"), ("#", None)]


def test_plain_text_drops_markdown_and_keeps_characters() -> None:
    assert TextRenderer({}).plain("**Bold** & <i>x</i> `code`") == "Bold & <i>x</i> code"


def test_a_project_that_failed_its_checks_gives_nothing_to_render(tmp_path: Path) -> None:
    # Replaces "SiteRenderer refuses a failed project (ValueError)": a check with errors
    # now has no checked project at all, so there is nothing a renderer could be given.
    report = check_text(tmp_path, "version: 1\ntitle: T\nstart: nowhere\nnodes: {}\n")
    assert report.errors
    assert report.project is None


def test_rendering_twice_gives_identical_pages(small: SiteRenderer) -> None:
    first = [p.markdown for p in small.pages()]
    assert first == [p.markdown for p in small.pages()]


# -- a help center of several guides ---------------------------------------------------

def test_node_urls_and_sources_are_below_the_guide_base() -> None:
    assert node_url("money", "track") == "money/track/"
    assert node_source("help/money", "track") == "help/money/track/index.md"


def test_every_guide_has_its_pages_then_one_index_and_one_map(two: SiteRenderer) -> None:
    pages = list(two.pages())
    login, money = two.project.guides
    assert [(p.kind, p.src_uri) for p in pages] == [
        ("start", "login/index.md"),
        *[(("question" if n == "what-happens" else "outcome"), f"login/{n}/index.md")
          for n in login.index.reachable_order],
        ("print", "print/login/index.md"),
        ("start", "money/index.md"),
        *[(("question" if n == "when-sent" else "outcome"), f"money/{n}/index.md")
          for n in money.index.reachable_order],
        ("print", "print/money/index.md"),
        ("index", "a-z/index.md"),
        ("map", "map/index.md"),
        ("staff", "staff/index.md"),
    ]
    assert {p.kind for p in pages if p.in_nav} == {"start", "index", "map", "staff"}


def test_a_link_to_another_guides_page_is_relative_to_this_page(two: SiteRenderer) -> None:
    page = page_of(two, "call-desk", base="login")
    _, html = split(page)
    assert hrefs(page, html.find(class_="ht-steps").find_all("a", href=True)) == [
        "tel:+18005550100", "/money/track/"]


def test_the_index_lists_every_guide_and_its_outcomes(two: SiteRenderer) -> None:
    page = two.index_page()
    _, html = split(page)
    entries = {(li.find("a").text(), li.find(class_="ht-az__kind").text()):
               resolve(page.url, li.find("a").get("href") or "") for li in html.find_all("li")}
    assert entries == {
        ("Sign in", "Guide"): "/login/",
        ("Reset your password", "Steps"): "/login/reset/",
        ("Call the help desk", "Steps"): "/login/call-desk/",
        ("Money did not arrive", "Guide"): "/money/",
        ("Wait one day", "Steps"): "/money/wait/",
        ("Track the payment", "Steps"): "/money/track/",
        ("Ask the help desk", "Steps"): "/money/ask-desk/",
        ("Reset your password", "Article"): "/help/reset/",
        ("Support for you", "Article"): "/help/support/",
    }


def test_the_map_has_a_section_per_guide_with_anchors_named_by_base(two: SiteRenderer) -> None:
    page = two.map_page()
    _, html = split(page)
    sections = html.find_all("h2")
    assert [(h.get("id"), h.text(), resolve(page.url, h.find("a").get("href") or ""))
            for h in sections] == [("map-login", "Can't sign in?", "/login/"),
                                   ("map-money", "Money did not arrive?", "/money/")]
    outlines = html.find_all("ul", class_="ht-outline")
    assert len(outlines) == 2
    for outline, guide_ in zip(outlines, two.project.guides, strict=True):
        written = sorted(s.get("id") or "" for s in outline.find_all("span") if s.get("id"))
        assert written == sorted(f"map-{guide_.base}-{n}" for n in guide_.tree.nodes)
    # money's `track` and `ask-desk` are reached twice: the second time links back.
    assert [a.get("href") for a in outlines[1].find_all("a", class_="ht-outline__seen")] == [
        "#map-money-track", "#map-money-ask-desk"]


def test_each_page_shows_the_help_area_of_its_own_guide(two: SiteRenderer) -> None:
    def links(url: str) -> list[tuple[str, str]]:
        aside = parse(str(two.help_area(url))).find("aside", class_="ht-help-area")
        return [(a.text(), resolve(url, a.get("href") or "")) for a in aside.find("ul").find_all("a")]

    login = [("Contact the help desk", "/login/call-desk/"), ("Support for you", "/help/support/")]
    money = [("Contact the help desk", "/money/ask-desk/")]
    assert links("money/track/") == money
    assert links("money/") == money
    assert links("login/reset/") == login
    assert links("help/reset/") == login  # the article a login outcome uses
    assert links("a-z/") == login  # any other page: the first guide's
    assert two.guide_of("money/wait/").base == "money"
    assert two.guide_of("help/support/").base == "login"


def test_the_404_help_leads_into_every_guide(two: SiteRenderer) -> None:
    for root, prefix in [("/", "/"), ("/sub/", "/sub/"), ("/sub", "/sub/")]:
        html = parse(str(two.not_found_help(root)))
        assert html.find("h1").text() == "We can't find that page"
        guides = html.find("ul", class_="ht-guides").find_all("a")
        assert [(a.text(), a.get("href")) for a in guides] == [
            ("Can't sign in?", f"{prefix}login/what-happens/"),
            ("Money did not arrive?", f"{prefix}money/when-sent/")]
        ways = [(a.text(), a.get("href")) for a in html.find("ul", class_="ht-ways").find_all("a")]
        assert ways == [("Go to the home page", prefix), ("Find a page in the A-Z", f"{prefix}a-z/")]
        assert html.find("button", class_="ht-search-open").text() == "Search the help"
        assert not html.find_all(class_="ht-start-now")
        help_links = html.find("aside", class_="ht-help-area").find("ul").find_all("a")
        assert [a.get("href") for a in help_links] == [f"{prefix}login/call-desk/",
                                                       f"{prefix}help/support/"]


def test_the_404_help_of_one_guide_is_a_start_now_button(small: SiteRenderer) -> None:
    html = parse(str(small.not_found_help("/")))
    assert not html.find_all(class_="ht-guides")
    start = html.find(class_="ht-start-now").find("a")
    assert (start.text(), start.get("href")) == ("Start now", "/troubleshoot/what-happens/")
