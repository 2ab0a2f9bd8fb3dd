"""Reasoning about every path through the tree without listing them one by one.

A path runs from ``start`` through chosen answers (and "This did not work" links) to an
outcome that has no ``still_stuck``. All counts are dynamic programming over the DAG in
topological order, so they cost O(nodes + answers) however many paths there are.
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from generator.model import Answer, Outcome, Question, Tree


@dataclass(frozen=True)
class Step:
    """One move on a path: leaving ``node`` by ``answer`` (None: "This did not work")
    for the node ``to``."""

    node: str
    answer: Answer | None
    to: str

    @property
    def label(self) -> str:
        return self.answer.label if self.answer is not None else "This did not work"


@dataclass(frozen=True)
class Path:
    steps: tuple[Step, ...]
    end: str  # the id of the final outcome

    @property
    def answers(self) -> tuple[str, ...]:
        return tuple(step.label for step in self.steps)

    @property
    def nodes(self) -> tuple[str, ...]:
        return (*(step.node for step in self.steps), self.end)


class CycleError(ValueError):
    """The graph has a cycle; ``cycle`` lists it, first node repeated at the end."""

    def __init__(self, cycle: list[str]) -> None:
        super().__init__(" -> ".join(cycle))
        self.cycle = cycle


def edges(tree: Tree, node_id: str) -> list[tuple[str, Answer | None]]:
    """The links out of a node in source order; unknown targets are left out."""
    node = tree.nodes.get(node_id)
    if isinstance(node, Question):
        return [(a.next, a) for a in node.answers if a.next in tree.nodes]
    if isinstance(node, Outcome) and node.still_stuck is not None:
        return [(node.still_stuck, None)] if node.still_stuck in tree.nodes else []
    return []


def find_cycle(tree: Tree) -> list[str] | None:
    """One cycle, or None when the graph is acyclic."""
    return next(iter_cycles(tree), None)


def iter_cycles(tree: Tree) -> Iterator[list[str]]:
    """One cycle per link that closes a loop in an iterative depth-first search, each as
    its nodes with the first repeated at the end. Redirecting the last link of every
    cycle listed leaves the graph acyclic."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    for root in tree.nodes:
        if root in state:
            continue
        stack: list[tuple[str, Iterator[tuple[str, Answer | None]]]] = [
            (root, iter(edges(tree, root)))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            for child, _ in children:
                if state.get(child) == 1:
                    on_stack = [n for n, _ in stack]
                    yield [*on_stack[on_stack.index(child):], child]
                    continue
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(edges(tree, child))))
                    break
            else:
                state[node] = 2
                stack.pop()
    return None


class PathIndex:
    """Path facts for an acyclic tree, each computed once and on demand."""

    def __init__(self, tree: Tree) -> None:
        cycle = find_cycle(tree)
        if cycle is not None:
            raise CycleError(cycle)
        self.tree = tree

    @cached_property
    def reachable_order(self) -> list[str]:
        """Nodes reachable from start, in topological order (parents first)."""
        if self.tree.start not in self.tree.nodes:
            return []
        seen = {self.tree.start}
        post: list[str] = []
        stack = [(self.tree.start, iter(edges(self.tree, self.tree.start)))]
        while stack:
            node, children = stack[-1]
            for child, _ in children:
                if child not in seen:
                    seen.add(child)
                    stack.append((child, iter(edges(self.tree, child))))
                    break
            else:
                post.append(node)
                stack.pop()
        return post[::-1]

    @cached_property
    def to_end(self) -> dict[str, int]:
        """How many paths lead from each node to a final outcome."""
        counts: dict[str, int] = {}
        for node in reversed(self.reachable_order):
            out = edges(self.tree, node)
            final = isinstance(self.tree.nodes[node], Outcome) and not out
            counts[node] = 1 if final else sum(counts[child] for child, _ in out)
        return counts

    @cached_property
    def from_start(self) -> dict[str, int]:
        """How many ways there are to arrive at each node from start."""
        counts = dict.fromkeys(self.reachable_order, 0)
        if counts:
            counts[self.tree.start] = 1
        for node in self.reachable_order:
            for child, _ in edges(self.tree, node):
                counts[child] += counts[node]
        return counts

    @cached_property
    def parents(self) -> dict[str, list[str]]:
        """For each reachable node, the nodes that link to it (each once per link)."""
        parents: dict[str, list[str]] = {}
        for node in self.reachable_order:
            for child, _ in edges(self.tree, node):
                parents.setdefault(child, []).append(node)
        return parents

    def count(self) -> int:
        """The exact number of paths (Python integers: no overflow at 2**60 and beyond)."""
        return self.to_end.get(self.tree.start, 0)

    def paths_through(self, node_id: str) -> int:
        """How many complete paths pass through (or end at) a node."""
        return self.from_start.get(node_id, 0) * self.to_end.get(node_id, 0)

    @cached_property
    def shortest_step(self) -> dict[str, Step]:
        """For each reachable node, the step that reaches it on a shortest route from start.

        Breadth-first in answer order, so ties go to the answer written first: stable.
        """
        parent: dict[str, Step] = {}
        seen = {self.tree.start}
        queue = deque([self.tree.start] if self.tree.start in self.tree.nodes else [])
        while queue:
            node = queue.popleft()
            for child, answer in edges(self.tree, node):
                if child not in seen:
                    seen.add(child)
                    parent[child] = Step(node, answer, child)
                    queue.append(child)
        return parent

    def shortest_route(self, node_id: str) -> tuple[Step, ...]:
        """The steps of a shortest route from start to ``node_id`` (empty for start)."""
        steps: list[Step] = []
        while node_id in self.shortest_step:
            step = self.shortest_step[node_id]
            steps.append(step)
            node_id = step.node
        return tuple(reversed(steps))

    @cached_property
    def max_questions_from(self) -> dict[str, int]:
        """The most questions any path asks from each node (the node included) to its end."""
        deepest: dict[str, int] = {}
        for node in reversed(self.reachable_order):
            own = 1 if isinstance(self.tree.nodes[node], Question) else 0
            deepest[node] = own + max((deepest[c] for c, _ in edges(self.tree, node)), default=0)
        return deepest

    def deepest_path(self) -> list[str]:
        """A path asking the most questions, as node ids (first in answer order on ties)."""
        if not self.reachable_order:
            return []
        route = [self.tree.start]
        while out := edges(self.tree, route[-1]):
            route.append(max((c for c, _ in out), key=lambda c: self.max_questions_from[c]))
        return route

    def iter_paths(self, start: str | None = None) -> Iterator[Path]:
        """Every path, lazily, in answer order; memory grows with depth, not with count."""
        first = start or self.tree.start
        if first not in self.tree.nodes:
            return
        steps: list[Step] = []
        stack = [iter(edges(self.tree, first))]
        current = [first]
        if not edges(self.tree, first):
            if self._is_end(first):
                yield Path((), first)
            return
        while stack:
            for child, answer in stack[-1]:
                steps.append(Step(current[-1], answer, child))
                out = edges(self.tree, child)
                if not out:
                    if self._is_end(child):  # a question with no usable answer ends nothing
                        yield Path(tuple(steps), child)
                    steps.pop()
                    continue
                current.append(child)
                stack.append(iter(out))
                break
            else:
                stack.pop()
                current.pop()
                if steps:
                    steps.pop()

    def shortest_routes(self, target: str, limit: int) -> list[tuple[Step, ...]]:
        return shortest_routes(self, target, limit)

    def _is_end(self, node_id: str) -> bool:
        """Paths end here: an outcome with nowhere further to go (as ``to_end`` counts)."""
        return isinstance(self.tree.nodes[node_id], Outcome)

def _distance_to(index: PathIndex, target: str) -> dict[str, int]:
    """For every node that can reach ``target``: the fewest steps it takes.

    Walks up from ``target`` only, so the work is its ancestors, not the whole tree."""
    parents = index.parents
    distance = {target: 0}
    queue = deque([target])
    while queue:
        node = queue.popleft()
        for parent in parents.get(node, ()):
            if parent not in distance:
                distance[parent] = distance[node] + 1
                queue.append(parent)
    return distance


def shortest_routes(index: PathIndex, target: str, limit: int) -> list[tuple[Step, ...]]:
    """Up to ``limit`` routes from start to ``target``, shortest first, in answer order.

    Best-first search guided by the exact distance still to go; ties go to the longer
    prefix, so each route is finished before another is begun. The work is bounded by
    ``limit`` times depth times branching, never by the number of paths.
    """
    distance = _distance_to(index, target)
    start = index.tree.start
    if start not in distance:
        return []
    found: list[tuple[Step, ...]] = []
    order = itertools.count()
    heap: list[tuple[int, int, int, str, tuple[Step, ...]]] = [
        (distance[start], 0, next(order), start, ())]
    while heap and len(found) < limit:
        _, _, _, node, route = heapq.heappop(heap)
        if node == target:
            found.append(route)
            continue
        for child, answer in edges(index.tree, node):
            if child in distance:
                steps = (*route, Step(node, answer, child))
                heapq.heappush(heap, (len(steps) + distance[child], -len(steps), next(order),
                                      child, steps))
    return found
