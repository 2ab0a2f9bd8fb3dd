"""The package's layering, read from its imports (every import, in functions too): no
circle; MkDocs only in the adapters; the core reaching no adapter; the README's code
layout naming every module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"
README = PACKAGE.parent / "README.md"
# The writers and commands over the one pipeline, and `project.py`, which reads mkdocs.yml
# through MkDocs' typed options (`config.py`). Everything else is the core.
ADAPTERS = {"build", "cli", "config", "export", "newproject", "plugin", "preview", "project",
            "site_cli"}
MKDOCS = {"mkdocs", "mkdocs_redirects", "material"}


def _imports() -> dict[str, tuple[set[str], set[str]]]:
    """Each module: (the generator modules it imports, the other top-level packages)."""
    found: dict[str, tuple[set[str], set[str]]] = {}
    for file in sorted(PACKAGE.glob("*.py")):
        own: set[str] = set()
        other: set[str] = set()
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else \
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            for name in names:
                if name.startswith("generator."):
                    own.add(name.split(".")[1])
                else:
                    other.add(name.split(".")[0])
        found[file.stem] = (own, other)
    return found


IMPORTS = _imports()


def _reach(module: str) -> set[str]:
    seen: set[str] = set()
    todo = [module]
    while todo:
        for name in IMPORTS.get(todo.pop(), (set(), set()))[0]:
            if name not in seen:
                seen.add(name)
                todo.append(name)
    return seen


def test_no_module_imports_itself_through_others() -> None:
    assert [module for module in IMPORTS if module in _reach(module)] == []


def test_only_the_adapters_import_mkdocs() -> None:
    direct = {module for module, (_, other) in IMPORTS.items() if other & MKDOCS}
    assert direct <= ADAPTERS, direct - ADAPTERS


def test_the_core_reaches_no_adapter_and_so_no_mkdocs() -> None:
    core = set(IMPORTS) - ADAPTERS - {"__init__"}
    assert {module: _reach(module) & ADAPTERS for module in core
            if _reach(module) & ADAPTERS} == {}


def test_the_readme_layout_names_every_module() -> None:
    text = README.read_text(encoding="utf-8").split("## Code layout", 1)[1]
    named = set(re.findall(r"`(?:generator/)?([a-z_]+)\.py`", text))
    assert set(IMPORTS) - {"__init__"} - named == set()
    assert named - set(IMPORTS) == set()
