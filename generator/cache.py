"""helptree's cache folder: what one build computed and the next process can reuse.

``HELPTREE_CACHE_DIR``, else ``$XDG_CACHE_HOME/helptree``, else ``~/.cache/helptree``.
Each file is a marshalled table named after what its values depend on (versions, options),
keyed by the input itself, so a stale entry is never read; deleting the folder only makes
the next build slower. Each holds its own checksum, and a reader may check every entry,
so a damaged or edited file is counted again, never trusted. Written atomically: a build
running at the same time never reads half a file, and a read-only or unusable folder only
means counting again.

Compiled Jinja templates (helptree's and the theme's) live there too, in ``templates/``,
under Jinja's own format: each names the template's file and holds its source's checksum,
so an edited template is compiled afresh.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2


def cache_dir() -> Path:
    chosen = os.environ.get("HELPTREE_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "helptree"


# A table file: this mark, the SHA-256 of the marshalled table, the table. A file that does
# not hold its own checksum (damaged, cut short, edited by hand) is never read as a table.
_MARK = b"helptree-table-1\n"


def load_table(path: Path, valid: Callable[[Any, Any], bool] | None = None) -> dict[Any, Any] | None:
    """The table kept at ``path``, or None when it is missing, unreadable, does not match
    its checksum, or holds an entry ``valid`` refuses: the caller then builds it anew."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest, payload = data[len(_MARK):len(_MARK) + 32], data[len(_MARK) + 32:]
    if not data.startswith(_MARK) or hashlib.sha256(payload).digest() != digest:
        return None
    try:
        table = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(table, dict):
        return None
    if valid is not None and not all(valid(key, value) for key, value in table.items()):
        return None
    return table


def store_table(path: Path, table: dict[Any, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            payload = marshal.dumps(table)
            with os.fdopen(handle, "wb") as out:
                out.write(_MARK + hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache that, like the tables, is only ever a shortcut: an unusable
    folder or a damaged file means compiling the template again. The folder is looked up
    on each use, so it follows ``HELPTREE_CACHE_DIR``."""

    def __init__(self) -> None:
        self.pattern = "__jinja2_%s.cache"

    @property
    def directory(self) -> str:  # type: ignore[override]
        return str(cache_dir() / "templates")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - any damage: compile it again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_cache() -> jinja2.BytecodeCache:
    """Compiled templates for the next process: compiling the theme's and helptree's
    templates is about a tenth of building a small help center."""
    return _TemplateCache()
