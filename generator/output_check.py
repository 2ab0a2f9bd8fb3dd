"""The output check: every built page parsed as a browser parses it (HTML5, selectolax), so
a script or an address that reached the page by a route the source checks never saw (a
Markdown extension, a theme, a plugin) fails the build. Knows nothing of MkDocs: it takes
a page's HTML, its URL, its source file and what the templates may write."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from generator.links import browser_problem
from generator.problems import Location, Problem
from generator.urls import PLACEHOLDER_SITE, Destination, join, resolve

# Attributes a browser reads addresses from. Following a link is the reader's choice, so it
# may go to an allowed host; anything else loads or sends something at once: this site only.
_FOLLOWED = {"href", "xlink:href", "cite", "longdesc"}
_LOADED = {"src", "action", "formaction", "data", "poster", "background", "manifest", "icon",
           "codebase", "lowsrc", "dynsrc", "usemap", "ping", "srcset", "imagesrcset", "archive"}
_LISTS = {"ping": " ", "archive": " ", "srcset": ",", "imagesrcset": ","}
_FOLLOWED_FROM = {"a", "area"}  # elements whose href the reader follows (not <link>, <base>)
_DATA_SCRIPT_TYPES = {"application/json"}  # browsers run every other script type, or may
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_JSON = re.compile(r"""\btype\s*=\s*["']?application/json""", re.IGNORECASE)
_JINJA = re.compile(r"\{\{.*?\}\}|\{[a-z_]+\}", re.DOTALL)  # `{{ base_url }}`; `{url}` (format)
_TEMPLATE_LINK = re.compile(r"""\bhref\s*=\s*["'](https://[^"'{]+)""", re.IGNORECASE)
# A value a template fills into a script: an address, never a quote, backslash or tag.
_FILLED_VALUE = r"([^\"'\\\\<>\s]*)"
_REFRESH = re.compile(r"^\s*\d*\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"]*)", re.IGNORECASE)


@dataclass(frozen=True)
class OutputPolicy:
    """What the templates and mkdocs.yml may put into a page, and where links may go."""

    inline_scripts: tuple[re.Pattern[str], ...]  # each a template's script, values as groups
    script_files: frozenset[str]  # absolute URLs of the script files the theme and config load
    allows_host: Callable[[str], bool]  # the tree's allow-list
    known_links: tuple[str, ...] = ()  # addresses the templates and config write themselves


@dataclass
class PageCheck:
    problems: list[Problem] = field(default_factory=list)
    script_hashes: set[str] = field(default_factory=set)  # the known inline scripts it holds


def script_hash(text: str) -> str:
    """The CSP source that allows one inline script."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode('ascii')}'"


def template_scripts(templates: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    """Every inline script the templates write, as a pattern: its text exactly, with each
    value the template fills in (`{{ base_url }}`, mkdocs-redirects' `{url}`) as a group."""
    patterns: dict[str, re.Pattern[str]] = {}
    for template in templates:
        for match in _SCRIPT.finditer(template):
            attributes, body = match.groups()
            if _SRC.search(attributes) or _JSON.search(attributes) or "{%" in body:
                continue
            pieces, done = [], 0
            for value in _JINJA.finditer(body):
                pieces += [re.escape(body[done:value.start()]), _FILLED_VALUE]
                done = value.end()
            source = "".join([*pieces, re.escape(body[done:])])
            patterns.setdefault(source, re.compile(source, re.DOTALL))
    return tuple(patterns.values())


def template_links(templates: Iterable[str]) -> tuple[str, ...]:
    """The https: addresses the templates write themselves (up to the first filled value)."""
    return tuple(sorted({m.group(1) for text in templates for m in _TEMPLATE_LINK.finditer(text)}))


def read_templates(folders: Iterable[Path]) -> list[str]:
    """The text of every HTML template under ``folders`` (the theme's search path)."""
    return [path.read_text(encoding="utf-8", errors="replace") for folder in folders
            for path in sorted(Path(folder).rglob("*.html"))]


def check_page(page_html: str, url: str, source_file: str, policy: OutputPolicy) -> PageCheck:
    """Every script, event handler and address on one built page that the templates did not
    write, as problems located in the page's source file."""
    result = PageCheck()
    found: list[tuple[str, str, str]] = []  # (what, the offending text, hint)
    root = LexborHTMLParser(page_html).root if page_html else None
    for node in root.traverse() if root is not None else ():
        found.extend(_node_problems(node, url, policy, result))
    if found:
        text = _read(source_file)
        shown = url.removeprefix(PLACEHOLDER_SITE.rstrip("/"))
        for code, offending, why in found:
            result.problems.append(Problem(_locate(source_file, text, offending), code,
                                           f"built page `{shown}`: {why}", _HINTS[code]))
    return result


_HINTS = {
    "HT509": "find what put it into the page (a Markdown extension, a snippet, a hook, a "
             "plugin) and take it out",
    "HT510": "link only to this site or to `allowed_domains`; load nothing from elsewhere",
}


def _node_problems(node: LexborNode, url: str, policy: OutputPolicy,
                   result: PageCheck) -> Iterator[tuple[str, str, str]]:
    tag = node.tag or ""
    attributes = node.attributes
    if tag == "script":
        yield from _script_problems(node, url, policy, result)
    elif tag == "base":
        yield "HT510", str(attributes.get("href") or "<base>"), \
            "a <base> element changes where every link goes"
    elif tag == "meta" and (attributes.get("http-equiv") or "").strip().lower() == "refresh":
        target = _REFRESH.match(attributes.get("content") or "")
        if target and target.group(1):
            yield from _address_problems(target.group(1), url, policy, followed=True)
    for written, value in attributes.items():
        name = written.lower()
        if name.startswith("on"):
            yield "HT509", f"{name}={value or ''}", f"event handler `{name}=` runs script"
        elif name == "srcdoc":
            yield "HT509", value or "", "an iframe `srcdoc` is a page of its own, scripts included"
        elif value and (name in _FOLLOWED or name in _LOADED or _animates_address(tag, name, attributes)):
            followed = name in _FOLLOWED and (tag in _FOLLOWED_FROM or name != "href")
            for address in _addresses(name, value):
                yield from _address_problems(address, url, policy, followed=followed)


def _animates_address(tag: str, name: str, attributes: dict[str, str | None]) -> bool:
    """SVG `<animate attributeName=href to=...>` sets a link's address."""
    animated = (attributes.get("attributename") or attributes.get("attributeName") or "").lower()
    return tag in ("animate", "set") and name in ("to", "from", "values", "by") and "href" in animated


def _addresses(name: str, value: str) -> Iterator[str]:
    if name not in _LISTS:
        yield value
        return
    for item in value.split(_LISTS[name]):
        words = item.split()
        if words:
            yield words[0]


def _script_problems(node: LexborNode, url: str, policy: OutputPolicy,
                     result: PageCheck) -> Iterator[tuple[str, str, str]]:
    attributes = node.attributes
    kind = (attributes.get("type") or "").strip().lower()
    if "src" in attributes:
        src = attributes.get("src") or ""
        if join(url, src) not in policy.script_files:
            yield "HT509", src, f"script file `{src}` is not one the theme or mkdocs.yml loads"
        return
    text = node.text(deep=True)
    if kind in _DATA_SCRIPT_TYPES:
        return
    for pattern in policy.inline_scripts:
        match = pattern.fullmatch(text)
        if match:
            result.script_hashes.add(script_hash(text))
            for value in match.groups():
                yield from _address_problems(value, url, policy, followed=True)
            return
    yield "HT509", text.strip()[:60], f"inline script `{_short(text)}` is not one the templates write"


def _address_problems(address: str, url: str, policy: OutputPolicy, *,
                      followed: bool) -> Iterator[tuple[str, str, str]]:
    where = resolve(address, url, in_html=False)  # the parser has undone the entities
    if where.on_site or any(where.href.startswith(known) for known in policy.known_links):
        return
    if followed and _may_follow(address, where, policy):
        return
    goes = f"`{where.href}`" if where.href else "nowhere a browser can load"
    what = "links" if followed else "loads or sends something"
    # the host too: an extension may have made the link of bare text (`www.example.org`)
    yield "HT510", f"{address}\n{where.host}", \
        f"`{_short(address)}` {what} off this site: a browser goes to {goes}"


def _may_follow(address: str, where: Destination, policy: OutputPolicy) -> bool:
    if where.scheme in ("mailto", "tel"):
        return True
    return browser_problem(address, where) is None and where.scheme == "https" and \
        policy.allows_host(where.host)


def _short(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= 60 else one_line[:57] + "..."


def _read(source_file: str) -> str:
    try:
        return Path(source_file).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _locate(source_file: str, text: str, offending: str) -> Location:
    """Where the offending text (its first line written in the source) is, if it is written
    there as is; else, as when a snippet brought it in, the file's first line."""
    needles = [line.strip()[:60] for line in offending.split("\n") if line.strip()]
    index = next((i for i in (text.find(n) for n in needles) if i >= 0), -1)
    if index < 0:
        return Location(source_file)
    line = text.count("\n", 0, index) + 1
    return Location(source_file, line, index - (text.rfind("\n", 0, index) + 1) + 1)


class SiteOutputCheck:
    """The output check over one build: each page as it is written, then whatever else
    landed in the site folder (pages other plugins write, the theme's 404 page). Collects
    the hashes of the known inline scripts it saw, for the Content-Security-Policy."""

    def __init__(self, site_url: str, policy: OutputPolicy) -> None:
        self.site_url, self.policy = site_url, policy
        self.script_hashes: set[str] = set()
        self.checked: set[str] = set()  # site paths of the pages already checked

    @classmethod
    def for_site(cls, site_url: str, templates: Iterable[str], script_paths: Iterable[str],
                 allows_host: Callable[[str], bool], known_links: Iterable[str] = ()) -> SiteOutputCheck:
        """``templates``: the text of every template that may write a page; ``script_paths``:
        the site paths of the script files the theme and mkdocs.yml load."""
        root = page_root(site_url)
        texts = list(templates)
        files = frozenset(filter(None, (join(root, path) for path in script_paths)))
        links = tuple(link for link in (*template_links(texts), *known_links) if link)
        return cls(site_url, OutputPolicy(template_scripts(texts), files, allows_host, links))

    def page(self, page_html: str, path: str, source_file: str) -> list[Problem]:
        """Check the page that will be written at site path ``path`` (`guides/reset/`)."""
        self.checked.add(path)
        result = check_page(page_html, join(page_root(self.site_url), path) or path, source_file,
                            self.policy)
        self.script_hashes |= result.script_hashes
        return result.problems

    def rest_of_site(self, site_dir: Path, source_file: str) -> list[Problem]:
        """Every HTML file in the built site that no page check saw, and the search indexes."""
        problems: list[Problem] = search_index_problems(site_dir, source_file)
        for file in sorted(site_dir.rglob("*.htm*")):
            path = file.relative_to(site_dir).as_posix()
            path = path.removesuffix("index.html")
            if path not in self.checked:
                problems += self.page(file.read_text(encoding="utf-8", errors="replace"), path,
                                      source_file)
        return problems


def search_index_problems(site_dir: Path, source_file: str) -> list[Problem]:
    """Markup in a search index that a reader's results would show as HTML (Material's search
    prints every field of a result so): helptree's index must hold escaped plain text only,
    Material's own no tags at all (generator/search.py)."""
    from generator.search import INDEX, MATERIAL_INDEX, index_problems

    problems: list[Problem] = []
    for path, ours in ((INDEX, True), (MATERIAL_INDEX, False)):
        file = site_dir / path
        if not file.is_file():
            continue
        try:
            data: object = json.loads(file.read_text(encoding="utf-8"))
        except ValueError:
            data = None
        problems += [Problem(Location(source_file), "HT509", f"search index `{path}`: {why}",
                             _HINTS["HT509"]) for why in index_problems(data, ours)]
    return problems


def page_root(site_url: str) -> str:
    """The absolute URL of the site's root: `site_url`, or a stand-in that never resolves."""
    root = site_url or PLACEHOLDER_SITE
    return root if root.endswith("/") else root + "/"
