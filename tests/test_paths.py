"""Path facts by dynamic programming, and the lazy listing that agrees with them."""

from __future__ import annotations

import itertools

import pytest
from treekit import SMALL_TREE, make_tree

from generator.check.paths import CycleError, PathIndex, edges, find_cycle, iter_cycles
from generator.source.load import load_tree


@pytest.fixture(scope="module")
def small() -> PathIndex:
    tree = load_tree(SMALL_TREE).tree
    assert tree is not None
    return PathIndex(tree)


def ladder(layers: int) -> PathIndex:
    """`s` answers into both questions of layer 1, each layer into both of the next, the
    last into two outcomes: 2 ** (layers + 1) paths through 2 * layers + 3 nodes."""
    questions = {"s": ["a1", "b1"]}
    for i in range(1, layers + 1):
        nxt = [f"a{i + 1}", f"b{i + 1}"] if i < layers else ["yes", "no"]
        questions[f"a{i}"] = questions[f"b{i}"] = nxt
    return PathIndex(make_tree("s", questions, {"yes": None, "no": None}))


def test_small_fixture_has_five_paths_all_ending_at_contact_support(small: PathIndex) -> None:
    paths = list(small.iter_paths())
    assert small.count() == len(paths) == 5
    assert {path.end for path in paths} == {"contact-support"}


def test_paths_are_listed_in_answer_order_with_still_stuck_steps(small: PathIndex) -> None:
    answers = [path.answers for path in small.iter_paths()]
    assert answers == [
        ("I forgot my password", "Yes", "This did not work"),
        ("I forgot my password", "No"),
        ("It says my account is locked", "Yes", "This did not work", "This did not work"),
        ("It says my account is locked", "No"),
        ("Something else",),
    ]


def test_path_nodes_run_from_start_to_the_end(small: PathIndex) -> None:
    first = next(small.iter_paths())
    assert first.nodes == ("what-happens", "forgot", "reset-password", "contact-support")
    assert first.steps[-1].answer is None
    assert first.steps[-1].label == "This did not work"


def test_counts_from_start_and_to_the_end(small: PathIndex) -> None:
    assert small.to_end == {"what-happens": 5, "forgot": 2, "locked": 2, "reset-password": 1,
                            "wait-and-reset": 1, "contact-support": 1}
    assert small.from_start["reset-password"] == 2
    assert small.from_start["contact-support"] == 5


def test_paths_through_a_node_multiplies_ways_in_by_ways_out(small: PathIndex) -> None:
    assert small.paths_through("reset-password") == 2
    assert small.paths_through("forgot") == 2
    assert small.paths_through("contact-support") == 5
    assert small.paths_through("no-such-node") == 0


def test_shortest_route_prefers_the_answer_written_first(small: PathIndex) -> None:
    route = small.shortest_route("reset-password")
    assert [(s.node, s.label, s.to) for s in route] == [
        ("what-happens", "I forgot my password", "forgot"),
        ("forgot", "Yes", "reset-password")]
    assert small.shortest_route("what-happens") == ()
    assert len(small.shortest_route("contact-support")) == 1


def test_deepest_path_asks_the_most_questions(small: PathIndex) -> None:
    assert small.max_questions_from["what-happens"] == 2
    assert small.deepest_path() == ["what-happens", "forgot", "reset-password", "contact-support"]


def test_iter_paths_from_another_node(small: PathIndex) -> None:
    assert [p.answers for p in small.iter_paths("locked")] == [
        ("Yes", "This did not work", "This did not work"), ("No",)]
    assert list(small.iter_paths("nowhere")) == []


def test_start_that_is_an_outcome_is_one_empty_path() -> None:
    index = PathIndex(make_tree("done", {}, {"done": None}))
    assert index.count() == 1
    assert [(p.steps, p.end) for p in index.iter_paths()] == [((), "done")]


def test_unknown_start_has_no_paths() -> None:
    index = PathIndex(make_tree("missing", {}, {"done": None}))
    assert index.count() == 0
    assert list(index.iter_paths()) == []
    assert index.deepest_path() == []


def test_question_with_no_usable_answer_ends_no_path() -> None:
    # Only possible in a tree the checks reject, but count and listing must still agree.
    index = PathIndex(make_tree("q", {"q": ["done", "dead"], "dead": ["gone", "lost"]},
                                {"done": None}))
    assert index.count() == 1
    assert [p.end for p in index.iter_paths()] == ["done"]
    assert list(PathIndex(make_tree("q", {"q": ["x", "y"]}, {})).iter_paths()) == []


def test_edges_leave_out_unknown_targets_and_keep_source_order() -> None:
    tree = make_tree("q", {"q": ["b", "missing", "a"]}, {"a": None, "b": "missing"})
    assert [target for target, _ in edges(tree, "q")] == ["b", "a"]
    assert edges(tree, "b") == []


def test_cycle_is_refused_with_the_cycle_listed() -> None:
    tree = make_tree("q1", {"q1": ["q2", "done"], "q2": ["q1", "done"]}, {"done": None})
    assert find_cycle(tree) == ["q1", "q2", "q1"]
    with pytest.raises(CycleError) as caught:
        PathIndex(tree)
    assert caught.value.cycle == ["q1", "q2", "q1"]
    assert str(caught.value) == "q1 -> q2 -> q1"


def test_iter_cycles_finds_one_cycle_per_closing_link() -> None:
    tree = make_tree("q1", {"q1": ["q2", "q3"], "q2": ["q1", "done"], "q3": ["q3", "done"]},
                     {"done": "again", "again": "done"})
    assert list(iter_cycles(tree)) == [["q1", "q2", "q1"], ["done", "again", "done"],
                                       ["q3", "q3"]]


def test_acyclic_tree_has_no_cycle(small: PathIndex) -> None:
    assert find_cycle(small.tree) is None


def test_shared_nodes_give_exponentially_many_paths_counted_exactly() -> None:
    index = ladder(60)
    assert len(index.tree.nodes) == 123
    assert index.count() == 2 ** 61
    assert index.paths_through("a30") == 2 ** 60
    assert index.max_questions_from["s"] == 61


def test_listing_a_huge_tree_is_lazy() -> None:
    index = ladder(60)
    first = list(itertools.islice(index.iter_paths(), 3))
    assert [p.answers[-2:] for p in first] == [("1", "1"), ("1", "2"), ("2", "1")]
    assert all(len(p.steps) == 61 for p in first)


def test_small_ladder_listing_matches_the_count() -> None:
    index = ladder(4)
    paths = list(index.iter_paths())
    assert len(paths) == index.count() == 32
    assert len({p.answers for p in paths}) == 32
