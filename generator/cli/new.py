"""``helptree new``: a project set up the way this repository is, and another guide added
to an existing help center (its tree, and its entry in mkdocs.yml, comments kept)."""

from __future__ import annotations

import json
import re
import shutil
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from generator import PACKAGE_DIR
from generator.problems import Location, Problem, ProblemsError
from generator.project.mkdocs_yml import open_project
from generator.source.schema import write_all

SCAFFOLD = PACKAGE_DIR / "scaffold"
SCHEMA_FOLDER = "schema"  # the JSON Schemas, beside mkdocs.yml
GUIDE_TEMPLATE = PACKAGE_DIR / "templates" / "new_guide.yaml"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # fullmatch: `$` would pass "name\n"
_PLUGIN_LINE = re.compile(r"^(?P<indent>[ ]*)- helptree(?P<colon>:)?[ \t]*(?:#.*)?$", re.MULTILINE)


def install_source() -> str:
    """Where a new project's `pip install` gets helptree from: the source checkout this
    helptree runs from (a folder with helptree's pyproject.toml), else the folder or wheel
    pip installed it from (PEP 610 `direct_url.json`), else its name."""
    checkout = PACKAGE_DIR.parent
    pyproject = checkout / "pyproject.toml"
    if pyproject.is_file() and 'name = "helptree"' in pyproject.read_text(encoding="utf-8"):
        return str(checkout)
    try:
        direct = json.loads(metadata.distribution("helptree").read_text("direct_url.json") or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        direct = {}
    url = direct.get("url", "") if isinstance(direct, dict) else ""
    if isinstance(url, str) and url.startswith("file:"):
        return url2pathname(urlsplit(url).path)
    return "helptree"


def new_project(target: Path, guides: list[str], source: str | None = None) -> None:
    """The scaffold in ``target`` (new or empty), with a guide for each extra name; its
    README and Makefile install helptree from ``source`` (default: ``install_source()``).
    ProblemsError when ``target`` is in use or a name cannot be a guide."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ProblemsError(Problem(Location(str(target)), "HT508", "already exists and is not "
                                    "empty", "pick a new folder"))
    for name in guides:
        _check_name(name, Location(str(target)))
    shutil.copytree(SCAFFOLD, target, dirs_exist_ok=True)
    # Packaged as `gitignore`: package data leaves out dot files.
    (target / "gitignore").rename(target / ".gitignore")
    for name in ("README.md", "Makefile"):
        page = target / name
        page.write_text(page.read_text(encoding="utf-8").replace(
            "@HELPTREE_SOURCE@", source or install_source()), encoding="utf-8")
    write_all(target / SCHEMA_FOLDER)  # named on the first line of each YAML file, for editors
    for name in guides:
        add_guide(target / "mkdocs.yml", name)


def add_guide(config_file: Path, name: str) -> Path:
    """Add the guide ``name`` (base and file name) to the project: `guides/<name>.yaml` and
    its line under the plugin's `guides:`. Returns the new tree; ProblemsError otherwise,
    with mkdocs.yml left as it was."""
    spec, _ = open_project(config_file)
    where = Location(str(config_file))
    _check_name(name, where)
    if any(guide.base == name for guide in spec.guides):
        raise ProblemsError(Problem(where, "HT504", f"a guide already has the base `{name}`",
                                    "pick another name"))
    tree = config_file.parent / "guides" / f"{name}.yaml"
    if tree.exists():
        raise ProblemsError(Problem(Location(str(tree)), "HT508", "already exists",
                                    "pick another name, or add the guide to mkdocs.yml by hand"))
    before = config_file.read_text(encoding="utf-8")
    existing = [(str(g.tree.relative_to(config_file.parent)), g.base) for g in spec.guides]
    after = with_guide(before, existing, (f"guides/{name}.yaml", name), where)
    tree.parent.mkdir(parents=True, exist_ok=True)
    title = name.replace("-", " ").capitalize()
    tree.write_text(GUIDE_TEMPLATE.read_text(encoding="utf-8").replace("GUIDE_TITLE", title),
                    encoding="utf-8")
    config_file.write_text(after, encoding="utf-8")
    try:
        reopened, _ = open_project(config_file)
        if not any(guide.base == name for guide in reopened.guides):
            raise ProblemsError(Problem(where, "HT502", "the new guide could not be added to "
                                        "mkdocs.yml", "add it under `guides:` by hand"))
    except ProblemsError:
        config_file.write_text(before, encoding="utf-8")
        tree.unlink()
        raise
    return tree


def with_guide(text: str, existing: list[tuple[str, str]], new: tuple[str, str],
               where: Location) -> str:
    """mkdocs.yml's text with ``new`` (tree, base) as the last item of the plugin's
    `guides:`; a lone `tree:`/`base:` (or none) becomes the first item. Only the lines of
    the plugin entry change, so comments elsewhere stay."""
    found = _PLUGIN_LINE.search(text)
    if found is None:
        raise ProblemsError(Problem(where, "HT502", "cannot find the `- helptree` line in "
                                    "mkdocs.yml", "add the guide under `guides:` by hand"))
    lines = text.splitlines(keepends=True)
    first = text[: found.start()].count("\n")
    indent = len(found.group("indent"))
    end = first + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].lstrip().startswith("#")
                                or _indent(lines[end]) > indent):
        end += 1
    while end > first + 1 and not lines[end - 1].strip():
        end -= 1
    block = lines[first + 1:end]
    options = [line for line in block if line.strip() and not line.lstrip().startswith("#")]
    option_indent = _indent(options[0]) if options else indent + 4
    pad = " " * option_indent
    item = f"{pad}  - {{tree: {new[0]}, base: {new[1]}}}\n"
    listed = next((i for i, line in enumerate(block)
                   if _indent(line) == option_indent and line.strip().startswith("guides:")), None)
    if listed is not None:
        after = listed + 1
        while after < len(block) and (not block[after].strip() or _indent(block[after]) > option_indent):
            after += 1
        while after > listed + 1 and not block[after - 1].strip():
            after -= 1
        block.insert(after, item)
    else:
        block = [line for line in block if not (_indent(line) == option_indent and
                                                line.strip().startswith(("tree:", "base:")))]
        block[:0] = [f"{pad}guides:\n"] + [f"{pad}  - {{tree: {tree}, base: {base}}}\n"
                                             for tree, base in existing] + [item]
    head = lines[first] if found.group("colon") else \
        lines[first].replace("- helptree", "- helptree:", 1)
    return "".join([*lines[:first], head, *block, *lines[end:]])


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _check_name(name: str, where: Location) -> None:
    if not _SLUG.fullmatch(name):
        raise ProblemsError(Problem(where, "HT503", f"guide name `{name}` is not a URL folder",
                                    "use lowercase letters, digits and hyphens, like `money`"))
