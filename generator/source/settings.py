"""mkdocs.yml's own settings that end up in every page, or decide what a build reads and
writes: checked once, before anything is read or built, each refusal located in mkdocs.yml.

A link MkDocs or Material writes from the config (`repo_url`, `extra.social`), a script or
stylesheet it loads (`extra_javascript`, `extra.analytics`), a folder it reads (the theme's
`custom_dir`, a Markdown extension's `base_path`) or writes (`site_dir`, `redirect_maps`)
is data from the project like the tree is. Knows nothing of MkDocs: it reads mkdocs.yml as
YAML data (``project.read_mkdocs_yml``).
"""

from __future__ import annotations

import functools
import os
import re
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ada_url import URL

from generator.links import find_links
from generator.markup import raw_html_problems
from generator.problems import Location, Problem
from generator.source.files import find_in_file

# Hosts that serve localhost: a preview may use http: there, nothing else may.
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
_MARKUP = re.compile(r"<[A-Za-z!/?]|&[#A-Za-z]")  # what a theme printing text as HTML would read as markup
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029\\]")  # and a backslash, which browsers read as `/`
# Material's analytics providers and the hosts each loads from and sends to.
ANALYTICS_HOSTS = {"google": ("www.googletagmanager.com", "www.google-analytics.com")}


@dataclass(frozen=True)
class ConfigLink:
    """An address mkdocs.yml puts into pages for readers to follow (`repo_url`)."""

    setting: str
    url: str
    where: Location


@dataclass(frozen=True)
class Settings:
    """What the rest of helptree needs from mkdocs.yml's own settings, checked."""

    site_url: str = ""  # https (http for localhost), no user, ends in `/`; "" when none
    links: tuple[ConfigLink, ...] = ()  # checked against `allowed_domains` with the tree
    third_party: tuple[str, ...] = ()  # hosts the project opted in to load scripts from


def read_settings(config: Mapping[str, Any], config_file: Path, *,
                  third_party: tuple[str, ...] = (), resolve: Callable[[Any], Any] = lambda v: v
                  ) -> tuple[Settings, list[Problem]]:
    """The checked settings of mkdocs.yml, and every problem with them. ``resolve`` reads
    a value as MkDocs does (`!ENV`); ``third_party`` is the plugin's opt-in."""
    at = functools.partial(find_in_file, config_file)
    root = config_file.resolve().parent
    problems: list[Problem] = []
    raw_site_url = config.get("site_url")
    site_url, why = checked_site_url(resolve(raw_site_url))
    if why:
        variable = _env_names(raw_site_url)
        origin = f" (from the environment variable {variable})" if variable else ""
        problems.append(Problem(at("site_url:"), "HT514", f"`site_url`{origin} {why}",
                                "write the address readers open, like `https://help.example.org/`"))
    problems += [p for p in (_third_party_problem(host, at) for host in third_party) if p]
    links = tuple(_config_links(config, resolve, at))
    for link in links:
        why = _link_problem(link.url)
        if why:
            problems.append(Problem(link.where, "HT515", f"`{link.setting}` {why}",
                                    "write an https:// address on `allowed_domains`, or remove it"))
    copyright_text = resolve(config.get("copyright"))
    if isinstance(copyright_text, str):
        problems += [Problem(at("copyright:"), "HT515", f"`copyright`: {p.message}",
                             "write plain text and links; Material prints it as HTML on every page")
                     for p in raw_html_problems(copyright_text, lambda _: at("copyright:"))]
    problems += _loaded_problems(config, resolve, at, third_party)
    problems += _path_problems(config, resolve, at, root)
    for key in ("site_name", "site_description", "site_author"):  # themes print them as HTML
        value = resolve(config.get(key))
        markup = _MARKUP.search(value) if isinstance(value, str) else None
        if markup:
            problems.append(Problem(at(f"{key}:"), "HT515", f"`{key}` holds `{markup.group(0)}`, "
                                    "which every page would print as markup", "write plain text"))
    return Settings(site_url, tuple(link for link in links if not _link_problem(link.url)),
                    third_party), problems


def checked_site_url(value: Any) -> tuple[str, str | None]:
    """`site_url` as every command uses it, or why it cannot be: https (http only for
    localhost), no user or password, no control character or space, no query or fragment.
    A path without its final `/` gets one, as MkDocs adds it."""
    if value is None or value == "":
        return "", None
    if not isinstance(value, str):
        return "", "must be text"
    if _CONTROL.search(value):
        return "", "holds a space, backslash, line break or control character"
    try:
        url = URL(value)
    except ValueError:
        return "", f"`{value}` is not an address"
    scheme, host = str(url.protocol), str(url.host)
    if scheme != "https:" and not (scheme == "http:" and str(url.hostname) in
                                   (*_LOCAL_HOSTS, "::1")):
        return "", f"`{value}` is not an https: address (http: only for localhost)"
    if str(url.username) or str(url.password):
        return "", f"`{value}` names a user before `@`: a browser goes to `{host}`"
    if str(url.search) or str(url.hash):
        return "", f"`{value}` has a query or a fragment"
    href = str(url.href)
    return (href if href.endswith("/") else href + "/"), None


def _env_names(value: Any) -> str:
    tag, names = getattr(value, "tag", None), getattr(value, "value", None)
    if tag != "!ENV":
        return ""
    listed = names if isinstance(names, list) else [names]
    variables = listed[:-1] if len(listed) > 1 else listed
    return ", ".join(f"`{name}`" for name in variables if isinstance(name, str) and name in os.environ)


def _third_party_problem(host: str, at: Callable[..., Location]) -> Problem | None:
    if re.fullmatch(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]", host):
        return None
    return Problem(at("allow_third_party"), "HT502", f"helptree option `allow_third_party`: "
                   f"`{host}` is not a host name", "list hosts like `www.googletagmanager.com`")


def _config_links(config: Mapping[str, Any], resolve: Callable[[Any], Any],
                  at: Callable[..., Location]) -> Iterator[ConfigLink]:
    """Every address MkDocs and Material write into pages from mkdocs.yml as a link."""
    for key in ("repo_url", "edit_uri"):  # a plain `edit_uri` is a path below `repo_url`
        value = resolve(config.get(key))
        if isinstance(value, str) and value and (key == "repo_url" or _has_scheme(value)):
            yield ConfigLink(key, value, at(f"{key}:"))
    extra = resolve(config.get("extra"))
    extra = extra if isinstance(extra, Mapping) else {}
    for key in ("social", "alternate"):
        items = resolve(extra.get(key))
        for item in items if isinstance(items, list) else ():
            link = resolve(item.get("link")) if isinstance(item, Mapping) else None
            if isinstance(link, str) and link and (_has_scheme(link) or link.startswith("//")):
                yield ConfigLink(f"extra.{key}", link, at(f"link: {link}", "link:"))
    plugins = dict(_extensions(resolve(config.get("plugins"))))
    redirects = plugins.get("redirects")
    maps = resolve(redirects.get("redirect_maps")) if isinstance(redirects, Mapping) else None
    for old, new in (maps.items() if isinstance(maps, Mapping) else ()):
        if isinstance(new, str) and (_has_scheme(new) or new.startswith("//")):
            yield ConfigLink("redirect_maps", new, at(f"{old}:"))
    copyright_text = resolve(config.get("copyright"))
    if isinstance(copyright_text, str):  # Material writes it into every page as HTML
        for url in find_links(copyright_text):
            if _has_scheme(url) or url.startswith("//"):
                yield ConfigLink("copyright", url, at("copyright:"))
    homepage = resolve(extra.get("homepage"))
    if isinstance(homepage, str) and (_has_scheme(homepage) or homepage.startswith("//")):
        yield ConfigLink("extra.homepage", homepage, at("homepage:"))


def _has_scheme(value: str) -> bool:
    return bool(re.match(r"\s*[A-Za-z][A-Za-z0-9+.-]*:", value))


def _link_problem(url: str) -> str | None:
    """Why a link from mkdocs.yml is no https: address a reader may follow (the allow-list
    is checked with the tree's, in ``check``)."""
    if _CONTROL.search(url.strip()) or url != url.strip():
        return "holds a space, backslash, line break or control character"
    if url.startswith("mailto:"):
        return None
    try:
        parsed = URL(url)
    except ValueError:
        return f"`{url}` is not an address"
    if str(parsed.protocol) != "https:":
        return f"`{url}` is not an https: address: a reader's click would run or open it"
    if str(parsed.username) or str(parsed.password):
        return f"`{url}` names a user before `@`: a browser goes to `{parsed.hostname}`"
    return None


def link_host(url: str) -> str:
    """The host a browser goes to for an https: link (empty for mailto:)."""
    try:
        return str(URL(url).hostname) if url.startswith("https:") else ""
    except ValueError:
        return ""


def _loaded_problems(config: Mapping[str, Any], resolve: Callable[[Any], Any], at: Callable[..., Location],
                     third_party: tuple[str, ...]) -> Iterator[Problem]:
    """Scripts and stylesheets mkdocs.yml loads: from this site, or from a host the project
    opted in to with `allow_third_party` (which also widens the Content-Security-Policy)."""
    extra = resolve(config.get("extra"))
    analytics = resolve(extra.get("analytics")) if isinstance(extra, Mapping) else None
    if isinstance(analytics, Mapping) and analytics.get("provider"):
        provider = str(analytics.get("provider"))
        needed = ANALYTICS_HOSTS.get(provider, ())
        missing = [host for host in needed if host not in third_party] if needed else ["?"]
        if missing:
            hosts = ", ".join(needed) or "the hosts it loads from"
            yield Problem(at("analytics:"), "HT515", f"`extra.analytics` ({provider}) loads a "
                          "script from another host on every page and sends it what readers do",
                          f"remove it; or opt in with the helptree option `allow_third_party: "
                          f"[{hosts}]` and tell readers in your privacy notice")
    theme = resolve(config.get("theme"))
    theme = theme if isinstance(theme, Mapping) else {}
    loaded: list[tuple[str, Any]] = [("extra_javascript", item) for item in
                                     _items(resolve(config.get("extra_javascript")))]
    loaded += [("extra_css", item) for item in _items(resolve(config.get("extra_css")))]
    loaded += [(f"theme.{key}", resolve(theme.get(key))) for key in ("logo", "favicon")]
    for setting, item in loaded:
        value = resolve(item.get("path")) if isinstance(item, Mapping) else item
        if not isinstance(value, str) or not value:
            continue
        if _CONTROL.search(value):
            yield Problem(at(value), "HT515", f"`{setting}` `{value}` holds a space or control "
                          "character", "write the path of a file of the site")
            continue
        if not (_has_scheme(value) or value.startswith(("//", "\\\\", "/\\"))):
            continue
        host = link_host(value) if value.startswith("https:") else ""
        if host and host in third_party:
            continue
        yield Problem(at(value, f"{setting}:"), "HT515", f"`{setting}` loads `{value}` from "
                      "another host: every reader's browser would ask it", "copy the file into "
                      "the site and name its path; or opt in with `allow_third_party: [HOST]`")


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _path_problems(config: Mapping[str, Any], resolve: Callable[[Any], Any], at: Callable[..., Location],
                   root: Path) -> Iterator[Problem]:
    """Folders the build reads from and writes into must be the project's own."""
    theme = resolve(config.get("theme"))
    custom_dir = resolve(theme.get("custom_dir")) if isinstance(theme, Mapping) else None
    if isinstance(custom_dir, str):
        why = outside_why(root / custom_dir, root, folder=True)
        if why:
            yield Problem(at("custom_dir:"), "HT516", f"`theme.custom_dir` {why}",
                          "keep the theme overrides in a real folder inside the project")
    for name, options in _extensions(resolve(config.get("markdown_extensions"))):
        yield from _extension_problems(name, options, resolve, at, root)
    # content/'s own entries are HT406, at their place; the folder itself must be the project's
    for key, folder in (("docs_dir", True), ("INHERIT", False)):
        value = resolve(config.get(key))
        why = outside_why(root / value, root, folder=folder, walk=False) \
            if isinstance(value, str) else None
        if why:
            yield Problem(at(f"{key}:"), "HT516", f"`{key}` {why}", "keep the project's "
                          "articles and settings in real files inside the project folder")
    for hook in _items(resolve(config.get("hooks"))):  # Python MkDocs runs: the project's own
        why = outside_why(root / hook, root) if isinstance(hook, str) else None
        if why:
            yield Problem(at(f"{hook}", "hooks:"), "HT516", f"`hooks` {why}",
                          "keep hooks in real files inside the project folder")
    site_dir = resolve(config.get("site_dir"))
    if isinstance(site_dir, str) and site_dir:
        target = root / site_dir
        if target.is_symlink() or not _inside(target, root):
            yield Problem(at("site_dir:"), "HT516", f"`site_dir` `{site_dir}` is a symbolic "
                          "link or leaves the project: the site and its lock would be written "
                          "there", "build into a folder inside the project, or name the "
                          "folder you mean with `helptree build --site-dir DIR`")
    for plugin, options in _extensions(resolve(config.get("plugins"))):  # the same shapes
        if plugin != "redirects" or not isinstance(options, Mapping):
            continue
        maps = resolve(options.get("redirect_maps"))
        for old in maps if isinstance(maps, Mapping) else ():
            why = site_path_why(str(old))
            if why:
                yield Problem(at(f"{old}:", "redirect_maps:"), "HT516",
                              f"`redirect_maps` page `{old}` {why}: the redirect would be "
                              "written outside the site", "name a page of the site, like "
                              "`old-page.md`")


def site_path_why(path: str) -> str | None:
    """Why ``path`` is no file path inside the site folder (`..`, absolute, `\\`)."""
    parts = path.replace("\\", "/").split("/")
    if not path or path.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", path) or "\\" in path:
        return "is not a path relative to the site"
    if ".." in parts or _CONTROL.search(path):
        return "leaves the site with `..`" if ".." in parts else "holds a control character"
    return None


def _extensions(value: Any) -> Iterator[tuple[str, Any]]:
    for item in value if isinstance(value, list) else ():
        if isinstance(item, str):
            yield item, None
        elif isinstance(item, Mapping):
            yield from ((str(name), options) for name, options in item.items())
    if isinstance(value, Mapping):  # MkDocs also takes a mapping of extension -> options
        yield from ((str(name), options) for name, options in value.items())


def _extension_problems(name: str, options: Any, resolve: Callable[[Any], Any], at: Callable[..., Location],
                        root: Path) -> Iterator[Problem]:
    """A Markdown extension that reads files (pymdownx.snippets, pymdownx.b64, include
    extensions: any `base_path`) reads only inside the project, and fetches nothing."""
    if not isinstance(options, Mapping):
        return
    bases = resolve(options.get("base_path"))
    for key, folders in (("base_path", bases), ("auto_append", resolve(options.get("auto_append")))):
        for folder in ([folders] if isinstance(folders, str) else folders or []):
            if not isinstance(folder, str):
                continue
            why = outside_why(root / folder, root, folder=key == "base_path")
            if why:
                yield Problem(at(f"{key}:"), "HT516", f"`{name}` option `{key}`: {why}: "
                              "pages could include any file it reaches",
                              "use a folder inside the project, like `content/snippets`")
    if "snippets" in name:
        if options.get("restrict_base_path") is False:
            yield Problem(at("restrict_base_path:"), "HT516", f"`{name}` with "
                          "`restrict_base_path: false` includes files from anywhere",
                          "remove the setting (it is true by default)")
        if options.get("url_download"):
            yield Problem(at("url_download:"), "HT516", f"`{name}` with `url_download: true` "
                          "puts whatever another host sends into pages",
                          "remove the setting; copy the snippet into the project")


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        return False


def outside_why(path: Path, root: Path, *, folder: bool = False, walk: bool = True) -> str | None:
    """Why helptree must not read ``path``: it leaves the project (``root``, resolved), is
    or goes through a symbolic link, is not a regular file (or, ``folder``, a folder), or
    (``walk``) holds a symbolic link or special file. Says nothing of what it holds."""
    absolute = Path(os.path.abspath(path))  # `..` undone, symbolic links not followed
    if not absolute.is_relative_to(root) or not _inside(absolute, root):
        return f"`{path}` is outside the project folder {root}"
    walked = root
    for part in absolute.relative_to(root).parts:
        walked = walked / part
        if walked.is_symlink():
            return f"`{path}` is or goes through the symbolic link {walked}"
    if not absolute.exists():
        return None  # missing: what reads it says so
    if folder and absolute.is_dir():
        for parent, folders, files in os.walk(absolute) if walk else ():
            for name in folders + files:
                entry = Path(parent) / name
                if entry.is_symlink():
                    return f"holds the symbolic link {entry}"
                if not (entry.is_dir() or entry.is_file()):
                    return f"holds {entry}, which is not a regular file or folder"
        return None
    if not absolute.is_file():
        return f"`{path}` is not a regular file"
    return None


def strings_problems(defaults: Mapping[str, str], overrides: Mapping[str, Any], at: Callable[[str], Location],
                     label: str = "") -> Iterator[Problem]:
    """Each interface string override may use exactly the fields of the string it replaces,
    by name, with no conversion or format spec (`{title:.3}` would cut a filled-in HTML tag)."""
    for key, value in overrides.items():
        if isinstance(value, Mapping) or key not in defaults:
            continue
        where = at(f"{key}:")
        if not isinstance(value, str):
            yield Problem(where, "HT506", f"`strings` {label}`{key}` must be text", "quote it")
            continue
        allowed = {name for _, name, _, _ in string.Formatter().parse(defaults[key]) if name}
        try:
            fields = list(string.Formatter().parse(value))
        except ValueError as err:
            yield Problem(where, "HT506", f"`strings` {label}`{key}`: {err}",
                          "write `{{` and `}}` for a brace; fields look like `{name}`")
            continue
        for _, name, spec, conversion in fields:
            if name is None:
                continue
            if not name or name.isdigit() or name not in allowed or spec or conversion:
                known = ", ".join(f"`{{{f}}}`" for f in sorted(allowed)) or "none"
                yield Problem(where, "HT506", f"`strings` {label}`{key}` has the field "
                              f"`{{{name}{'!' + conversion if conversion else ''}"
                              f"{':' + spec if spec else ''}}}`",
                              f"this string takes {known}, by name, as they are")
                break
        missing = allowed - {name for _, name, _, _ in fields if name}
        if missing and key == "date_format":  # a date with no day, month or year is no date
            yield Problem(where, "HT506", f"`strings` {label}`date_format` leaves out "
                          + ", ".join(f"`{{{f}}}`" for f in sorted(missing)),
                          "write the date with `{day}`, `{month}` and `{year}`")
        if key == "months" and len(value.split()) != 12:
            yield Problem(where, "HT506", f"`strings` {label}`months` names "
                          f"{len(value.split())} months, not 12", "list the twelve month names, "
                          "separated by spaces")
