"""The tree as Mermaid and DOT text: every node and link, with labels that cannot break out."""

from __future__ import annotations

from treekit import SMALL_TREE, make_tree

from generator.cli.diagram import dot, mermaid
from generator.model import Outcome, Question, Tree
from generator.source.load import load_tree


def small() -> Tree:
    tree = load_tree(SMALL_TREE).tree
    assert tree is not None
    return tree


def test_mermaid_has_one_line_per_node_and_per_link() -> None:
    tree = small()
    lines = list(mermaid(tree))
    links = sum(len(n.answers) for n in tree.nodes.values() if isinstance(n, Question))
    still_stuck = sum(1 for n in tree.outcomes() if n.still_stuck)
    assert lines[0] == "flowchart TD"
    assert len(lines) == 1 + len(tree.nodes) + links + still_stuck


def test_mermaid_shapes_questions_as_diamonds_and_outcomes_as_stadiums() -> None:
    lines = list(mermaid(small()))
    assert '    n_what_happens{"What happens when you try to sign in?"}' in lines
    assert '    n_reset_password(["Reset your password"])' in lines
    assert '    n_forgot -->|"Yes"| n_reset_password' in lines
    assert '    n_reset_password -.->|"This did not work"| n_contact_support' in lines


def test_mermaid_ids_cannot_be_mermaid_keywords() -> None:
    tree = make_tree("graph", {"graph": ["end", "subgraph"]}, {"end": None, "subgraph": None})
    lines = list(mermaid(tree))
    assert '    n_graph -->|"1"| n_end' in lines
    assert not any(line.split()[0] in ("end", "graph", "subgraph") for line in lines[1:])


def test_mermaid_labels_escape_quotes_and_markup_and_stay_on_one_line() -> None:
    tree = make_tree("q", {"q": ["a", "b"]}, {"a": None, "b": None})
    title = 'Say "hi" <b>now</b> & then\nnext line'
    tree = Tree(tree.location, title="t", start="q",
                nodes={**tree.nodes, "a": Outcome(tree.location, id="a", title=title)})
    line = next(line for line in mermaid(tree) if line.startswith("    n_a("))
    assert line == '    n_a(["Say #quot;hi#quot; &lt;b&gt;now&lt;/b&gt; &amp; then next line"])'


def test_dot_quotes_ids_and_escapes_labels() -> None:
    tree = make_tree("q", {"q": ["a", "b"]}, {"a": "b", "b": None})
    tree = Tree(tree.location, title='My "tree"\\', start="q", nodes=tree.nodes)
    lines = list(dot(tree))
    assert lines[0] == 'digraph "My \\"tree\\"\\\\" {'
    assert '    "q" [shape=diamond, label="q?"];' in lines
    assert '    "q" -> "a" [label="1"];' in lines
    assert '    "a" -> "b" [style=dashed, label="This did not work"];' in lines
    assert lines[-1] == "}"
