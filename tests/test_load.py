"""From located YAML to the model: every wrong type and unknown key, located and explained."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from treekit import BASE, SMALL_TREE, codes, dedent, only

from generator.model import Outcome, Question
from generator.problems import Location
from generator.source import load
from generator.source.files import SourceText
from generator.source.load import LoadResult, is_valid_id, load_tree, load_tree_from, slugify, suggest
from generator.source.yaml_source import parse_yaml


def read(text: str) -> LoadResult:
    source = SourceText("t.yaml", dedent(text))
    return load_tree_from(parse_yaml(source), source)


def with_nodes(extra: str) -> str:
    """BASE with more YAML appended under `nodes:` (indented by the caller)."""
    return BASE + dedent(extra)


# -- the valid fixture -------------------------------------------------------------------

def test_small_fixture_loads_without_problems() -> None:
    result = load_tree(SMALL_TREE)
    assert result.problems == []
    assert result.tree is not None
    assert result.broken == frozenset()


def test_small_fixture_model_holds_what_the_yaml_says() -> None:
    tree = load_tree(SMALL_TREE).tree
    assert tree is not None
    assert tree.title == "Can't sign in?"
    assert tree.start == "what-happens"
    assert tree.needs == ("The email address you use to sign in",)
    assert tree.allowed_domains == ("example.org",)
    first = tree.nodes["what-happens"]
    assert isinstance(first, Question)
    assert [a.next for a in first.answers] == ["forgot", "locked", "contact-support"]
    assert first.answers[0].hint == "You know your email but not your password."
    reset = tree.nodes["reset-password"]
    assert isinstance(reset, Outcome)
    assert reset.reviewed == dt.date(2026, 11, 20)
    assert reset.aliases == ("old-reset",)
    assert reset.still_stuck == "contact-support"
    assert tree.aliases() == {"old-reset": "reset-password"}
    assert tree.contacts["helpdesk"].phone == "800-555-0100"
    assert [link.node or link.article for link in tree.help_area] == [
        "contact-support", "guides/support.md"]


def test_fields_remember_where_each_value_was_written() -> None:
    tree = load_tree(SMALL_TREE).tree
    assert tree is not None
    first = tree.nodes["what-happens"]
    assert isinstance(first, Question)
    assert first.location == Location(str(SMALL_TREE), 21, 3)
    assert first.answers[1].where("next") == Location(str(SMALL_TREE), 29, 15)
    assert first.answers[1].where("hint") == first.answers[1].location  # absent: the answer


def test_labels_like_yes_and_no_stay_the_text_written() -> None:
    tree = read(BASE.replace("label: Left", "label: Yes").replace("label: Right", "label: off")).tree
    assert tree is not None
    first = tree.nodes["first"]
    assert isinstance(first, Question)
    assert [a.label for a in first.answers] == ["Yes", "off"]


def test_a_number_as_text_keeps_its_digits() -> None:
    tree = read(BASE.replace("label: Left", "label: 007")).tree
    assert tree is not None
    first = tree.nodes["first"]
    assert isinstance(first, Question)
    assert first.answers[0].label == "007"


def test_load_tree_never_raises_for_a_missing_file(tmp_path: Path) -> None:
    result = load_tree(tmp_path / "missing.yaml")
    assert result.tree is None
    assert codes(result.problems) == ["HT001"]


# -- shapes and types --------------------------------------------------------------------

def test_tree_that_is_a_list_is_ht101() -> None:
    result = read("- a\n- b\n")
    assert result.tree is None
    assert only(result.problems, "HT101").message.startswith("the tree must be a mapping")


def test_unknown_key_suggests_the_close_one() -> None:
    result = read(BASE.replace("        next: left", "        nxt: left"))
    problem = only(result.problems, "HT102")
    assert problem.message == "unknown key `nxt` in answer 1 of node `first`"
    assert problem.hint == "did you mean `next`?"
    assert problem.location == Location("t.yaml", 9, 9)


def test_misspelled_key_is_one_problem_not_a_cascade() -> None:
    result = read(BASE.replace("      - label: Left", "      - lable: Left"))
    assert codes(result.problems) == ["HT102"]
    tree = result.tree
    assert tree is not None
    first = tree.nodes["first"]
    assert isinstance(first, Question)
    assert first.answers[0].label == "Left"


def test_misspelled_key_next_to_the_real_one_is_not_merged() -> None:
    result = read(BASE.replace("        next: left", "        next: left\n        nxt: right"))
    assert codes(result.problems) == ["HT102"]
    tree = result.tree
    assert tree is not None
    first = tree.nodes["first"]
    assert isinstance(first, Question)
    assert first.answers[0].next == "left"


def test_unknown_key_with_no_close_match_lists_the_allowed_keys() -> None:
    problem = only(read(BASE + "colour: blue\n").problems, "HT102")
    assert problem.hint is not None
    assert problem.hint.startswith("allowed keys: version, title")


@pytest.mark.parametrize(("key", "line"), [("version", 1), ("title", 2), ("start", 3)])
def test_missing_top_level_key_is_ht103_at_the_top(key: str, line: int) -> None:
    lines = BASE.splitlines(keepends=True)
    del lines[line - 1]
    problem = only(read("".join(lines)).problems, "HT103")
    assert f"missing `{key}`" in problem.message
    assert problem.location == Location("t.yaml", 1, 1)


def test_missing_nodes_is_ht103() -> None:
    result = read("version: 1\ntitle: T\nstart: a\n")
    assert only(result.problems, "HT103").message == "the tree is missing `nodes`"


def test_empty_nodes_is_ht103_at_the_mapping() -> None:
    problem = only(read("version: 1\ntitle: T\nstart: a\nnodes: {}\n").problems, "HT103")
    assert problem.message == "`nodes` is empty"
    assert problem.location == Location("t.yaml", 4, 8)


def test_text_field_given_a_list_is_ht104_at_the_value() -> None:
    problem = only(read(BASE.replace("title: Test tree", "title: [a, b]")).problems, "HT104")
    assert problem.message == "`title` of the tree must be text, not a list"
    assert problem.location == Location("t.yaml", 2, 8)


def test_empty_label_is_ht104() -> None:
    problem = only(read(BASE.replace("label: Left", 'label: ""')).problems, "HT104")
    assert problem.message == "`label` of answer 1 of node `first` is empty"


def test_bad_next_id_suggests_a_slug() -> None:
    problem = only(read(BASE.replace("next: left", "next: Go_Left")).problems, "HT105")
    assert "`Go_Left` is not a valid id" in problem.message
    assert problem.hint == "use lowercase letters, digits and hyphens, like `go-left`"
    assert problem.location == Location("t.yaml", 9, 15)


def test_bad_node_id_is_located_at_the_key() -> None:
    problem = only(read(BASE + "  Bad Id:\n    outcome: X\n    body: y\n").problems, "HT105")
    assert problem.message == "node id `Bad Id` is not a valid id"
    assert problem.location == Location("t.yaml", 18, 3)


@pytest.mark.parametrize(("value", "ok"), [
    ("reset-password", True), ("a1", True), ("2fa", True), ("Reset", False),
    ("-a", False), ("a-", False), ("a--b", False), ("a_b", False), ("", False), ("é", False),
])
def test_ids_are_lowercase_slugs(value: str, ok: bool) -> None:
    assert is_valid_id(value) is ok


def test_slugify_makes_a_valid_id_from_anything() -> None:
    assert slugify("Reset Your_Password!") == "reset-your-password"
    assert slugify("???") == "node"
    assert is_valid_id(slugify("  Ça va? "))


def test_suggest_finds_the_close_word_or_nothing() -> None:
    assert suggest("reset-pasword", ["reset-password", "locked"]) == "reset-password"
    assert suggest("zzz", ["reset-password"]) is None


@pytest.mark.parametrize(("value", "message"), [
    ("2026-13-45", "not 2026-13-45"),
    ("next week", "not next week"),
    ("[2026]", "not a list"),
])
def test_reviewed_must_be_a_real_date(value: str, message: str) -> None:
    problem = only(read(BASE + f"    reviewed: {value}\n").problems, "HT106")
    assert problem.message.endswith(message)
    assert problem.location == Location("t.yaml", 18, 15)


def test_reviewed_timestamp_becomes_its_date() -> None:
    tree = read(BASE + "    reviewed: 2026-11-20 10:30:00\n").tree
    assert tree is not None
    node = tree.nodes["right"]
    assert isinstance(node, Outcome)
    assert node.reviewed == dt.date(2026, 11, 20)


@pytest.mark.parametrize(("value", "message"), [
    ("2", "unsupported `version` 2"),
    ('"1"', "`version` must be a whole number, not text"),
    ("1.0", "`version` must be a whole number, not `1.0`"),
    ("true", "`version` must be a whole number, not true/false"),
])
def test_version_other_than_the_number_1_is_ht107(value: str, message: str) -> None:
    problem = only(read(BASE.replace("version: 1", f"version: {value}")).problems, "HT107")
    assert problem.message == message
    assert problem.location == Location("t.yaml", 1, 10)


def test_more_nodes_than_the_limit_is_ht108(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_NODES", 2)
    assert "HT108" in codes(read(BASE).problems)


def test_node_neither_kind_suggests_the_misspelled_key() -> None:
    result = read(BASE.replace("    outcome: Gone left", "    outcom: Gone left"))
    problem = only(result.problems, "HT109")
    assert problem.message == "node `left` is neither a question nor an outcome"
    assert problem.hint == "did you mean `outcome` instead of `outcom`?"
    assert problem.location == Location("t.yaml", 12, 3)
    assert "left" in result.broken


def test_node_both_kinds_points_at_outcome() -> None:
    result = read(BASE.replace("    outcome: Gone left", "    outcome: Gone left\n    question: Hm?"))
    problem = only(result.problems, "HT110")
    assert problem.location == Location("t.yaml", 13, 5)


def test_outcome_without_body_or_article_is_ht111() -> None:
    problem = only(read(BASE.replace("    body: You went left.\n", "")).problems, "HT111")
    assert problem.message == "node `left` has neither `body` nor `article`"


def test_outcome_key_on_a_question_is_ht112_not_unknown() -> None:
    result = read(BASE.replace("    question: Which one?", "    question: Which one?\n    body: x"))
    assert codes(result.problems) == ["HT112"]
    assert only(result.problems, "HT112").message == (
        "`body` belongs to an outcome, but node `first` is a question")


def test_answers_as_a_mapping_is_ht101_and_marks_the_node_broken() -> None:
    text = dedent("""
        version: 1
        title: T
        start: q
        nodes:
          q:
            question: Q?
            answers:
              label: A
              next: done
          done:
            outcome: Done
            body: ok
    """)
    result = read(text)
    problem = only(result.problems, "HT101")
    assert problem.message == "`answers` of node `q` must be a list, not a mapping"
    assert result.broken == {"q"}


def test_question_without_answers_is_ht103_and_broken() -> None:
    result = read(BASE.replace("    answers:\n      - label: Left\n        next: left\n"
                               "      - label: Right\n        next: right\n", ""))
    assert only(result.problems, "HT103").message == "node `first` is missing `answers`"
    assert "first" in result.broken


def test_question_whose_links_all_read_is_not_broken_by_a_bad_hint() -> None:
    result = read(BASE.replace("        next: left", "        next: left\n        hint: [x]"))
    assert codes(result.problems) == ["HT104"]
    assert result.broken == frozenset()


def test_unreadable_still_stuck_marks_the_outcome_broken() -> None:
    result = read(BASE + "    still_stuck: Not An Id\n")
    assert codes(result.problems) == ["HT105"]
    assert result.broken == {"right"}


def test_node_that_is_not_a_mapping_is_kept_as_a_broken_placeholder() -> None:
    result = read(BASE.replace("  left:\n    outcome: Gone left\n    body: You went left.\n",
                               "  left: just text\n"))
    assert only(result.problems, "HT101").location == Location("t.yaml", 12, 9)
    assert result.tree is not None
    assert "left" in result.tree.nodes
    assert result.broken == {"left"}


def test_aliases_accept_one_id_or_a_list() -> None:
    tree = read(BASE + "    aliases: old-right\n").tree
    assert tree is not None
    assert tree.aliases() == {"old-right": "right"}
    tree = read(BASE + "    aliases: [a, b]\n").tree
    assert tree is not None
    assert tree.aliases() == {"a": "right", "b": "right"}


def test_help_link_needs_exactly_one_target() -> None:
    text = BASE.replace("start: first", dedent("""
        start: first
        help_area:
          - label: Both
            node: left
            article: a.md
          - label: Neither
    """).rstrip("\n"))
    problems = [p for p in read(text).problems if p.code == "HT113"]
    assert [p.location.line for p in problems] == [5, 8]


def test_contact_without_name_is_ht103_and_bad_contact_id_ht105() -> None:
    text = BASE.replace("start: first", dedent("""
        start: first
        contacts:
          help-desk:
            phone: "1"
          Bad Id:
            name: X
    """).rstrip("\n"))
    result = read(text)
    assert only(result.problems, "HT103").message == "contact `help-desk` is missing `name`"
    assert only(result.problems, "HT105").location == Location("t.yaml", 7, 3)


def test_allowed_domains_entry_with_a_scheme_is_ht114_with_the_bare_domain() -> None:
    text = BASE.replace("start: first", "start: first\nallowed_domains: [jpay.com, https://www.jpay.com/help]")
    result = read(text)
    problem = only(result.problems, "HT114")
    assert problem.hint == "write just the domain, like `www.jpay.com`"
    assert result.tree is not None
    assert result.tree.allowed_domains == ("jpay.com",)


def test_every_problem_in_the_file_is_reported_not_just_the_first() -> None:
    text = BASE.replace("title: Test tree", "title: [x]").replace("next: left", "next: Left")
    text += "    reviewed: soon\n"
    assert sorted(codes(read(text).problems)) == ["HT104", "HT105", "HT106"]


def test_one_line_texts_written_as_blocks_become_one_line() -> None:
    tree = read(BASE.replace("label: Left", "label: |\n          Turn\n          left  now")
                .replace("outcome: Gone left", "outcome: >\n      Gone left\n")).tree
    assert tree is not None
    first = tree.nodes["first"]
    assert isinstance(first, Question)
    assert first.answers[0].label == "Turn left now"
    assert tree.nodes["left"].title == "Gone left"


def test_body_keeps_its_line_breaks() -> None:
    tree = read(BASE.replace("body: You went left.", "body: |\n      1. One\n      2. Two")).tree
    assert tree is not None
    left = tree.nodes["left"]
    assert isinstance(left, Outcome)
    assert left.body == "1. One\n2. Two\n"


@pytest.mark.parametrize(("written", "message", "hint"), [
    ('""', "`body` of node `right` is empty", "write the text between the quotes, or delete the line"),
    ("' '", "`body` of node `right` is empty", "write the text between the quotes, or delete the line"),
    ("", "`body` of node `right` must be text, not nothing",
     "write the text after the colon; quote it if it starts with a symbol"),
])
def test_an_empty_text_is_told_apart_from_a_missing_one(written: str, message: str, hint: str) -> None:
    """`body: ""` is quoted already: no hint about quoting a symbol."""
    result = read(BASE.replace("    body: You went right.", f"    body: {written}".rstrip()))
    problem = only(result.problems, "HT104")
    assert (problem.message, problem.hint) == (message, hint)
