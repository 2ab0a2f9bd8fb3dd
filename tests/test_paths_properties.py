"""Property tests: on random valid trees, the counted path facts equal brute-force listing."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from treekit import check_project, make_tree, write_project

from generator.check.paths import PathIndex
from generator.model import Outcome, Question, Tree
from generator.source.spec import Options

Route = tuple[str, ...]


@st.composite
def valid_trees(draw: st.DrawFn, max_nodes: int = 12) -> Tree:
    """A random DAG in topological order n0, n1, ...: questions with 2-4 answers into later
    nodes, outcomes with an optional `still_stuck` to a later outcome; the last node is a
    final outcome. Nodes that `n0` cannot reach are dropped, so every node is reachable."""
    size = draw(st.integers(min_value=1, max_value=max_nodes))
    names = [f"n{i}" for i in range(size)]
    # n0 asks a question whenever it can, or most trees would be a lone outcome.
    is_question = [size - 1 - i >= 2 and (i == 0 or draw(st.booleans())) for i in range(size)]
    questions: dict[str, list[str]] = {}
    outcomes: dict[str, str | None] = {}
    for i, name in enumerate(names):
        if is_question[i]:
            targets = draw(st.lists(st.integers(i + 1, size - 1), min_size=2,
                                    max_size=min(4, size - 1 - i), unique=True))
            questions[name] = [names[t] for t in targets]
        else:
            later = [names[j] for j in range(i + 1, size) if not is_question[j]]
            outcomes[name] = draw(st.none() | st.sampled_from(later)) if later else None
    reachable = {names[0]}
    for name in names:  # topological order: parents are decided before children
        if name in reachable:
            reachable.update(questions.get(name, ()))
            if outcomes.get(name):
                reachable.add(outcomes[name] or "")
    return make_tree(names[0], {k: v for k, v in questions.items() if k in reachable},
                     {k: v for k, v in outcomes.items() if k in reachable})


def brute_force(tree: Tree, node_id: str) -> list[Route]:
    """Every path from ``node_id`` as its node ids, by plain recursion in answer order."""
    node = tree.nodes[node_id]
    if isinstance(node, Question):
        return [(node_id, *rest) for answer in node.answers for rest in brute_force(tree, answer.next)]
    if node.still_stuck is not None:
        return [(node_id, *rest) for rest in brute_force(tree, node.still_stuck)]
    return [(node_id,)]


@given(valid_trees())
def test_count_equals_brute_force_and_the_lazy_listing(tree: Tree) -> None:
    index = PathIndex(tree)
    everything = brute_force(tree, tree.start)
    assert index.count() == len(everything) == sum(1 for _ in index.iter_paths())


@given(valid_trees())
def test_listing_is_in_answer_order_and_stable(tree: Tree) -> None:
    index = PathIndex(tree)
    listed = [path.nodes for path in index.iter_paths()]
    assert listed == brute_force(tree, tree.start)
    assert listed == [path.nodes for path in PathIndex(tree).iter_paths()]


@given(valid_trees())
def test_every_listed_path_follows_links_and_ends_at_a_final_outcome(tree: Tree) -> None:
    for path in PathIndex(tree).iter_paths():
        end = tree.nodes[path.end]
        assert isinstance(end, Outcome)
        assert end.still_stuck is None
        assert path.nodes[0] == tree.start
        for step in path.steps:
            node = tree.nodes[step.node]
            if step.answer is None:
                assert isinstance(node, Outcome)
                assert node.still_stuck == step.to
            else:
                assert isinstance(node, Question)
                assert step.answer in node.answers
                assert step.answer.next == step.to


@given(valid_trees())
def test_paths_through_a_node_counts_the_listed_paths_that_visit_it(tree: Tree) -> None:
    index = PathIndex(tree)
    everything = brute_force(tree, tree.start)
    for node_id in tree.nodes:
        assert index.paths_through(node_id) == sum(node_id in route for route in everything)
    finals = [n.id for n in tree.outcomes() if n.still_stuck is None]
    assert sum(index.paths_through(n) for n in finals) == index.count()


@given(valid_trees())
def test_shortest_route_is_no_longer_than_any_listed_route_to_the_node(tree: Tree) -> None:
    index = PathIndex(tree)
    everything = brute_force(tree, tree.start)
    for node_id in tree.nodes:
        route = index.shortest_route(node_id)
        listed = min(route_.index(node_id) for route_ in everything if node_id in route_)
        assert len(route) == listed
        here = tree.start
        for step in route:
            assert step.node == here
            here = step.to
        assert here == node_id


@given(valid_trees())
def test_deepest_path_asks_as_many_questions_as_the_worst_listed_path(tree: Tree) -> None:
    index = PathIndex(tree)
    worst = max(sum(isinstance(tree.nodes[n], Question) for n in route)
                for route in brute_force(tree, tree.start))
    deepest = index.deepest_path()
    assert sum(isinstance(tree.nodes[n], Question) for n in deepest) == worst
    assert index.max_questions_from[tree.start] == worst
    assert tuple(deepest) in brute_force(tree, tree.start)


def as_yaml(tree: Tree) -> str:
    lines = ["version: 1", "title: Random", f"start: {tree.start}", "nodes:"]
    for node in tree.nodes.values():
        lines.append(f"  {node.id}:")
        if isinstance(node, Question):
            lines += [f"    question: {node.question}", "    answers:"]
            for answer in node.answers:
                lines += [f'      - label: "{answer.label}"', f"        next: {answer.next}"]
        else:
            lines += [f"    outcome: {node.title}", f"    body: {node.body}"]
            if node.still_stuck:
                lines.append(f"    still_stuck: {node.still_stuck}")
    return "\n".join(lines) + "\n"


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(valid_trees())
def test_any_valid_tree_written_as_yaml_checks_clean_with_the_same_count(tree: Tree) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_project(Path(folder), as_yaml(tree))
        report = check_project(path, options=Options(max_questions=100))
        assert report.problems == []
        assert report.project is not None
        assert report.project.guide.index.count() == PathIndex(tree).count()
