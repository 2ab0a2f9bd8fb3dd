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

from generator.codes import CodeName
from generator.links import browser_problem
from generator.problems import Location, Problem
from generator.routes import INDEX, MATERIAL_INDEX
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
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\(.)", re.DOTALL)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_CSS_IMAGE_SET = re.compile(r"image-set\(([^)]*)", re.IGNORECASE)
_CSS_STRING = re.compile(r""""([^"]*)"|'([^']*)'""")
# Tags with no attributes that can do nothing but hold text: a search text made of only
# these needs no parsing (most of Material's index is `<p>`, `<code>`, `<li>`).
_INERT_HTML = re.compile(r"</?(?:p|code|strong|em|b|i|ul|ol|li|br|span|pre|h[1-6]|table|thead|"
                         r"tbody|tr|td|th|blockquote|sup|sub|kbd|mark|del|ins|dl|dt|dd|hr|div)>")
_INDEX_MARKUP = re.compile(r"[<>]")  # helptree's index holds escaped plain text only
_REFRESH = re.compile(r"^\s*\d*\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"]*)", re.IGNORECASE)


@dataclass(frozen=True)
class OutputPolicy:
    """What the templates and mkdocs.yml may put into a page, and where links may go."""

    inline_scripts: tuple[re.Pattern[str], ...]  # each a template's script, values as groups
    script_files: frozenset[str]  # absolute URLs of the script files the theme and config load
    allows_host: Callable[[str], bool]  # the tree's allow-list
    # Hosts of the https: links the templates write themselves, parsed (never a prefix of
    # the text: `https://jpay.com.evil.io` starts like `https://jpay.com`).
    known_hosts: frozenset[str] = frozenset()


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
    found: list[tuple[CodeName, str, str]] = []  # (what, the offending text, hint)
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
                   result: PageCheck) -> Iterator[tuple[CodeName, str, str]]:
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
    elif tag == "style":
        yield from _css_problems(node.text(deep=True), url, policy)
    for written, value in attributes.items():
        name = written.lower()
        if name == "style" and value:
            yield from _css_problems(value, url, policy)
        elif name.startswith("on"):
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


def css_addresses(css: str) -> Iterator[str]:
    """Every address a stylesheet (a file, a `<style>` element or a `style` attribute) makes
    the browser fetch: `url(...)`, `@import "..."`, the strings of `image-set(...)`, read
    after comments are dropped and escapes undone, as a CSS tokenizer reads them
    (`\\75 rl(` is `url(`)."""
    text = _CSS_ESCAPE.sub(_unescape_css, _CSS_COMMENT.sub(" ", css))
    for pattern in (_CSS_URL, _CSS_IMPORT, _CSS_IMAGE_SET):
        for match in pattern.finditer(text):
            found = next((group for group in match.groups() if group is not None), "")
            if pattern is _CSS_IMAGE_SET:
                yield from (a or b for a, b in _CSS_STRING.findall(found))
            else:
                yield found.strip()


def _unescape_css(match: re.Match[str]) -> str:
    if match.group(1) is None:
        return match.group(2)
    number = int(match.group(1), 16)
    return chr(number) if 0 < number <= 0x10FFFF and not 0xD800 <= number <= 0xDFFF else "\ufffd"


def _css_problems(css: str, url: str, policy: OutputPolicy) -> Iterator[tuple[CodeName, str, str]]:
    """A stylesheet loads what it names at once: this site only (and `data:` pictures)."""
    for address in css_addresses(css):
        if address and resolve(address, url, in_html=False).scheme != "data":
            yield from _address_problems(address, url, policy, followed=False)


def _addresses(name: str, value: str) -> Iterator[str]:
    if name not in _LISTS:
        yield value
        return
    for item in value.split(_LISTS[name]):
        words = item.split()
        if words:
            yield words[0]


def _script_problems(node: LexborNode, url: str, policy: OutputPolicy,
                     result: PageCheck) -> Iterator[tuple[CodeName, str, str]]:
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
                      followed: bool) -> Iterator[tuple[CodeName, str, str]]:
    where = resolve(address, url, in_html=False)  # the parser has undone the entities
    if where.on_site or (where.scheme == "https" and where.host in policy.known_hosts):
        return
    if followed and _may_follow(address, where, policy):
        return
    goes = f"`{where.href}`" if where.href else "nowhere a browser can load"
    what = "links" if followed else "loads or sends something"
    # the host too: an extension may have made the link of bare text (`www.example.org`)
    yield "HT510", f"{address}\n{where.host}", \
        f"`{_short(address)}` {what} off this site: a browser goes to {goes}"


def _may_follow(address: str, where: Destination, policy: OutputPolicy) -> bool:
    if where.scheme in ("mailto", "tel", "sms"):
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
                 allows_host: Callable[[str], bool]) -> SiteOutputCheck:
        """``templates``: the text of every template that may write a page; ``script_paths``:
        the site paths of the script files the theme and mkdocs.yml load."""
        root = page_root(site_url)
        texts = list(templates)
        files = frozenset(filter(None, (join(root, path) for path in script_paths)))
        hosts = frozenset(where.host for link in template_links(texts) if link
                          and (where := resolve(link, root, in_html=False)).scheme == "https"
                          and not where.credentials)
        return cls(site_url, OutputPolicy(template_scripts(texts), files, allows_host, hosts))

    def page(self, page_html: str, path: str, source_file: str) -> list[Problem]:
        """Check the page that will be written at site path ``path`` (`guides/reset/`)."""
        self.checked.add(path)
        result = check_page(page_html, join(page_root(self.site_url), path) or path, source_file,
                            self.policy)
        self.script_hashes |= result.script_hashes
        return result.problems

    def rest_of_site(self, site_dir: Path, source_file: str) -> list[Problem]:
        """Everything in the built site that a browser turns into a page, a DOM or a fetch
        and no page check saw: HTML and SVG files, stylesheets, and both search indexes,
        whose fields Material's search shows as HTML."""
        problems: list[Problem] = search_index_problems(site_dir, source_file)
        for file in sorted(site_dir.rglob("*")):
            suffix = file.suffix.lower()
            if suffix not in (".html", ".htm", ".svg", ".css") or not file.is_file():
                continue
            path = file.relative_to(site_dir).as_posix()
            text = file.read_text(encoding="utf-8", errors="replace")
            if suffix == ".css":
                problems += self._stylesheet(text, path, source_file)
                continue
            path = path.removesuffix("index.html")
            if path not in self.checked:
                problems += self.page(text, path, source_file)
        index = site_dir / MATERIAL_INDEX
        if index.is_file():
            problems += self.search_index(index.read_text(encoding="utf-8", errors="replace"),
                                          source_file)
        return problems

    def _stylesheet(self, css: str, path: str, source_file: str) -> list[Problem]:
        url = join(page_root(self.site_url), path) or path
        return [Problem(_locate(source_file, _read(source_file), offending), code,
                        f"stylesheet `{path}`: {why}", _HINTS[code])
                for code, offending, why in _css_problems(css, url, self.policy)]

    def search_index(self, text: str, source_file: str) -> list[Problem]:
        """Material's search shows a result's title, text and tags as HTML: each must hold
        only what a page may hold, and a tag (a keyword) no markup at all."""
        try:
            docs = json.loads(text).get("docs", [])
        except (ValueError, AttributeError):
            return [Problem(Location(source_file), "HT509", f"`{MATERIAL_INDEX}` is not the JSON "
                            "Material's search reads", _HINTS["HT509"])]
        problems: list[Problem] = []
        root = page_root(self.site_url)
        for doc in docs if isinstance(docs, list) else ():
            if not isinstance(doc, dict):
                continue
            where = str(doc.get("location", ""))
            url = join(root, where) or root
            fragments = [doc.get("title"), doc.get("text")]
            for tag in doc.get("tags") or ():
                if isinstance(tag, str) and _has_markup(tag):
                    problems.append(Problem(_locate(source_file, _read(source_file), tag), "HT509",
                                            f"search index, page `{where}`: tag `{_short(tag)}` "
                                            "holds markup, which search results would run",
                                            _HINTS["HT509"]))
            problems += [Problem(Location(source_file), code, f"search index, page `{where}`: {why}",
                                 _HINTS[code])
                         for code, _, why in _address_problems(where, url, self.policy, followed=True)]
            for fragment in fragments:
                if isinstance(fragment, str) and _INERT_HTML.sub("", fragment).count("<"):
                    problems += [Problem(p.location, p.code, "search index, " + p.message, p.hint)
                                 for p in check_page(fragment, url, source_file, self.policy).problems]
        return problems


def _has_markup(text: str) -> bool:
    """Whether HTML ``text`` is more than text: an element, a comment, anything not a text node."""
    root = LexborHTMLParser(text).body
    if root is None:
        return False
    return any(node.tag != "-text" for node in list(root.traverse(include_text=True))[1:])


_PLAIN_FIELDS = ("title", "tags", "keywords", "aliases", "lead", "body")


def index_problems(data: object, ours: bool) -> list[str]:
    """What in a search index file would run as markup in a reader's results: Material
    shows every field as HTML. ``ours`` (helptree's index): every field is escaped plain
    text; Material's own: no tags at all (it prints them unescaped) and no markup in titles."""
    found: list[str] = []
    docs = data.get("docs") if isinstance(data, dict) else None
    if not isinstance(docs, list):
        return ["has no list of docs"]
    for doc in docs:
        if not isinstance(doc, dict):
            found.append("holds a doc that is not an object")
            continue
        where = str(doc.get("location", "?"))
        if not ours and "tags" in doc:
            found.append(f"{where}: tags, which Material's search prints as HTML")
        for name in (*_PLAIN_FIELDS, "text") if ours else _PLAIN_FIELDS:
            value = doc.get(name)
            values = value if isinstance(value, list) else [value]
            if any(isinstance(v, str) and _INDEX_MARKUP.search(v) for v in values):
                found.append(f"{where}: markup in `{name}`")
    return found


def search_index_problems(site_dir: Path, source_file: str) -> list[Problem]:
    """Markup in a search index that a reader's results would show as HTML (Material's search
    prints every field of a result so): helptree's index must hold escaped plain text only,
    Material's own no tags at all (generator/plan/search.py)."""
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
