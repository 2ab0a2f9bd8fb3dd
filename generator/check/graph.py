"""The checks of one guide's graph: ids that exist, answers, cycles, reachability, aliases,
outcome dates and article references, and the depth of the deepest path."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from generator.check.context import GuideContext
from generator.check.paths import PathIndex, iter_cycles
from generator.model import Outcome, Question
from generator.problems import Location, Problem
from generator.source.articles import iter_markdown_files, resolve_article_path
from generator.source.load import suggest

STALE_AFTER_DAYS = 365
MAX_LABEL_CHARS = 90


def check_start(ctx: GuideContext) -> Iterator[Problem]:
    tree = ctx.tree
    # With no readable nodes the loader has already said why; "unknown node" would be noise.
    if tree.start and tree.nodes and tree.start not in tree.nodes:
        yield _unknown_id(ctx, tree.start, tree.where("start"), "`start`")


def check_references(ctx: GuideContext) -> Iterator[Problem]:
    tree = ctx.tree
    for node in tree.nodes.values():
        if isinstance(node, Question):
            for answer in node.answers:
                if answer.next and answer.next not in tree.nodes:
                    yield _unknown_id(ctx, answer.next, answer.where("next"),
                                      f"answer \"{answer.label}\" of `{node.id}`")
        elif node.still_stuck and node.still_stuck not in tree.nodes:
            yield _unknown_id(ctx, node.still_stuck, node.where("still_stuck"),
                              f"`still_stuck` of `{node.id}`")
        elif node.still_stuck == node.id:
            yield Problem(node.where("still_stuck"), "HT205",
                          f"`still_stuck` of `{node.id}` points at itself",
                          "point it at another outcome, such as contacting support")
    for link in tree.help_area:
        if link.node and link.node not in tree.nodes:
            yield _unknown_id(ctx, link.node, link.where("node"), f"help link \"{link.label}\"")


def _unknown_id(ctx: GuideContext, target: str, where: Location, what: str) -> Problem:
    renamed = ctx.renamed.get(target)
    if renamed:
        hint = f"`{target}` was renamed to `{renamed}`: use the new id"
    else:
        guess = ctx.guess_id(target)
        hint = f"did you mean `{guess}`?" if guess else "add a node with this id, or fix the id"
    return Problem(where, "HT202", f"{what} points at unknown node `{target}`", hint)


def check_answers(ctx: GuideContext) -> Iterator[Problem]:
    for node in ctx.tree.questions():
        # A broken question lost the answers that could not be read: do not count them.
        if len(node.answers) < 2 and node.id not in ctx.broken:
            yield Problem(node.where("answers"), "HT203",
                          f"question `{node.id}` has {len(node.answers)} answer"
                          f"{'' if len(node.answers) == 1 else 's'}; it needs at least 2",
                          "a question with one answer is a step: fold it into the next page")
        seen: dict[str, Location] = {}
        targets: dict[str, str] = {}
        for answer in node.answers:
            key = " ".join(answer.label.lower().split())
            if key and key in seen:
                yield Problem(answer.where("label"), "HT204",
                              f"answer label \"{answer.label}\" repeats in `{node.id}`",
                              f"the same label is on line {seen[key].line}; labels must differ")
            seen.setdefault(key, answer.where("label"))
            if answer.next and answer.next in targets:
                yield Problem(answer.where("next"), "HT302",
                              f"answers \"{targets[answer.next]}\" and \"{answer.label}\" of "
                              f"`{node.id}` both lead to `{answer.next}`",
                              "merge them, or point one elsewhere")
            targets.setdefault(answer.next, answer.label)
            if len(answer.label) > MAX_LABEL_CHARS:
                yield Problem(answer.where("label"), "HT303",
                              f"answer label is {len(answer.label)} characters long",
                              f"keep labels under {MAX_LABEL_CHARS} characters; "
                              "move detail into `hint`")


def check_cycles(ctx: GuideContext) -> Iterator[Problem]:
    """One problem per link that closes a loop: redirecting all of them breaks every cycle."""
    for cycle in iter_cycles(ctx.tree):
        last, first = cycle[-2], cycle[-1]
        node = ctx.tree.nodes[last]
        if isinstance(node, Outcome):
            if last == first:
                continue  # `still_stuck` pointing at itself: check_references says so (HT205)
            where = node.where("still_stuck")
        else:
            where = next((a.where("next") for a in node.answers if a.next == first),
                         node.location)
        yield Problem(where, "HT206", f"cycle: {' -> '.join(cycle)}",
                      "every path must end at an outcome; point this link further down the tree")


def check_reachable(ctx: GuideContext) -> Iterator[Problem]:
    tree = ctx.tree
    if tree.start not in tree.nodes:
        return
    seen = {tree.start}
    stack = [tree.start]
    while stack:
        node = tree.nodes[stack.pop()]
        for child, _ in node.successors():
            if child in tree.nodes and child not in seen:
                seen.add(child)
                stack.append(child)
    if any(node_id in ctx.broken for node_id in seen):
        return  # a link on the way could not be read: it may be the one that is missing
    for node_id, node in tree.nodes.items():
        if node_id not in seen:
            yield Problem(node.location, "HT207", f"node `{node_id}` cannot be reached from "
                          f"`{tree.start}`", "link an answer to it, or delete it")


def check_aliases(ctx: GuideContext) -> Iterator[Problem]:
    owners: dict[str, str] = {}
    for node in ctx.tree.nodes.values():
        for alias in node.aliases:
            where = ctx.at(alias, node.where("aliases"))
            if alias in ctx.tree.nodes:
                yield Problem(where, "HT208", f"alias `{alias}` of `{node.id}` is also a node id",
                              "an old id can only redirect once nothing else uses it")
            elif alias in owners:
                yield Problem(where, "HT208", f"alias `{alias}` is listed by both "
                              f"`{owners[alias]}` and `{node.id}`", "keep it on one node")
            owners.setdefault(alias, node.id)


def check_outcomes(ctx: GuideContext) -> Iterator[Problem]:
    for node in ctx.tree.outcomes():
        if node.reviewed is not None:
            age = (ctx.options.today - node.reviewed).days
            if age > STALE_AFTER_DAYS:
                yield Problem(node.where("reviewed"), "HT301", f"outcome `{node.id}` was last "
                              f"reviewed {age} days ago", "check its facts and update `reviewed`")
            elif age < 0:
                yield Problem(node.where("reviewed"), "HT106",
                              f"`reviewed` of `{node.id}` is in the future",
                              "write the date the facts were checked")
        if node.article is not None:
            yield from _check_article_ref(ctx, node.article, node.where("article"),
                                          f"`article` of `{node.id}`")
    for link in ctx.tree.help_area:
        if link.article is not None:
            yield from _check_article_ref(ctx, link.article, link.where("article"),
                                          f"help link \"{link.label}\"")


def _check_article_ref(ctx: GuideContext, relative: str, where: Location, what: str) -> Iterator[Problem]:
    if ctx.content_dir is None:
        yield Problem(where, "HT210", f"{what} `{relative}` needs a content/ folder",
                      "create content/ beside the tree, or pass --content DIR")
        return
    if not ctx.content_dir.is_dir():
        return  # one problem, HT401, says the folder is missing; not one per article
    path, why = resolve_article_path(ctx.content_dir, relative)
    if why is not None:
        yield Problem(where, "HT209", f"{what} `{relative}` {why}",
                      "write a path relative to content/, like `recovery/reset-password.md`")
    elif path is not None and not path.is_file():
        guess = suggest(relative, iter_markdown_files(ctx.content_dir))
        hint = f"did you mean `{guess}`?" if guess else f"create {path}, or fix the path"
        yield Problem(where, "HT210", f"{what} `{relative}` does not exist in "
                      f"{ctx.content_dir}/", hint)


def check_depth(ctx: GuideContext, index: PathIndex) -> Iterator[Problem]:
    limit = ctx.options.max_questions
    route = index.deepest_path()
    questions = [n for n in route if isinstance(ctx.tree.nodes[n], Question)]
    if len(questions) > limit:
        culprit = ctx.tree.nodes[questions[limit]]
        yield Problem(culprit.location, "HT211", f"a path asks {len(questions)} questions, more "
                      f"than the limit of {limit}: {' -> '.join(route)}",
                      "shorten the route, or raise the limit with --max-questions")


MIN_REPEATS = 3  # HT309: a text on at least this many outcomes, and on most of them, is boilerplate


def check_repeated_outcome_text(ctx: GuideContext) -> Iterator[Problem]:
    """HT309: one text on most outcomes (the same "Next time" tips, or the same steps) tells
    each reader less than a text that fits their outcome; usually the tree's `prevention`
    shown on outcomes it does not fit."""
    tree = ctx.tree
    outcomes = list(tree.outcomes())
    fields: tuple[tuple[str, str, str, Callable[[Outcome], str | None]], ...] = (
        ("prevention", '"Next time" text', "write `prevention` that fits each outcome, or none "
         "where none fits (an outcome's own `prevention` wins over the tree's)", tree.prevention_for),
        ("body", "steps", "write the steps that fit each outcome; link to one shared article",
         lambda outcome: outcome.body))
    for key, what, hint, text_of in fields:
        shown_on: dict[str, list[Outcome]] = {}
        for outcome in outcomes:
            text = text_of(outcome)
            if text:
                shown_on.setdefault(text.strip(), []).append(outcome)
        for text, owners in shown_on.items():
            if len(owners) < MIN_REPEATS or 2 * len(owners) <= len(outcomes):
                continue
            inherited = key == "prevention" and text == (tree.prevention or "").strip()
            where = tree.where(key) if inherited else owners[0].where(key)
            yield Problem(where, "HT309", f"{len(owners)} of {len(outcomes)} outcomes have the "
                          f"same {what}", hint)
