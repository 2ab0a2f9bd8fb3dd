"""helptree's cache folder: what one build computed and the next process can reuse.

``HELPTREE_CACHE_DIR``, else ``$XDG_CACHE_HOME/helptree``, else ``~/.cache/helptree``.
Each file is a marshalled table named after what its values depend on (versions, options),
keyed by the input itself, so a stale entry is never read; deleting the folder only makes
the next build slower. Each holds a checksum keyed with this user's key (kept outside the
folder), and a reader may check every entry, so a damaged, edited or foreign file is
counted again, never trusted. Written atomically: a build
running at the same time never reads half a file, and a read-only or unusable folder only
means counting again.

Compiled Jinja templates (helptree's and the theme's) live there too, in ``templates/``,
under Jinja's own format: each names the template's file and holds its source's checksum,
so an edited template is compiled afresh.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import marshal
import os
import secrets
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


# A table file: this mark, the HMAC-SHA-256 of the marshalled table, the table. The key is
# this user's, kept outside the cache folder (``cache_key``): a file damaged, cut short,
# edited, or written by anyone without the key (a shared or restored cache) is never read.
_MARK = b"helptree-table-2\n"


def _key_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "helptree" / "cache.key"


@functools.cache
def cache_key() -> bytes:
    """This user's key for the cache's checksums, made on first use (mode 0600). Without a
    place to keep it, a key for this process only: nothing kept is trusted, only slower."""
    path = _key_file()
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(key)
    except OSError:
        pass
    return key


def _seal(payload: bytes) -> bytes:
    return hmac.new(cache_key(), payload, hashlib.sha256).digest()


def load_table(path: Path, valid: Callable[[Any, Any], bool] | None = None) -> dict[Any, Any] | None:
    """The table kept at ``path``, or None when it is missing, unreadable, does not match
    its checksum, or holds an entry ``valid`` refuses: the caller then builds it anew."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest, payload = data[len(_MARK):len(_MARK) + 32], data[len(_MARK) + 32:]
    if not data.startswith(_MARK) or not hmac.compare_digest(_seal(payload), digest):
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
                out.write(_MARK + _seal(payload) + payload)
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
