"""docs/tree-format.md: in the repository, linked from the README, naming every key and field
helptree reads, and with an example tree that passes the checks."""

from __future__ import annotations

import re
from pathlib import Path

from treekit import check_project, write_project

from generator.contacts import FIELDS
from generator.source import load

ROOT = Path(__file__).parent.parent
DOC = ROOT / "docs" / "tree-format.md"


def test_the_readme_points_at_the_format_in_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/tree-format.md)" in readme
    assert "project brief" not in readme


def test_every_key_and_contact_field_is_documented() -> None:
    doc = DOC.read_text(encoding="utf-8")
    keys = {*load.TREE_KEYS, *load.QUESTION_KEYS, *load.OUTCOME_KEYS, *load.ANSWER_KEYS,
            *load.CONTACT_KEYS, *load.HELP_KEYS, *FIELDS}
    missing = sorted(key for key in keys if f"`{key}`" not in doc and f"{key}:" not in doc)
    assert missing == []


def test_every_extension_in_the_readme_table_is_in_the_doc() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Extensions to the format", 1)[1].split("\n\n**", 1)[0]
    extensions = re.findall(r"^\| `([a-z_]+)` \|", table, re.MULTILINE)
    assert len(extensions) >= 7
    doc = DOC.read_text(encoding="utf-8")
    assert [key for key in extensions if f"| `{key}` |" not in doc] == []


def test_the_example_tree_passes_the_checks(tmp_path: Path) -> None:
    example = DOC.read_text(encoding="utf-8").split("```yaml\n", 1)[1].split("```", 1)[0]
    tree = write_project(tmp_path, example, {"recovery/reset-password.md": "# Reset\n"})
    project = check_project(tree)
    assert project.ok, [p.headline() for p in project.problems]
