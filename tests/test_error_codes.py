"""docs/error-codes.md documents exactly the problem codes the code can report."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
CODE = re.compile(r"""["'](HT\d{3})["']""")


def test_every_code_in_generator_is_documented_and_no_other() -> None:
    used = {code for path in (ROOT / "generator").rglob("*.py")
            for code in CODE.findall(path.read_text(encoding="utf-8"))}
    documented = set(re.findall(r"^\| (HT\d{3}) \|", (ROOT / "docs" / "error-codes.md")
                                .read_text(encoding="utf-8"), re.MULTILINE))
    assert used, "no codes found: has the Problem code style changed?"
    assert sorted(used - documented) == [], "codes missing from docs/error-codes.md"
    assert sorted(documented - used) == [], "documented codes the code never reports"
