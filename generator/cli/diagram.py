"""The tree as diagram text: Mermaid flowchart or Graphviz DOT."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import Outcome, Question, Tree


def _mermaid_text(text: str) -> str:
    text = " ".join(text.split())  # a line break inside a label ends the statement
    return text.replace("&", "&amp;").replace('"', "#quot;").replace("<", "&lt;").replace(">", "&gt;")


def _mermaid_id(node_id: str) -> str:
    """Node ids such as `end`, `graph` or `o-x` are Mermaid syntax; a prefix keeps them names."""
    return "n_" + node_id.replace("-", "_")


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def mermaid(tree: Tree) -> Iterator[str]:
    yield "flowchart TD"
    for node in tree.nodes.values():
        name, label = _mermaid_id(node.id), _mermaid_text(node.title)
        yield f'    {name}{{"{label}"}}' if isinstance(node, Question) else f'    {name}(["{label}"])'
    for node in tree.nodes.values():
        name = _mermaid_id(node.id)
        if isinstance(node, Question):
            for answer in node.answers:
                yield (f'    {name} -->|"{_mermaid_text(answer.label)}"| '
                       f'{_mermaid_id(answer.next)}')
        elif isinstance(node, Outcome) and node.still_stuck:
            yield f'    {name} -.->|"This did not work"| {_mermaid_id(node.still_stuck)}'


def dot(tree: Tree) -> Iterator[str]:
    yield f'digraph "{_dot_text(tree.title)}" {{'
    yield "    rankdir=TB;"
    for node in tree.nodes.values():
        shape = "diamond" if isinstance(node, Question) else "box"
        yield f'    "{node.id}" [shape={shape}, label="{_dot_text(node.title)}"];'
    for node in tree.nodes.values():
        if isinstance(node, Question):
            for answer in node.answers:
                yield f'    "{node.id}" -> "{answer.next}" [label="{_dot_text(answer.label)}"];'
        elif isinstance(node, Outcome) and node.still_stuck:
            yield f'    "{node.id}" -> "{node.still_stuck}" [style=dashed, label="This did not work"];'
    yield "}"
