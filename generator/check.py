"""Every check on a tree and its articles, each a small function yielding problems."""

from __future__ import annotations

import bisect
import datetime as dt
import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.articles import (
    MARKDOWN_SUFFIXES,
    MAX_ARTICLE_BYTES,
    Article,
    iter_markdown_files,
    iter_published_files,
    read_article,
    resolve_article_path,
    unsafe_entries,
)
from generator.contacts import find_placeholders, placeholder_problem
from generator.links import find_links, host_of, link_problem, scheme_of
from generator.load import LoadResult, load_tree, suggest
from generator.model import Located, Outcome, Question, Tree
from generator.paths import CycleError, PathIndex, iter_cycles
from generator.problems import Location, Problem, Severity
from generator.readability import readability_problems
from generator.source import SourceText
from generator.yaml_source import YamlLoadError, YNode, read_source

DEFAULT_MAX_QUESTIONS = 8
STALE_AFTER_DAYS = 365
MAX_LABEL_CHARS = 90
MIN_REPEATS = 3  # HT306: a text on at least this many outcomes, and on most of them, is boilerplate
MAX_ID_GUESSES = 25  # "did you mean" for this many distinct unknown ids, then plain hints
# Raw HTML that runs or loads code, or sends the reader elsewhere, whatever its attributes.
_RAW_TAG = re.compile(r"<\s*(script|iframe|frame|frameset|object|embed|applet|base|form|meta|link|"
                      r"portal|animate|set)\b", re.IGNORECASE)
# An event handler: in a tag (`<img onerror=`, `<svg/onload=`, `"onclick=`) or in a Markdown
# attribute list (`{ onclick=... }`, `{:onclick=...}`), which attr_list copies into the page.
_EVENT_HANDLER = re.compile(r"(?<![^\s/\"'{:])on[a-z]+\s*=", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[A-Za-z!?/]")  # where raw HTML (a tag, a comment) may begin
# Code Markdown shows as text. Only what Markdown surely treats as code is skipped: a block
# between two identical ``` or ~~~ lines, and `single-backtick` spans not opened by \`.
_FENCE_OPEN = re.compile(r"^(```|~~~)[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*[ ]*)$", re.MULTILINE)
_FENCE_CLOSE = re.compile(r"^(```|~~~)[ ]*$", re.MULTILINE)
_CODE_SPAN = re.compile(r"(?<![\\`])`[^`\n]+`(?!`)")


@dataclass(frozen=True)
class Options:
    max_questions: int = DEFAULT_MAX_QUESTIONS
    allow_raw_html: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    max_grade: float | None = None  # plain-language limit (US grade); None: not checked


@dataclass
class Project:
    """A checked tree with its articles: what the renderer and the CLI work from."""

    tree: Tree | None
    source: SourceText | None
    content_dir: Path
    articles: dict[str, Article] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    index: PathIndex | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return self.tree is not None and self.index is not None and not self.errors


@dataclass
class _Context:
    tree: Tree
    source: SourceText
    content_dir: Path
    broken: frozenset[str]
    options: Options
    renamed: dict[str, str] = field(init=False)  # former id -> current id
    guesses: dict[str, str | None] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.renamed = self.tree.aliases()

    def guess_id(self, unknown: str) -> str | None:
        """The node id closest to ``unknown``. Each guess costs time in proportion to the
        tree, so a tree with hundreds of broken ids gets guesses for the first few only."""
        if unknown not in self.guesses:
            budget_left = len(self.guesses) < MAX_ID_GUESSES
            self.guesses[unknown] = suggest(unknown, self.tree.nodes) if budget_left else None
        return self.guesses[unknown]

    def at(self, node_id: str, after: Location) -> Location:
        """Where the id ``node_id`` is written in a field that starts at ``after``: as a
        whole word, so `old` is not found inside `older`."""
        word = re.compile(rf"(?<![a-z0-9-]){re.escape(node_id)}(?![a-z0-9-])")
        found = word.search(self.source.text, self.source.index_of(after))
        return self.source.location_at(found.start()) if found else after


def check_project(tree_path: Path | str, content_dir: Path | str | None = None,
                  options: Options | None = None) -> Project:
    """Load and check everything; never raises for bad input."""
    tree_path = Path(tree_path)
    content = Path(content_dir) if content_dir is not None else tree_path.parent / "content"
    loaded = load_tree(tree_path)
    return check_loaded(loaded, content, options or Options())


def check_loaded(loaded: LoadResult, content_dir: Path, options: Options) -> Project:
    project = Project(loaded.tree, loaded.source, content_dir, problems=list(loaded.problems))
    if loaded.tree is None or loaded.source is None:
        return project
    ctx = _Context(loaded.tree, loaded.source, content_dir, loaded.broken, options)
    for check in TREE_CHECKS:
        project.problems.extend(check(ctx))
    articles, article_problems = read_articles(ctx)
    project.articles = articles
    project.problems.extend(article_problems)
    try:
        project.index = PathIndex(loaded.tree)
    except CycleError:  # check_cycles has reported it, with its location
        project.index = None
    if project.index is not None and not project.errors:
        project.problems.extend(check_depth(ctx, project.index))
    if options.max_grade is not None and not project.errors:
        project.problems.extend(readability_problems(
            reader_texts(loaded.tree, project.articles), options.max_grade))
    return project


def reader_texts(tree: Tree, articles: dict[str, Article]) -> Iterator[tuple[str, Location, str]]:
    """What a reader reads, in the units they read it: a question with its help, an
    answer with its hint, an outcome with its steps, each article."""
    for key in ("intro", "prevention"):
        value = getattr(tree, key)
        if value:
            yield f"`{key}`", tree.where(key), value
    for node in tree.nodes.values():
        if isinstance(node, Question):
            yield f"question `{node.id}`", node.where("question"), f"{node.question}\n\n{node.help or ''}"
            for answer in node.answers:
                yield (f"answer \"{answer.label}\" of `{node.id}`", answer.where("label"),
                       f"{answer.label}\n\n{answer.hint or ''}")
        else:
            yield f"outcome `{node.id}`", node.where("outcome"), f"# {node.title}\n\n{node.body or ''}"
            if node.prevention:
                yield f"`prevention` of `{node.id}`", node.where("prevention"), node.prevention
    for article in articles.values():
        yield "article", Location(article.source.name, article.body_line, 1), article.body


# -- graph -------------------------------------------------------------------

def check_start(ctx: _Context) -> Iterator[Problem]:
    tree = ctx.tree
    # With no readable nodes the loader has already said why; "unknown node" would be noise.
    if tree.start and tree.nodes and tree.start not in tree.nodes:
        yield _unknown_id(ctx, tree.start, tree.where("start"), "`start`")


def check_references(ctx: _Context) -> Iterator[Problem]:
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


def _unknown_id(ctx: _Context, target: str, where: Location, what: str) -> Problem:
    renamed = ctx.renamed.get(target)
    if renamed:
        hint = f"`{target}` was renamed to `{renamed}`: use the new id"
    else:
        guess = ctx.guess_id(target)
        hint = f"did you mean `{guess}`?" if guess else "add a node with this id, or fix the id"
    return Problem(where, "HT202", f"{what} points at unknown node `{target}`", hint)


def check_answers(ctx: _Context) -> Iterator[Problem]:
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
                              "merge them, or point one elsewhere", Severity.WARNING)
            targets.setdefault(answer.next, answer.label)
            if len(answer.label) > MAX_LABEL_CHARS:
                yield Problem(answer.where("label"), "HT303",
                              f"answer label is {len(answer.label)} characters long",
                              f"keep labels under {MAX_LABEL_CHARS} characters; "
                              "move detail into `hint`", Severity.WARNING)


def check_cycles(ctx: _Context) -> Iterator[Problem]:
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


def check_reachable(ctx: _Context) -> Iterator[Problem]:
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


def check_aliases(ctx: _Context) -> Iterator[Problem]:
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


def check_outcomes(ctx: _Context) -> Iterator[Problem]:
    for node in ctx.tree.outcomes():
        if node.reviewed is not None:
            age = (ctx.options.today - node.reviewed).days
            if age > STALE_AFTER_DAYS:
                yield Problem(node.where("reviewed"), "HT301", f"outcome `{node.id}` was last "
                              f"reviewed {age} days ago", "check its facts and update `reviewed`",
                              Severity.WARNING)
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


def check_repeated_outcome_text(ctx: _Context) -> Iterator[Problem]:
    """HT306: one text on most outcomes (the same "Next time" tips, or the same steps) tells
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
            yield Problem(where, "HT306", f"{len(owners)} of {len(outcomes)} outcomes have the "
                          f"same {what}", hint, Severity.WARNING)


def _check_article_ref(ctx: _Context, relative: str, where: Location, what: str) -> Iterator[Problem]:
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


def check_depth(ctx: _Context, index: PathIndex) -> Iterator[Problem]:
    limit = ctx.options.max_questions
    route = index.deepest_path()
    questions = [n for n in route if isinstance(ctx.tree.nodes[n], Question)]
    if len(questions) > limit:
        culprit = ctx.tree.nodes[questions[limit]]
        yield Problem(culprit.location, "HT211", f"a path asks {len(questions)} questions, more "
                      f"than the limit of {limit}: {' -> '.join(route)}",
                      "shorten the route, or raise the limit with --max-questions")


# -- text: links, contacts, domains --------------------------------------------

def tree_texts(tree: Tree) -> Iterator[tuple[str, Location]]:
    """Every Markdown or text field in the tree with where its value starts."""
    for key in ("title", "intro", "prevention", "duration"):
        value = getattr(tree, key)
        if value:
            yield value, tree.where(key)
    for need in tree.needs:
        yield need, tree.where("needs")
    for node in tree.nodes.values():
        if isinstance(node, Question):
            yield node.question, node.where("question")
            if node.help:
                yield node.help, node.where("help")
            for answer in node.answers:
                yield answer.label, answer.where("label")
                if answer.hint:
                    yield answer.hint, answer.where("hint")
        else:
            for key in ("title", "body", "prevention"):
                value = getattr(node, key)
                if value:
                    yield value, node.where("outcome" if key == "title" else key)
    for link in tree.help_area:
        yield link.label, link.where("label")
    for contact in tree.contacts.values():
        for key in ("name", "hours", "note"):
            value = getattr(contact, key)
            if value:
                yield value, contact.where(key)


def text_problems(text: str, where: Callable[[str], Location], tree: Tree,
                  allow_raw_html: bool) -> Iterator[Problem]:
    """Link schemes, contact placeholders, allowed domains and raw script in one text."""
    for url in find_links(text):
        bad = link_problem(url)
        if bad:
            yield Problem(where(url), "HT212", bad[0], bad[1])
            continue
        host = host_of(url)
        if host and not tree.allows_host(host):
            yield Problem(where(url), "HT213", f"link to `{host}` is not on the allow-list",
                          "add the official domain to `allowed_domains`, or link elsewhere")
    for found in find_placeholders(text):
        bad = placeholder_problem(found, tree.contacts)
        if bad:
            yield Problem(where(found.source), "HT214", bad[0], bad[1])
    if not allow_raw_html:
        yield from raw_html_problems(text, where)


def raw_html_problems(text: str, where: Callable[[str], Location]) -> Iterator[Problem]:
    """HT215: HTML in an article that could run script. Linear in the text's length."""
    scanned = _without_code(text)
    found = [(m, "raw HTML") for m in _RAW_TAG.finditer(scanned)]
    found += [(m, "event handler") for m in _EVENT_HANDLER.finditer(scanned)]
    for match, what in sorted(found, key=lambda item: item[0].start()):
        # The rest of the line, not just `onclick=`, finds this very spot, not an earlier one.
        needle = text[match.start():match.start() + 80].split("\n", 1)[0]
        yield Problem(where(needle), "HT215", f"{what} `{match.group(0).strip()}` could run "
                      "script", "write it in Markdown; see `allow_raw_html` in the README if "
                      "you really need HTML")


def _without_code(text: str) -> str:
    """``text`` with code blanked out, where Markdown surely shows it as text.

    A code span is code only outside HTML: inside a raw HTML block, or in a tag's attribute
    (`<a title="`" onclick="...`">`), its backticks are just characters. So code spans are
    skipped only before the first raw HTML; fenced blocks always are.
    """
    closes: dict[str, list[int]] = {"```": [], "~~~": []}
    for match in _FENCE_CLOSE.finditer(text):
        closes[match.group(1)].append(match.start())
    pieces: list[str] = []
    done = 0
    for match in _FENCE_OPEN.finditer(text):
        ends = closes[match.group(1)]
        later = bisect.bisect_right(ends, match.start())
        if match.start() < done or later == len(ends):
            continue  # inside a block already skipped, or never closed: then it is not code
        end = text.find("\n", ends[later])
        end = len(text) if end < 0 else end
        pieces += [text[done:match.start()], _blank(text[match.start():end])]
        done = end
    fenced = "".join([*pieces, text[done:]])
    first_html = _ANY_TAG.search(_CODE_SPAN.sub(lambda m: _blank(m.group(0)), fenced))
    limit = first_html.start() if first_html else len(fenced)
    return _CODE_SPAN.sub(lambda m: _blank(m.group(0)) if m.start() < limit else m.group(0), fenced)


def _blank(code: str) -> str:
    return re.sub(r"[^\n]", " ", code)


class _Finder:
    """Where text inside one field was written: each repeat of a needle at its own place,
    and never past ``end`` (where the next field starts), so text the source spells
    differently (YAML escapes) stays at its field instead of matching another one."""

    def __init__(self, source: SourceText, start: Location, end: int | None = None) -> None:
        self.source, self.start = source, start
        self.begin = source.index_of(start)
        self.end = len(source.text) if end is None else end
        self.after: dict[str, int] = {}

    def __call__(self, needle: str) -> Location:
        found = self.source.text.find(needle, self.after.get(needle, self.begin), self.end)
        if found < 0:
            return self.start
        self.after[needle] = found + len(needle)
        return self.source.location_at(found)


def _value_starts(tree: Tree, source: SourceText) -> list[int]:
    """The offset of every id, item and value in the tree, sorted: where each field ends."""
    located: list[Located] = [tree, *tree.nodes.values(), *tree.contacts.values(), *tree.help_area]
    located += [answer for node in tree.questions() for answer in node.answers]
    return sorted({source.index_of(where) for item in located
                   for where in (item.location, *item.fields.values())})


def check_texts(ctx: _Context) -> Iterator[Problem]:
    starts = _value_starts(ctx.tree, ctx.source)
    for text, start in tree_texts(ctx.tree):
        after = bisect.bisect_right(starts, ctx.source.index_of(start))
        finder = _Finder(ctx.source, start, starts[after] if after < len(starts) else None)
        yield from text_problems(text, finder, ctx.tree, True)
    for contact in ctx.tree.contacts.values():
        if contact.url:
            where = contact.where("url")
            bad = link_problem(contact.url)
            host = host_of(contact.url)
            if bad or host is None:
                yield Problem(where, "HT212", bad[0] if bad else
                              f"contact url `{contact.url}` is not an https: address",
                              "write the official https:// address")
            elif not ctx.tree.allows_host(host):
                yield Problem(where, "HT213", f"contact url host `{host}` is not on the "
                              "allow-list", "add the official domain to `allowed_domains`")
        if not ctx.options.allow_raw_html:
            # Placeholders copy these into articles as they are: HTML there would run.
            for key in ("name", "phone", "text", "hours", "note"):
                value = getattr(contact, key)
                if value:
                    yield from raw_html_problems(value, _Finder(ctx.source, contact.where(key)))


TREE_CHECKS: tuple[Callable[[_Context], Iterable[Problem]], ...] = (
    check_start, check_references, check_answers, check_cycles, check_reachable,
    check_aliases, check_outcomes, check_texts, check_repeated_outcome_text,
)


# -- articles --------------------------------------------------------------------

def read_articles(ctx: _Context) -> tuple[dict[str, Article], list[Problem]]:
    """Read and check every Markdown file under content/."""
    articles: dict[str, Article] = {}
    problems: list[Problem] = []
    if not ctx.content_dir.is_dir():
        problems.append(Problem(Location(str(ctx.content_dir)), "HT401",
                                "is a file, not the content folder" if ctx.content_dir.exists()
                                else "content folder not found",
                                "create it with an index.md, or pass --content DIR"))
        return articles, problems
    unsafe = list(unsafe_entries(ctx.content_dir))
    problems.extend(unsafe)
    skipped = {problem.location.file for problem in unsafe}
    listed = [uri for uri in iter_markdown_files(ctx.content_dir)
              if str(ctx.content_dir / uri) not in skipped]
    for src_uri in listed:
        path, why = resolve_article_path(ctx.content_dir, src_uri)
        if why is not None or path is None:
            problems.append(Problem(Location(str(ctx.content_dir / src_uri)), "HT209",
                                    f"article {why}", "replace the link with a real file"))
            continue
        article, found = read_article(ctx.content_dir, src_uri)
        problems.extend(found)
        if article is None:
            continue
        articles[src_uri] = article
        source = article.source
        start = Location(source.name, article.body_line, 1)
        problems.extend(text_problems(article.body, _Finder(source, start), ctx.tree,
                                      ctx.options.allow_raw_html))
        problems.extend(_check_front_matter(article, ctx))
    # Pages MkDocs builds that are not articles (`_draft.md`, `x.markdown`) and the HTML, SVG
    # and XML files it publishes as they are: a browser runs their script just the same.
    for src_uri in iter_published_files(ctx.content_dir):
        if src_uri not in listed and str(ctx.content_dir / src_uri) not in skipped:
            problems.extend(_check_published(ctx, src_uri))
    return articles, problems


def _check_published(ctx: _Context, src_uri: str) -> Iterator[Problem]:
    if src_uri.lower().endswith(MARKDOWN_SUFFIXES):
        article, found = read_article(ctx.content_dir, src_uri)
        yield from found
        if article is not None:
            start = Location(article.source.name, article.body_line, 1)
            yield from text_problems(article.body, _Finder(article.source, start), ctx.tree,
                                     ctx.options.allow_raw_html)
            yield from _front_matter_html(article, ctx.tree, ctx.options.allow_raw_html)
            if not ctx.options.allow_raw_html:
                yield from _heading_title_html(article)
        return
    try:
        source = read_source(ctx.content_dir / src_uri, max_bytes=MAX_ARTICLE_BYTES)
    except YamlLoadError as err:
        yield err.problem
        return
    where = _Finder(source, Location(source.name))
    for url in find_links(source.text):
        bad = link_problem(url)
        if bad:
            yield Problem(where(url), "HT212", bad[0], bad[1])
    if not ctx.options.allow_raw_html:
        yield from raw_html_problems(source.text, where)


# Front matter the plugin escapes, or helptree reads itself; MkDocs themes print every
# other value as it is, into the page's HTML (`author`, `subtitle`, `status` in Material).
_ESCAPED_META = ("title", "description")
_HELPTREE_META = ("sources", "reviewed")
_HTML_CHARACTER = re.compile(r"[<>\"]")
_LEVEL_ONE_HEADING = re.compile(r"^#[ \t]+(.*)$|^([^\n]+)\n=+[ \t]*$", re.MULTILINE)
_SCRIPT_SCHEMES = ("javascript", "vbscript", "data")


def _front_matter_html(article: Article, tree: Tree, allow_raw_html: bool) -> Iterator[Problem]:
    """HT405 for the reserved key; HT404 and HT212 for values a theme would print as HTML;
    HT213 for an address off the allow-list (``template: redirect.html`` + ``location``
    would send readers there)."""
    for key, node in article.meta.items():
        if key == "helptree":
            yield Problem(node.location, "HT405", "front matter key `helptree` is reserved for "
                          "the pages helptree writes", "remove it: on an article it would turn "
                          "off the escaping of the title")
            continue
        if key in _HELPTREE_META or (key in _ESCAPED_META and node.kind == "scalar"):
            continue
        for value in _scalars(node):
            host = host_of(value.raw.strip())
            if host and not tree.allows_host(host):
                yield Problem(value.location, "HT213", f"front matter `{key}` points at `{host}`, "
                              "which is not on the allow-list",
                              "add the official domain to `allowed_domains`, or remove it")
            if scheme_of(value.raw) in _SCRIPT_SCHEMES:
                bad = link_problem(value.raw.strip())
                if bad:
                    yield Problem(value.location, "HT212", bad[0], bad[1])
            elif not allow_raw_html and (found := _HTML_CHARACTER.search(value.raw)):
                yield Problem(article.source.find(found.group(0), value.location), "HT404",
                              f"front matter `{key}` holds `{found.group(0)}`, which the theme "
                              "prints as HTML", "leave out <, > and \" here; only `title` and "
                              "`description` are escaped")


def _scalars(node: YNode) -> Iterator[YNode]:
    """Every scalar in a front matter value, keys of nested mappings included."""
    stack = [node]
    while stack:
        item = stack.pop()
        if item.kind == "scalar":
            yield item
        stack.extend(reversed(item.items))
        for key, value in reversed(list(item.mapping.values())):
            stack += [value, key]


def _heading_title_html(article: Article) -> Iterator[Problem]:
    """HT404: with no `title` in front matter, MkDocs takes the page title from the first
    heading, and Material prints it in <title> with its entities undone: `&lt;/title&gt;`
    there would end the title and start HTML."""
    if "title" in article.meta:
        return
    start = Location(article.source.name, article.body_line, 1)
    for match in _LEVEL_ONE_HEADING.finditer(article.body):
        heading = match.group(1) or match.group(2) or ""
        if "&" in heading and "<" in html.unescape(heading):
            yield Problem(article.source.find(heading, start), "HT404",
                          "a heading spells < as an entity, and the theme prints the page "
                          "title (the first heading) as HTML with its entities undone",
                          "write the characters out, or set `title:` in front matter")


def _check_front_matter(article: Article, ctx: _Context) -> Iterator[Problem]:
    yield from _front_matter_html(article, ctx.tree, ctx.options.allow_raw_html)
    if not ctx.options.allow_raw_html:
        yield from _heading_title_html(article)
    for source in article.sources:
        node = article.meta.get("sources")
        where = article.source.find(source.url or source.title, node.location) if node else \
            Location(article.source.name)
        if source.url:
            bad = link_problem(source.url)
            if bad:
                yield Problem(where, "HT212", bad[0], bad[1])
    reviewed = article.meta.get("reviewed")
    if reviewed is not None and article.reviewed is None:
        yield Problem(reviewed.location, "HT106", "`reviewed` must be a date like 2026-11-20",
                      "write the date as YYYY-MM-DD")
    elif article.reviewed is not None and (ctx.options.today - article.reviewed).days > STALE_AFTER_DAYS:
        yield Problem(article.meta["reviewed"].location, "HT301",
                      f"article was last reviewed on {article.reviewed}",
                      "check its facts and update `reviewed`", Severity.WARNING)
