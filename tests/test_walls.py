"""The checks that keep a reader from a wall (generator/check/walls.py), each broken by a
small tree: a phone number as a small link (HT230), a link to its own page (HT231), a loop
through "This did not work" (HT232), a dead end (HT233), an address as a link's words
(HT234); and where "This did not work" leads (generator/journey.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from treekit import BASE, check_text, codes, only

from generator.contacts import call_button, expand, sms_uri, text_button
from generator.journey import chain, did_not_work, offers_support
from generator.model import Contact, Outcome
from generator.problems import Location
from generator.source.load import load_tree

DESK = 'start: first\ncontacts:\n  desk:\n    name: Desk\n    phone: "800-555-0100"\n' \
       '    url: https://help.example.org\n    sms: "62640"\n    sms_body: HELP\n' \
       'allowed_domains: [example.org]'


def with_desk(body: str) -> str:
    return BASE.replace("start: first", DESK).replace("body: You went right.", f"body: {body}")


def where(root: Path, line: int, column: int) -> Location:
    return Location(str(root / "decision_tree.yaml"), line, column)


# -- HT230: a phone number in a guide page is a call button ------------------------------

def test_a_phone_placeholder_in_the_steps_is_an_error_suggesting_the_call_button(tmp_path: Path) -> None:
    report = check_text(tmp_path, with_desk("Call {{ contacts.desk.phone }} now."))
    problem = only(report.problems, "HT230")
    assert problem.location == where(tmp_path, 25, 16)
    assert "{{ contacts.desk.call }}" in (problem.hint or "")
    assert not report.ok


@pytest.mark.parametrize("field", ["call", "text_button", "name", "hours"])
def test_the_call_and_text_buttons_and_plain_fields_pass(tmp_path: Path, field: str) -> None:
    tree = with_desk(f'"Call: {{{{ contacts.desk.{field} }}}}"')
    if field == "hours":
        tree = tree.replace("    sms_body: HELP", "    sms_body: HELP\n    hours: All day")
    assert check_text(tmp_path, tree).problems == []


def test_a_phone_placeholder_in_a_question_help_is_an_error_too(tmp_path: Path) -> None:
    tree = BASE.replace("start: first", DESK).replace(
        "    question: Which one?", "    question: Which one?\n    help: Or call {{ contacts.desk.phone }}.")
    assert codes(check_text(tmp_path, tree).problems) == ["HT230"]


def test_an_article_may_keep_a_phone_number_in_a_sentence(tmp_path: Path) -> None:
    tree = with_desk("You went right.\n    article: help.md")
    article = "---\ntitle: Help\n---\n\nCall {{ contacts.desk.phone }} if you are stuck.\n"
    assert check_text(tmp_path, tree, {"help.md": article}).problems == []


# -- HT231: no link to the page it stands on ---------------------------------------------

@pytest.mark.parametrize("target", ["/troubleshoot/right/", "troubleshoot/right/index.md",
                                    "/troubleshoot/right"])
def test_a_link_to_the_outcome_itself_is_an_error(tmp_path: Path, target: str) -> None:
    report = check_text(tmp_path, BASE.replace("body: You went right.", f"body: See [this]({target})."))
    problem = only(report.problems, "HT231")
    assert problem.location == where(tmp_path, 17, 22)
    assert problem.message == f"`right` links to itself (`{target}`)"


def test_a_link_to_another_page_or_an_anchor_passes(tmp_path: Path) -> None:
    body = "See [the other](/troubleshoot/left/) or [below](#ht-steps-title)."
    assert check_text(tmp_path, BASE.replace("body: You went right.", f"body: {body}")).problems == []


# -- HT232 and HT233: "This did not work" ends ------------------------------------------

LOOP = """\
version: 1
title: T
start: first
help_area:
  - {label: Get help, node: help}
nodes:
  first:
    question: Which one?
    answers:
      - {label: Left, next: left}
      - {label: Right, next: right}
  left:
    outcome: Gone left
    body: You went left.
    still_stuck: help
  help:
    outcome: Ask for help
    body: Ask someone.
    still_stuck: right
  right:
    outcome: Gone right
    body: You went right.
"""


def test_a_loop_through_the_help_area_is_one_error_at_the_outcome_without_still_stuck(
        tmp_path: Path) -> None:
    report = check_text(tmp_path, LOOP)
    problem = only(report.problems, "HT232")
    assert problem.location == where(tmp_path, 20, 3)
    assert problem.message.startswith('"This did not work" goes round in a loop: right -> help -> right')
    assert "still_stuck" in (problem.hint or "")


def test_a_call_step_makes_the_last_outcome_a_final_support_page_and_ends_the_loop(
        tmp_path: Path) -> None:
    tree = LOOP.replace("start: first", DESK).replace("body: You went right.",
                                                      'body: "Call: {{ contacts.desk.call }}"')
    report = check_text(tmp_path, tree)
    assert report.problems == []
    assert report.project is not None
    tree_model = report.project.guide.tree
    right = tree_model.nodes["right"]
    assert isinstance(right, Outcome)
    assert offers_support(tree_model, right)
    assert did_not_work(tree_model, right) is None
    left = tree_model.nodes["left"]
    assert isinstance(left, Outcome)
    assert list(chain(tree_model, left)) == ["left", "help", "right"]


def test_an_outcome_without_still_stuck_falls_back_to_the_first_help_area_node(tmp_path: Path) -> None:
    tree = LOOP.replace("    still_stuck: right\n", "")
    report = check_text(tmp_path, tree)
    assert report.problems == []
    assert report.project is not None
    tree_model = report.project.guide.tree
    right = tree_model.nodes["right"]
    assert isinstance(right, Outcome)
    assert did_not_work(tree_model, right) == "help"
    helper = tree_model.nodes["help"]  # the help-area node itself ends its chain
    assert isinstance(helper, Outcome)
    assert did_not_work(tree_model, helper) is None


def test_a_dead_end_in_a_guide_with_a_help_area_is_an_error(tmp_path: Path) -> None:
    tree = LOOP.replace("node: help}", "article: help.md}").replace("    still_stuck: right\n", "")
    report = check_text(tmp_path, tree, {"help.md": "---\ntitle: Help\n---\n\nHelp.\n"})
    assert codes(report.problems) == ["HT233", "HT233"]
    assert [p.location.line for p in report.problems] == [16, 19]  # help, right
    assert all("is a dead end" in p.message for p in report.problems)


def test_a_tree_of_the_minimal_schema_without_a_help_area_is_not_checked_for_dead_ends(
        tmp_path: Path) -> None:
    assert check_text(tmp_path, BASE).problems == []


# -- HT234: a link's words are never a bare address -------------------------------------

@pytest.mark.parametrize(("body", "column", "fragment"), [
    ("Go to {{ contacts.desk.url }}.", 18, "`{{ contacts.desk.url }}` shows the address"),
    ("Go to [help.example.org/x](https://help.example.org/x).", 18, "`help.example.org/x` are an address"),
    ("Go to [https://help.example.org](https://help.example.org).", 18, "are an address"),
    ("Go to <https://help.example.org>.", 18, "shows a bare address"),
])
def test_an_address_as_the_words_of_a_link_is_an_error(tmp_path: Path, body: str, column: int,
                                                      fragment: str) -> None:
    report = check_text(tmp_path, with_desk(f'"{body}"'))
    problem = only(report.problems, "HT234")
    assert problem.location.line == 25
    assert problem.location.column == column
    assert fragment in problem.message


def test_named_links_and_the_plain_address_pass(tmp_path: Path) -> None:
    body = '"Go to the {{ contacts.desk.link }} website, or type {{ contacts.desk.address }}."'
    assert check_text(tmp_path, with_desk(body)).problems == []


def test_an_address_as_link_words_in_an_article_is_an_error_there(tmp_path: Path) -> None:
    tree = with_desk("You went right.\n    article: help.md")
    article = "---\ntitle: Help\n---\n\nVisit {{ contacts.desk.url }} today.\n"
    problem = only(check_text(tmp_path, tree, {"help.md": article}).problems, "HT234")
    assert problem.location == Location(str(tmp_path / "content" / "help.md"), 5, 7)


# -- what the new placeholders write ------------------------------------------------------

def desk() -> Contact:
    return Contact(Location("c.yaml"), id="desk", name="Desk", phone="800-555-0100",
                   url="https://help.example.org", sms="62640", sms_body="HELP")


def test_the_loader_reads_the_text_fields_of_a_contact(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(f"version: 1\ntitle: T\n{DESK}\nnodes:\n  first: {{outcome: O, body: B}}\n",
                    encoding="utf-8")
    tree = load_tree(path).tree
    assert tree is not None
    assert (tree.contacts["desk"].sms, tree.contacts["desk"].sms_body) == ("62640", "HELP")


def test_link_names_the_contact_and_address_is_plain_text() -> None:
    contacts = {"desk": desk()}
    assert expand("{{ contacts.desk.link }}", contacts) == "[Desk](https://help.example.org)"
    assert expand("{{ contacts.desk.address }}", contacts) == "help.example.org"


def test_the_text_button_opens_a_message_with_its_words_filled_in() -> None:
    button = text_button(desk())
    assert 'href="sms:62640?body=HELP"' in button
    assert "ht-call ht-text" in button
    assert sms_uri("62 640", "A B") == "sms:62640?body=A%20B"


def test_a_call_button_does_not_repeat_a_number_its_name_holds() -> None:
    lifeline = Contact(Location("c.yaml"), id="l", name="988 Lifeline", phone="988")
    assert call_button(lifeline).endswith('href="tel:988">Call 988 Lifeline</a>')
