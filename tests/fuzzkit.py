"""How hard the property and fuzz tests search: the HELPTREE_FUZZ environment variable.

- unset (or ``0``): modest, for every `make test`: the hostile fuzz tests try a tenth of
  their full example counts, the other property tests hypothesis' usual 100 examples.
- ``1``: the full counts (what every run tried before issue #15).
- ``N`` > 1, or ``deep`` (= 10): N times the full counts, for a scheduled deep run,
  e.g. ``HELPTREE_FUZZ=10 pytest tests/hostile/test_hostile_fuzz.py tests/test_paths_properties.py``.

tests/conftest.py loads the matching hypothesis profile (``helptree-modest`` or
``helptree-deep``); ``examples(n)`` scales a test's own ``max_examples``.
"""

from __future__ import annotations

import os

MODEST_SHARE = 0.1  # of a fuzz test's full example count, when HELPTREE_FUZZ is unset


def level() -> int:
    """0 for modest, else the multiple of the full example counts."""
    raw = os.environ.get("HELPTREE_FUZZ", "").strip().lower()
    if raw in ("", "0", "modest", "no", "off", "false"):
        return 0
    if raw == "deep":
        return 10
    try:
        value = int(raw)
    except ValueError as err:
        raise ValueError(f"HELPTREE_FUZZ={raw!r}: use 0 (modest), 1 (full), N or `deep`") from err
    if value < 0:
        raise ValueError(f"HELPTREE_FUZZ={raw!r}: use 0 (modest), 1 (full), N or `deep`")
    return value


def examples(full: int) -> int:
    """The example count for a test whose full count is ``full``."""
    scale = level()
    return max(10, round(full * MODEST_SHARE)) if scale == 0 else full * scale


def profile() -> str:
    return "helptree-modest" if level() == 0 else "helptree-deep"


def describe() -> str:
    scale = level()
    if scale == 0:
        return f"HELPTREE_FUZZ unset: modest fuzzing ({MODEST_SHARE:.0%} of the full counts)"
    return f"HELPTREE_FUZZ={scale}: {scale}x the full fuzz counts"
