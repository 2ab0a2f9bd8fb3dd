"""The package's layering, read from its imports (every import, in functions too): each
folder imports only its own rank and those below it, so the pipeline reads in the folders'
order; no circle; MkDocs only in the adapters; the README's code layout naming every module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"
README = PACKAGE.parent / "README.md"
# The pipeline's order: the shared records at the root, then reading, checking, planning,
# opening mkdocs.yml, the writers and the command line. "" is the package's root.
RANKS = ("", "source", "check", "plan", "project", "write", "cli")
# mkdocs.yml is read through MkDocs' typed options, so `project/` is the lowest adapter.
ADAPTERS = {"project", "write", "cli"}
MKDOCS = {"mkdocs", "mkdocs_redirects", "material"}


FOLDERS = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}


def _module_name(file: Path) -> str:
    """`check/run.py` is `check.run`; a folder's `__init__.py` is the folder, `check`."""
    parts = file.relative_to(PACKAGE).with_suffix("").parts
    if len(parts) > 1 and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports() -> dict[str, tuple[set[str], set[str]]]:
    """Each module (dotted, below `generator`): the generator modules it imports, and the
    other top-level packages."""
    found: dict[str, tuple[set[str], set[str]]] = {}
    for file in sorted(PACKAGE.rglob("*.py")):
        own: set[str] = set()
        other: set[str] = set()
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
                if node.module == "generator" or node.module.startswith("generator."):
                    # `from generator.check import run` imports the module `check.run`.
                    names += [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name == "generator" or name.startswith("generator."):
                    own.add(name.removeprefix("generator").removeprefix("."))
                else:
                    other.add(name.split(".")[0])
        found[_module_name(file)] = (own, other)
    # Keep only names that are modules (`from x import name` names a function too).
    return {module: ({name for name in own if name in found} - {module}, other)
            for module, (own, other) in found.items()}


IMPORTS = _imports()


def _folder(module: str) -> str:
    first = module.split(".", maxsplit=1)[0]
    return first if first in FOLDERS else ""


def _reach(module: str) -> set[str]:
    seen: set[str] = set()
    todo = [module]
    while todo:
        for name in IMPORTS.get(todo.pop(), (set(), set()))[0]:
            if name not in seen:
                seen.add(name)
                todo.append(name)
    return seen


def test_the_package_is_read_as_folders() -> None:
    # The walk found the folders; a test that read nothing would pass everything below.
    assert {_folder(module) for module in IMPORTS} == set(RANKS)
    assert "plan.site" in IMPORTS
    assert "source.spec" in IMPORTS["plan.site"][0] | _reach("plan.site")


def test_each_folder_imports_only_its_rank_and_below() -> None:
    upward = {
        module: sorted(name for name in own
                       if RANKS.index(_folder(name)) > RANKS.index(_folder(module)))
        for module, (own, _) in IMPORTS.items()
    }
    assert {module: names for module, names in upward.items() if names} == {}


def test_no_module_imports_itself_through_others() -> None:
    assert [module for module in IMPORTS if module in _reach(module)] == []


def test_only_the_adapters_import_mkdocs() -> None:
    direct = {module for module, (_, other) in IMPORTS.items() if other & MKDOCS}
    assert direct, "no module imports MkDocs: the walk is broken"
    assert {_folder(module) for module in direct} <= ADAPTERS, direct


def test_the_core_reaches_no_adapter_and_so_no_mkdocs() -> None:
    core = {module for module in IMPORTS if _folder(module) not in ADAPTERS}
    assert {module: sorted(name for name in _reach(module) if _folder(name) in ADAPTERS)
            for module in core
            if any(_folder(name) in ADAPTERS for name in _reach(module))} == {}


def test_the_readme_layout_names_every_module() -> None:
    text = README.read_text(encoding="utf-8").split("## Code layout", 1)[1].split("\n## ", 1)[0]
    named = {name.removesuffix(".py").replace("/", ".")
             for name in re.findall(r"`(?:generator/)?((?:[a-z_]+/)?[a-z_]+\.py)`", text)}
    named = {name for name in named if "." not in name or _folder(name)}  # not tests/
    expected = set(IMPORTS) - {"__init__"} - FOLDERS
    assert expected - named == set()
    assert named - expected == set()
