"""Markdown articles under ``content/``: their front matter, text and safe location."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.problems import Location, Problem, ProblemsError
from generator.source.files import SourceText
from generator.source.yaml_source import YNode, parse_yaml, read_source

MAX_ARTICLE_BYTES = 1_000_000
# MkDocs' own rules (mkdocs.utils.meta), so helptree checks the front matter MkDocs uses:
# a `---` block closed by `---` or `...`, or else MultiMarkdown `Key: value` lines at the top.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_EMPTY_FRONT_MATTER = re.compile(r"\A---[ \t]*\n---[ \t]*\n")
_MULTIMARKDOWN_META = re.compile(r"\A[ ]{0,3}([A-Za-z0-9_-]+):")
# Files MkDocs renders as pages, and files a browser runs as HTML when they are opened.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".xml", ".xsl")
# The only files published from content/ (issue #10): pages, pictures a browser cannot run,
# documents and styles. Anything else (HTML in any spelling, SVG, XML, scripts, a host's
# `_redirects` or `_headers`) is HT407, because hosts and browsers act on it as it is.
PUBLISHED_SUFFIXES = (*MARKDOWN_SUFFIXES, ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif",
                      ".ico", ".pdf", ".txt", ".css")
_MARKUP_IN_NAME = re.compile(r"[<>\"&\x00-\x1f\x7f]")  # & too: titles are printed unescaped
_HEADING = re.compile(r"^#[ \t]+(.*\S)", re.MULTILINE)  # no backtracking: linear on any line


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Article:
    """One page under ``content/``; ``src_uri`` is its path there, with ``/`` separators."""

    src_uri: str
    source: SourceText
    body: str
    body_line: int  # the source line the body starts on
    title: str
    description: str | None = None
    reviewed: dt.date | None = None
    sources: tuple[Source, ...] = ()
    meta: dict[str, YNode] = field(default_factory=dict, compare=False, repr=False)
    file_uri: str = ""  # its file under content/, when the site serves it elsewhere (a twin)
    keywords: tuple[str, ...] = ()  # words readers type that lead here: searched, listed in the A-Z
    search_aliases: tuple[str, ...] = ()  # misspellings and the like: searched, never shown
    languages: tuple[str, ...] | None = None  # `languages: [en]`: the editions that have it

    def in_language(self, language: str) -> bool:
        """Whether the edition in ``language`` has this article (every one, unless it says)."""
        return self.languages is None or language in self.languages

    @property
    def source_uri(self) -> str:
        """The file's path under content/ (``recovery/reset.es.md`` for ``es/recovery/reset.md``)."""
        return self.file_uri or self.src_uri

    @property
    def url(self) -> str:
        """The site URL MkDocs gives the page (directory URLs)."""
        path = PurePosixPath(self.src_uri)
        if path.name in ("index.md", "README.md"):
            parent = str(path.parent)
            return "" if parent == "." else parent + "/"
        return str(path.with_suffix("")) + "/"

    @property
    def section(self) -> str:
        parts = PurePosixPath(self.src_uri).parts
        return parts[0] if len(parts) > 1 else ""


def resolve_article_path(content_dir: Path, relative: str) -> tuple[Path | None, str | None]:
    """The file an ``article:`` value names, or why it may not be used."""
    if "\\" in relative or relative.startswith("/") or re.match(r"^[A-Za-z]:", relative):
        return None, "must be a relative path under content/, with `/` separators"
    if ".." in PurePosixPath(relative).parts:
        return None, "may not use `..` to leave content/"
    if any(ord(char) < 32 for char in relative) or len(relative) > 1000 or \
            any(len(part) > 255 for part in PurePosixPath(relative).parts):
        return None, "is not a usable file name (control characters, or far too long)"
    if not relative.endswith(".md"):
        return None, "must name a Markdown file ending in `.md`"
    path = content_dir / relative
    try:
        inside = path.resolve().is_relative_to(content_dir.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        return None, "points outside content/ (through a symbolic link)"
    return path, None


def read_article(content_dir: Path, src_uri: str) -> tuple[Article | None, list[Problem]]:
    path = content_dir / src_uri
    try:
        source = read_source(path, max_bytes=MAX_ARTICLE_BYTES)
    except ProblemsError as err:
        return None, err.problems
    text = source.text
    meta: dict[str, YNode] = {}
    problems: list[Problem] = []
    body_line = 1
    match = _FRONT_MATTER.match(text) or _EMPTY_FRONT_MATTER.match(text)
    if match:
        body_line = text[: match.end()].count("\n") + 1
        front = match.group(1) if match.re is _FRONT_MATTER else ""
        if front.strip():
            try:
                root = parse_yaml(SourceText(source.name, "\n" + front))
            except ProblemsError as err:
                return None, err.problems
            if root.kind != "map":
                problems.append(Problem(Location(source.name, 2, 1), "HT402",
                                        "front matter must be `key: value` lines"))
            else:
                meta = {key: value for key, (_, value) in root.mapping.items()}
    elif meta_line := _MULTIMARKDOWN_META.match(text):
        problems.append(Problem(Location(source.name, 1, 1), "HT403",
                                f"MkDocs reads `{meta_line.group(0).strip()}` on the first line as "
                                "page metadata: the line would not show, and themes print "
                                "metadata as HTML", "start the article with a `# Heading`, or put "
                                "front matter between `---` lines"))
    body = text[match.end():] if match else text
    title = _text(meta.get("title"))
    if title is None:
        heading = _HEADING.search(body)
        title = (heading.group(1).rstrip(" \t#") or heading.group(1)) if heading else \
            PurePosixPath(src_uri).stem.replace("-", " ")
    reviewed = meta.get("reviewed")
    sources: list[Source] = []
    listed = meta.get("sources")
    for item in listed.items if listed is not None and listed.kind == "seq" else []:
        if item.kind == "map":
            got = {k: _text(v) for k, (_, v) in item.mapping.items()}
            sources.append(Source(got.get("title") or "", got.get("url") or ""))
        elif item.kind == "scalar":
            sources.append(Source(item.raw, item.raw if item.raw.startswith("https:") else ""))
    keywords, search_aliases = (
        tuple(k for item in (listed.items if listed is not None and listed.kind == "seq" else ())
              if (k := _text(item)))
        for listed in (meta.get("keywords"), meta.get("search_aliases")))
    only = meta.get("languages")
    languages = None if only is None else tuple(
        code for item in (only.items if only.kind == "seq" else [only]) if (code := _text(item)))
    article = Article(
        src_uri=src_uri, source=source, body=body, body_line=body_line, title=title,
        description=_text(meta.get("description")), keywords=keywords,
        search_aliases=search_aliases,
        reviewed=reviewed.value if reviewed is not None and isinstance(reviewed.value, dt.date)
        else None,
        sources=tuple(sources), meta=meta, languages=languages,
    )
    return article, problems


def _text(node: YNode | None) -> str | None:
    if node is None or node.kind != "scalar" or node.value is None:
        return None
    return node.raw


def iter_markdown_files(content_dir: Path) -> list[str]:
    """Every ``.md`` under content/, sorted, as ``/``-separated paths; skips hidden files."""
    found: list[str] = []
    if not content_dir.is_dir():
        return found
    for path in sorted(content_dir.rglob("*.md")):
        relative = path.relative_to(content_dir)
        if any(part.startswith((".", "_")) for part in relative.parts):
            continue
        found.append(relative.as_posix())
    return found


def content_files(content_dir: Path) -> list[str]:
    """Every file MkDocs would publish from content/, relative: all but hidden ones."""
    found: list[str] = []
    for folder, folders, files in os.walk(content_dir):  # symbolic links are not followed
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found += [(Path(folder) / name).relative_to(content_dir).as_posix()
                  for name in sorted(files) if not name.startswith(".")]
    return found


def iter_published_files(content_dir: Path) -> list[str]:
    """Every file MkDocs would publish from content/ that can hold HTML: pages in any Markdown
    suffix (``_draft.md`` too) and HTML, SVG and XML files. Hidden ones are left out, as MkDocs
    leaves them out."""
    found: list[str] = []
    for folder, folders, files in os.walk(content_dir):  # symbolic links are not followed
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            relative = (Path(folder) / name).relative_to(content_dir).as_posix()
            if name.startswith(".") or relative.startswith("templates/"):
                continue
            if name.lower().endswith(MARKDOWN_SUFFIXES + ACTIVE_SUFFIXES):
                found.append(relative)
    return found


def unpublished_files(content_dir: Path) -> Iterator[Problem]:
    """HT407: every file MkDocs would publish whose type is not in PUBLISHED_SUFFIXES."""
    for folder, folders, files in os.walk(content_dir):  # symbolic links are not followed
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith(".") or path.relative_to(content_dir).as_posix().startswith("templates/"):
                continue  # MkDocs leaves these out (exclude_docs)
            if not name.lower().endswith(PUBLISHED_SUFFIXES):
                yield Problem(Location(str(path)), "HT407", "is a type of file helptree does not "
                              "publish: a browser or the host would act on it as it is",
                              f"keep only {', '.join(PUBLISHED_SUFFIXES)} files under content/; "
                              "move this one out")


def unsafe_entries(content_dir: Path) -> Iterator[Problem]:
    """HT406: what MkDocs must not publish or walk: a symbolic link out of content/ or back
    up into itself, pipes, sockets or devices (reading one can wait for ever), and names
    that would be HTML in the navigation."""
    root = content_dir.resolve()
    for folder, folders, files in os.walk(content_dir):  # symbolic links are not followed
        for name in sorted(folders + files):
            path = Path(folder) / name
            why = _unsafe_entry(path, root)
            if why:
                hint = "rename it" if why.startswith("has") else \
                    "replace it with a real file or folder inside content/, or remove it"
                yield Problem(Location(str(path)), "HT406", why, hint)


def _unsafe_entry(path: Path, root: Path) -> str | None:
    if _MARKUP_IN_NAME.search(path.name):
        return ("has <, >, \", & or a control character in its name, which MkDocs prints "
                "as HTML in page titles and the navigation")
    try:
        target = path.resolve(strict=True) if path.is_symlink() else path
        mode = target.stat().st_mode
    except (OSError, RuntimeError):
        return "is a broken or looping symbolic link" if path.is_symlink() else None
    if path.is_symlink():
        if not target.is_relative_to(root):
            return f"is a symbolic link to {target}, outside content/"
        if stat.S_ISDIR(mode) and path.parent.resolve().is_relative_to(target):
            return "is a symbolic link to a folder it is in: MkDocs would walk it for ever"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "is not a regular file or folder (a pipe, socket or device)"
    return None
