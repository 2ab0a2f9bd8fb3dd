"""The graph, link, contact and article checks: each problem found, located and explained."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from treekit import BASE, SMALL_TREE, TODAY, check_project, check_text, codes, dedent, only

from generator.check import context as check_context
from generator.problems import Location, Severity
from generator.source.spec import Options

TWO_QUESTIONS = dedent("""
    version: 1
    title: T
    start: q1
    nodes:
      q1:
        question: First?
        answers:
          - label: To two
            next: q2
          - label: Done
            next: done
      q2:
        question: Second?
        answers:
          - label: Back
            next: q1
          - label: Done
            next: done
      done:
        outcome: Done
        body: ok
""")


def at(path: Path, line: int, column: int) -> Location:
    return Location(str(path / "decision_tree.yaml"), line, column)


# -- the valid fixture -------------------------------------------------------------------

def test_small_fixture_is_ok_with_its_articles() -> None:
    report = check_project(SMALL_TREE, options=Options(today=TODAY))
    assert report.problems == []
    assert report.ok
    assert report.project is not None
    assert report.project.guide.index.count() == 5
    assert sorted(report.project.articles) == ["guides/reset.md", "guides/support.md", "index.md"]


def test_content_defaults_to_the_folder_beside_the_tree(tmp_path: Path) -> None:
    report = check_text(tmp_path, BASE)
    assert report.project is not None
    assert report.project.spec.content_dir == tmp_path / "content"
    assert report.ok


# -- ids and references ------------------------------------------------------------------

def test_unknown_start_is_ht202_at_the_start_value(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE.replace("start: first", "start: frist"))
    problem = only(project.problems, "HT202")
    assert problem.message == "`start` points at unknown node `frist`"
    assert problem.hint == "did you mean `first`?"
    assert problem.location == at(tmp_path, 3, 8)
    assert not project.ok


def test_dangling_next_points_at_the_answer_line(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE.replace("next: right", "next: rigth"))
    problem = only(project.problems, "HT202")
    assert problem.message == 'answer "Right" of `first` points at unknown node `rigth`'
    assert problem.hint == "did you mean `right`?"
    assert problem.location == at(tmp_path, 11, 15)


def test_next_naming_a_former_id_says_which_node_it_became(tmp_path: Path) -> None:
    tree = BASE.replace("next: right", "next: old-right") + "    aliases: [old-right]\n"
    problem = only(check_text(tmp_path, tree).problems, "HT202")
    assert problem.hint == "`old-right` was renamed to `right`: use the new id"


def test_dangling_still_stuck_is_ht202_at_its_value(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE + "    still_stuck: nowhere\n")
    problem = only(project.problems, "HT202")
    assert problem.message == "`still_stuck` of `right` points at unknown node `nowhere`"
    assert problem.location == at(tmp_path, 18, 18)


def test_still_stuck_pointing_at_itself_is_one_problem(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE + "    still_stuck: right\n")
    assert codes(project.problems) == ["HT205"]
    assert project.problems[0].location == at(tmp_path, 18, 18)


def test_help_link_to_unknown_node_is_ht202(tmp_path: Path) -> None:
    tree = BASE.replace("start: first", "start: first\nhelp_area:\n  - label: Help\n    node: lef")
    problem = only(check_text(tmp_path, tree).problems, "HT202")
    assert problem.message == 'help link "Help" points at unknown node `lef`'


def test_start_is_not_reported_unknown_when_nodes_could_not_be_read(tmp_path: Path) -> None:
    project = check_text(tmp_path, "version: 1\ntitle: T\nstart: a\nnodes: [a, b]\n")
    assert codes(project.problems) == ["HT101"]


# -- answers -----------------------------------------------------------------------------

def test_question_with_one_answer_is_ht203(tmp_path: Path) -> None:
    tree = BASE.replace("      - label: Right\n        next: right\n", "")
    project = check_text(tmp_path, tree)
    problem = only(project.problems, "HT203")
    assert problem.message == "question `first` has 1 answer; it needs at least 2"
    assert problem.location == at(tmp_path, 8, 7)


def test_question_with_an_empty_answer_list_is_ht203_with_plural(tmp_path: Path) -> None:
    tree = BASE.replace("    answers:\n      - label: Left\n        next: left\n"
                        "      - label: Right\n        next: right\n", "    answers: []\n")
    assert only(check_text(tmp_path, tree).problems, "HT203").message == (
        "question `first` has 0 answers; it needs at least 2")


def test_answer_that_could_not_be_read_is_not_counted_as_missing(tmp_path: Path) -> None:
    tree = BASE.replace("      - label: Right\n        next: right\n", "      - Right\n")
    project = check_text(tmp_path, tree)
    assert codes(project.problems) == ["HT101"]  # no HT203, no "right cannot be reached"


def test_repeated_label_ignores_case_and_spacing_and_names_the_first_line(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE.replace("label: Right", 'label: "left "'))
    problem = only(project.problems, "HT204")
    assert problem.message == 'answer label "left" repeats in `first`'
    assert problem.hint == "the same label is on line 8; labels must differ"
    assert problem.location == at(tmp_path, 10, 16)


def test_two_answers_to_the_same_node_is_a_warning(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE.replace("next: right", "next: left"))
    warning = only(project.problems, "HT302")
    assert warning.severity is Severity.WARNING
    assert warning.message == 'answers "Left" and "Right" of `first` both lead to `left`'
    assert "HT207" in codes(project.problems)  # `right` is now unreachable


def test_long_label_is_a_warning_only(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE.replace("label: Left", "label: " + "word " * 20))
    warning = only(project.problems, "HT303")
    assert warning.severity is Severity.WARNING
    assert project.ok


# -- graph shape -------------------------------------------------------------------------

def test_cycle_via_answers_points_at_the_link_that_closes_it(tmp_path: Path) -> None:
    project = check_text(tmp_path, TWO_QUESTIONS)
    problem = only(project.problems, "HT206")
    assert problem.message == "cycle: q1 -> q2 -> q1"
    assert problem.location == at(tmp_path, 16, 15)
    assert project.project is None
    assert not project.ok


def test_cycle_via_still_stuck_points_at_still_stuck(tmp_path: Path) -> None:
    tree = BASE.replace("    body: You went left.\n",
                        "    body: You went left.\n    still_stuck: right\n")
    tree += "    still_stuck: left\n"
    problem = only(check_text(tmp_path, tree).problems, "HT206")
    assert problem.message == "cycle: left -> right -> left"
    assert problem.location == at(tmp_path, 19, 18)


def test_every_separate_cycle_is_reported(tmp_path: Path) -> None:
    tree = TWO_QUESTIONS.replace("      - label: Done\n        next: done\n  q2:",
                                 "      - label: Three\n        next: q3\n  q2:")
    tree += ("  q3:\n    question: Third?\n    answers:\n      - label: Again\n        next: q3\n"
             "      - label: Done\n        next: done\n")
    project = check_text(tmp_path, tree)
    cycles = sorted(p.message for p in project.problems if p.code == "HT206")
    assert cycles == ["cycle: q1 -> q2 -> q1", "cycle: q3 -> q3"]


def test_unreachable_node_is_ht207_at_its_id(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE + "  lonely:\n    outcome: Alone\n    body: x\n")
    problem = only(project.problems, "HT207")
    assert problem.message == "node `lonely` cannot be reached from `first`"
    assert problem.location == at(tmp_path, 18, 3)


def test_alias_that_is_also_a_node_id_is_ht208_at_the_alias(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE + "    aliases: [old, left]\n")
    problem = only(project.problems, "HT208")
    assert problem.message == "alias `left` of `right` is also a node id"
    assert problem.location == at(tmp_path, 18, 20)


def test_alias_listed_by_two_nodes_is_ht208(tmp_path: Path) -> None:
    tree = BASE.replace("    body: You went left.\n", "    body: You went left.\n    aliases: [old]\n")
    tree += "    aliases: [old]\n"
    problem = only(check_text(tmp_path, tree).problems, "HT208")
    assert problem.message == "alias `old` is listed by both `left` and `right`"


def test_path_asking_more_questions_than_the_limit_is_ht211_at_the_first_extra(tmp_path: Path) -> None:
    lines = ["version: 1", "title: Deep", "start: q1", "nodes:"]
    for i in range(1, 5):
        nxt = f"q{i + 1}" if i < 4 else "end"
        lines += [f"  q{i}:", f"    question: Step {i}?", "    answers:",
                  "      - label: Go on", f"        next: {nxt}",
                  "      - label: Stop", "        next: stop"]
    lines += ["  end:", "    outcome: End", "    body: ok", "  stop:", "    outcome: Stop", "    body: ok"]
    tree = "\n".join(lines) + "\n"
    project = check_text(tmp_path, tree, max_questions=3)
    problem = only(project.problems, "HT211")
    assert problem.message == ("a path asks 4 questions, more than the limit of 3: "
                               "q1 -> q2 -> q3 -> q4 -> end")
    assert problem.location == at(tmp_path, 26, 3)
    assert check_text(tmp_path, tree, max_questions=4).ok


def test_depth_is_not_checked_while_other_errors_stand(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE + "    reviewed: soon\n", max_questions=0)
    assert codes(project.problems) == ["HT106"]


# -- outcomes and articles referenced from the tree --------------------------------------

def test_review_older_than_a_year_is_a_warning(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE + "    reviewed: 2025-01-01\n")
    warning = only(project.problems, "HT301")
    assert warning.message == "outcome `right` was last reviewed 699 days ago"
    assert warning.severity is Severity.WARNING
    assert project.ok


def test_review_in_the_future_is_an_error(tmp_path: Path) -> None:
    problem = only(check_text(tmp_path, BASE + "    reviewed: 2027-01-01\n").problems, "HT106")
    assert problem.message == "`reviewed` of `right` is in the future"


@pytest.mark.parametrize(("article", "why"), [
    ("../secret.md", "may not use `..` to leave content/"),
    ("guides/../../x.md", "may not use `..` to leave content/"),
    ("/etc/passwd.md", "must be a relative path under content/, with `/` separators"),
    ("C:/x.md", "must be a relative path under content/, with `/` separators"),
    ("guides\\\\reset.md", "must be a relative path under content/, with `/` separators"),
    ("guides/reset.txt", "must name a Markdown file ending in `.md`"),
])
def test_article_path_that_leaves_content_is_ht209(tmp_path: Path, article: str, why: str) -> None:
    project = check_text(tmp_path, BASE + f'    article: "{article}"\n')
    problem = only(project.problems, "HT209")
    assert problem.message.endswith(why)
    assert problem.location == at(tmp_path, 18, 14)


def test_article_symlink_out_of_content_is_ht209(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("# Secret\n", encoding="utf-8")
    project_dir = tmp_path / "p"
    (project_dir / "content").mkdir(parents=True)
    os.symlink(outside, project_dir / "content" / "link.md")
    project = check_text(project_dir, BASE + "    article: link.md\n")
    messages = [p.message for p in project.problems if p.code == "HT209"]
    assert "`article` of `right` `link.md` points outside content/ (through a symbolic link)" in messages


def test_missing_article_suggests_the_closest_file(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE + "    article: guides/rest.md\n",
                         {"guides/reset.md": "# Reset\n"})
    problem = only(project.problems, "HT210")
    assert problem.message.startswith("`article` of `right` `guides/rest.md` does not exist in")
    assert problem.hint == "did you mean `guides/reset.md`?"


def test_help_link_article_is_checked_too(tmp_path: Path) -> None:
    tree = BASE.replace("start: first", "start: first\nhelp_area:\n  - label: Help\n    article: x.md")
    problem = only(check_text(tmp_path, tree).problems, "HT210")
    assert problem.message.startswith('help link "Help" `x.md` does not exist')


# -- links, domains, contacts in tree text -----------------------------------------------

@pytest.mark.parametrize(("body", "fragment", "column"), [
    ("'See [x](javascript:alert(1)) now.'", "link `javascript:alert(1)` uses the unsafe scheme "
     "`javascript:`", 20),
    ("See [x](http://example.org/a) now.", "link `http://example.org/a` uses http:", 19),
    ("See [x](//example.org/a) now.", "link `//example.org/a` has no scheme", 19),
    ("See ![x](data:image/png;base64,AA) now.", "uses the unsafe scheme `data:`", 20),
    ("'See [x](JaVa&#115;cript:alert(1)).'", "uses the unsafe scheme `javascript:`", 20),
])
def test_unsafe_link_in_a_body_is_ht212_at_the_url(tmp_path: Path, body: str, fragment: str,
                                                   column: int) -> None:
    project = check_text(tmp_path, BASE.replace("body: You went right.", f"body: {body}"))
    problem = only(project.problems, "HT212")
    assert fragment in problem.message
    assert problem.location == at(tmp_path, 17, column)


def test_unsafe_link_in_a_block_body_is_located_on_its_own_line(tmp_path: Path) -> None:
    body = "body: |\n      First line.\n      Then [x](http://a.org/b).\n"
    project = check_text(tmp_path, BASE.replace("body: You went right.\n", body))
    assert only(project.problems, "HT212").location == at(tmp_path, 19, 16)


@pytest.mark.parametrize("where", ["hint", "help", "needs", "note"])
def test_links_are_checked_in_every_text_field(tmp_path: Path, where: str) -> None:
    link = "'[x](javascript:x)'"
    tree = {
        "hint": BASE.replace("        next: left", f"        next: left\n        hint: {link}"),
        "help": BASE.replace("    question: Which one?", f"    question: Which one?\n    help: {link}"),
        "needs": BASE.replace("start: first", f"start: first\nneeds:\n  - {link}"),
        "note": BASE.replace("start: first", f"start: first\ncontacts:\n  desk:\n    name: D\n"
                             f"    note: {link}"),
    }[where]
    # a contact's note is plain text (HT221): a link there is refused as not being text
    assert codes(check_text(tmp_path, tree).problems) == ["HT221" if where == "note" else "HT212"]


def test_https_mailto_tel_and_site_links_are_fine(tmp_path: Path) -> None:
    body = "'[a](https://a.org) [b](mailto:x@a.org) [c](tel:+18005550100) [d](/troubleshoot/)'"
    project = check_text(tmp_path, BASE.replace("body: You went right.", f"body: {body}"))
    assert project.problems == []


def test_link_to_a_domain_not_on_the_allow_list_is_ht213(tmp_path: Path) -> None:
    tree = BASE.replace("start: first", "start: first\nallowed_domains: [example.org]")
    body = "'[ok](https://www.example.org/x) [bad](https://example.org.evil.io/login)'"
    project = check_text(tmp_path, tree.replace("body: You went right.", f"body: {body}"))
    problem = only(project.problems, "HT213")
    assert problem.message == "link to `example.org.evil.io` is not on the allow-list"
    assert problem.location == at(tmp_path, 18, 50)


def test_without_an_allow_list_any_https_domain_is_fine(tmp_path: Path) -> None:
    body = "'[x](https://anywhere.example)'"
    assert check_text(tmp_path, BASE.replace("body: You went right.", f"body: {body}")).ok


def test_contact_url_must_be_https_and_allowed(tmp_path: Path) -> None:
    tree = BASE.replace("start: first", "start: first\nallowed_domains: [a.org]\ncontacts:\n"
                        "  one:\n    name: One\n    url: http://a.org\n"
                        "  two:\n    name: Two\n    url: https://b.org")
    project = check_text(tmp_path, tree)
    assert sorted(codes(project.problems)) == ["HT212", "HT213"]
    assert only(project.problems, "HT213").message == (
        "contact url host `b.org` is not on the allow-list")


@pytest.mark.parametrize(("placeholder", "message"), [
    ("{{ contacts.desk.call }}", None),
    ("{{ contacts.dsk.phone }}", "unknown contact `dsk`"),
    ("{{ contacts.desk.fax }}", "unknown contact field `fax`"),
    ("{{ contacts.desk.hours }}", "contact `desk` has no `hours`"),
    ("{{ contact.desk.phone }}", "`{{ contact.desk.phone }}` is not a contact placeholder"),
])
def test_contact_placeholders_are_checked(tmp_path: Path, placeholder: str,
                                          message: str | None) -> None:
    tree = BASE.replace("start: first", 'start: first\ncontacts:\n  desk:\n    name: Desk\n'
                        '    phone: "800-555-0100"')
    tree = tree.replace("body: You went right.", f"body: Call {placeholder} now.")
    project = check_text(tmp_path, tree)
    if message is None:
        assert project.problems == []
    else:
        problem = only(project.problems, "HT214")
        assert problem.message == message
        assert problem.location == at(tmp_path, 21, 16)


def test_raw_html_in_the_tree_is_left_to_escaping(tmp_path: Path) -> None:
    body = "'<script>alert(1)</script>'"
    assert check_text(tmp_path, BASE.replace("body: You went right.", f"body: {body}")).ok


# -- articles ----------------------------------------------------------------------------

def test_missing_content_folder_given_explicitly_is_ht401(tmp_path: Path) -> None:
    tree = tmp_path / "decision_tree.yaml"
    tree.write_text(BASE, encoding="utf-8")
    report = check_project(tree, tmp_path / "content", options=Options(today=TODAY))
    assert codes(report.problems) == ["HT401"]
    assert report.project is None


def test_lone_tree_without_a_content_folder_and_no_article_passes(tmp_path: Path) -> None:
    # Replaces the old "no content/ beside the tree is HT401": a lone tree has no
    # articles folder unless content/ is there or one is given.
    tree = tmp_path / "decision_tree.yaml"
    tree.write_text(BASE, encoding="utf-8")
    report = check_project(tree, options=Options(today=TODAY))
    assert report.problems == []
    assert report.project is not None
    assert report.project.spec.content_dir is None
    assert dict(report.project.articles) == {}


def test_lone_tree_naming_an_article_without_a_content_folder_is_ht210(tmp_path: Path) -> None:
    tree = tmp_path / "decision_tree.yaml"
    tree.write_text(BASE + "    article: guides/reset.md\n", encoding="utf-8")
    report = check_project(tree, options=Options(today=TODAY))
    problem = only(report.problems, "HT210")
    assert problem.message == "`article` of `right` `guides/reset.md` needs a content/ folder"
    assert problem.hint == "create content/ beside the tree, or pass --content DIR"
    assert problem.location == at(tmp_path, 18, 14)


def test_link_in_an_article_is_located_in_the_article(tmp_path: Path) -> None:
    article = "---\ntitle: A\n---\n# A\n\nText.\nSee [x](http://a.org).\n"
    project = check_text(tmp_path, BASE, {"a.md": article})
    problem = only(project.problems, "HT212")
    assert problem.location == Location(str(tmp_path / "content" / "a.md"), 7, 9)


def test_raw_script_in_an_article_is_ht215_unless_in_code(tmp_path: Path) -> None:
    article = "# A\n\n`<script>` is fine.\n\n```\n<script>ok</script>\n```\n\n<img src=x onerror=alert(1)>\n"
    project = check_text(tmp_path, BASE, {"a.md": article})
    problem = only(project.problems, "HT215")
    assert problem.location.line == 9


def test_raw_html_in_articles_can_be_allowed(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE, {"a.md": "<iframe src=../></iframe>\n"}, allow_raw_html=True)
    assert project.ok


def test_article_placeholder_to_unknown_contact_is_ht214(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE, {"a.md": "# A\n\nCall {{ contacts.nobody.phone }}.\n"})
    problem = only(project.problems, "HT214")
    assert problem.location == Location(str(tmp_path / "content" / "a.md"), 3, 6)


def test_article_front_matter_that_is_a_list_is_ht402(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE, {"a.md": "---\n- a\n---\n# A\n"})
    assert only(project.problems, "HT402").location.line == 2


def test_article_front_matter_yaml_error_is_located_in_the_article(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE, {"a.md": "---\ntitle: A\n  bad: x\n---\n# A\n"})
    problem = only(project.problems, "HT006")
    assert problem.location.file.endswith("a.md")
    assert problem.location.line == 3


def test_article_review_date_and_sources_are_checked(tmp_path: Path) -> None:
    article = ("---\nreviewed: 2026-02-30\nsources:\n  - title: Old\n    url: http://a.org/x\n"
               "---\n# A\n")
    project = check_text(tmp_path, BASE, {"a.md": article})
    assert only(project.problems, "HT106").location.line == 2
    assert only(project.problems, "HT212").location == Location(
        str(tmp_path / "content" / "a.md"), 5, 10)


def test_article_reviewed_long_ago_is_a_warning(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE, {"a.md": "---\nreviewed: 2024-01-01\n---\n# A\n"})
    assert only(project.problems, "HT301").severity is Severity.WARNING
    assert project.ok


def test_article_that_is_not_utf8_is_ht003_and_the_rest_still_checked(tmp_path: Path) -> None:
    checked = check_text(tmp_path, BASE).project
    assert checked is not None
    assert checked.spec.content_dir is not None
    path = checked.spec.content_dir / "bad.md"
    path.write_bytes(b"caf\xe9\n")
    (path.parent / "also.md").write_text("[x](http://a.org)\n", encoding="utf-8")
    project = check_project(tmp_path / "decision_tree.yaml", options=Options(today=TODAY))
    assert sorted(codes(project.problems)) == ["HT003", "HT212"]


# -- the project -------------------------------------------------------------------------

def test_warnings_alone_leave_the_project_ok(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE + "    reviewed: 2020-01-01\n")
    assert project.errors == []
    assert project.ok


def test_bad_yaml_gives_one_problem_and_no_tree(tmp_path: Path) -> None:
    project = check_text(tmp_path, "a: [\n")
    assert project.project is None
    assert codes(project.problems) == ["HT006"]
    assert not project.ok


def test_the_same_bad_link_twice_is_reported_at_each_place(tmp_path: Path) -> None:
    body = "body: |\n      See [a](http://x.org/a).\n      Again [b](http://x.org/a).\n"
    project = check_text(tmp_path, BASE.replace("body: You went right.\n", body))
    assert [p.location for p in project.problems] == [at(tmp_path, 18, 15), at(tmp_path, 19, 17)]


def test_link_spelled_with_yaml_escapes_stays_at_its_own_field(tmp_path: Path) -> None:
    # The source says `http:\x2f/`, so the link cannot be found as written; it must not be
    # "found" in a later node that happens to contain the same text.
    tree = BASE.replace("body: You went left.", 'body: "See [x](http:\\x2f/a.org)."')
    tree = tree.replace("body: You went right.", "body: Not a link, http://a.org")
    problem = only(check_text(tmp_path, tree).problems, "HT212")
    assert problem.location == at(tmp_path, 14, 11)


def test_alias_is_located_as_a_whole_word_not_inside_another_alias(tmp_path: Path) -> None:
    project = check_text(tmp_path, BASE + "    aliases: [lefty, left]\n")
    assert only(project.problems, "HT208").location == at(tmp_path, 18, 22)


def test_did_you_mean_is_given_for_the_first_unknown_ids_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each guess scans every node id; a tree with hundreds of broken ids must stay fast.
    monkeypatch.setattr(check_context, "MAX_ID_GUESSES", 1)
    tree = BASE.replace("next: left", "next: lefft").replace("next: right", "next: rigth")
    hints = [p.hint for p in check_text(tmp_path, tree).problems if p.code == "HT202"]
    assert hints == ["did you mean `left`?", "add a node with this id, or fix the id"]


# -- the same text on most outcomes (HT309) ----------------------------------------------

FOUR_OUTCOMES = dedent("""
    version: 1
    title: T
    prevention: Use a long passphrase.
    start: q
    nodes:
      q:
        question: Which?
        answers:
          - {label: A, next: a}
          - {label: B, next: b}
          - {label: C, next: c}
          - {label: D, next: d}
      a: {outcome: A, body: Do a.}
      b: {outcome: B, body: Do b.}
      c: {outcome: C, body: Do c.}
      d: {outcome: D, body: Do d.}
""")


def test_the_tree_prevention_on_every_outcome_is_a_warning_at_the_tree_key(tmp_path: Path) -> None:
    project = check_text(tmp_path, FOUR_OUTCOMES)
    warning = only(project.problems, "HT309")
    assert warning.severity is Severity.WARNING
    assert warning.message == '4 of 4 outcomes have the same "Next time" text'
    assert warning.hint.startswith("write `prevention` that fits each outcome, or none where none fits")
    assert warning.location == at(tmp_path, 3, 13)
    assert project.ok


def test_the_same_steps_copied_onto_most_outcomes_is_a_warning_at_the_first(tmp_path: Path) -> None:
    tree = FOUR_OUTCOMES.replace("prevention: Use a long passphrase.\n", "").replace("Do b.", "Do a.")
    project = check_text(tmp_path, tree.replace("Do c.", "Do a."))
    warning = only(project.problems, "HT309")
    assert warning.message == "3 of 4 outcomes have the same steps"
    assert warning.location == at(tmp_path, 12, 25)  # the first of them


def test_prevention_that_fits_each_outcome_or_half_of_them_is_fine(tmp_path: Path) -> None:
    own = FOUR_OUTCOMES.replace("prevention: Use a long passphrase.\n", "")
    for outcome in "abc":
        own = own.replace(f"body: Do {outcome}.}}", f"body: Do {outcome}., prevention: Tip {outcome}.}}")
    assert "HT309" not in codes(check_text(tmp_path, own).problems)
    half = FOUR_OUTCOMES.replace("body: Do a.}", "body: Do a., prevention: Other.}").replace(
        "body: Do b.}", "body: Do b., prevention: Other too.}")
    assert "HT309" not in codes(check_text(tmp_path, half).problems)
