"""The fast TOML parser, used only where it is proven to agree with ``tomllib``.

``tomllib`` (the standard library) is the authority: it checks every file the codec writes
and it gives the line, column and reason of every parse error the user sees. It is also
slow (about 0.6 ms for a 1.6 kB partnership file). ``toml_rs`` (Rust) parses the same file
about ten times faster. In its strict TOML 1.0 mode (the language ``tomllib`` reads) it
accepts and rejects the same documents, with one exception: a leading byte order mark,
which ``tomllib`` refuses, so such text is never given to it. The test
``tests/store/test_fast_parser.py`` proves the two agree on everything the codec writes.

Without ``toml_rs`` (a platform without a wheel) everything works with ``tomllib`` alone,
only slower.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_loads: Callable[[str], dict[str, Any]] | None
try:
    import toml_rs

    def _toml_rs_loads(text: str) -> dict[str, Any]:
        return toml_rs.loads(text, toml_version="1.0.0")

    _loads = _toml_rs_loads
    NAME = f"toml_rs {toml_rs.__version__}"
    # The first datetime makes the extension import Python's datetime machinery; do that
    # now, on the importing thread, not later in a reader thread racing other imports.
    _toml_rs_loads("a = 2000-01-01 00:00:00+01:00\nb = 2000-01-01\nc = 00:00:00\n")
except ImportError:  # pragma: no cover - depends on the platform
    _loads = None
    NAME = "tomllib"


#: toml_rs recurses on the machine stack: lists nested a few hundred deep overflow a
#: thread's stack (512 KiB on macOS: about 600 levels; 8 MiB: about 10,000) and kill the
#: process with a segmentation fault, which no ``except`` catches. Nesting needs an
#: opening bracket per level, so a text with fewer brackets than this cannot get there;
#: one with more (a partnership with well over a hundred notes) is read by ``tomllib``,
#: which raises ``RecursionError`` instead (the codec lists the file as broken).
MAX_BRACKETS = 256


def available() -> bool:
    return _loads is not None


def loads(text: str) -> dict[str, Any]:
    """``text`` parsed: by the fast parser when it can, else by ``tomllib``, which then
    raises ``tomllib.TOMLDecodeError`` (a ``ValueError``) saying where and why.

    For the small files read at every start (the config, the workspace settings, the
    themes): ``tomllib`` is then not even imported (about 2 ms) unless one is broken.
    """
    fast = loads_fast(text)
    if fast is not None:
        return fast
    import tomllib

    return tomllib.loads(text)


def loads_fast(text: str) -> dict[str, Any] | None:
    """``text`` parsed by the fast parser, or None: no fast parser, or it did not parse.

    None never means "broken": the caller then parses with ``tomllib``, which decides and,
    for a broken file, says where and why.
    """
    if _loads is None or text.startswith("\ufeff"):
        return None
    if text.count("[") + text.count("{") > MAX_BRACKETS:
        return None  # possibly nested too deep for the extension: see MAX_BRACKETS
    try:
        return _loads(text)
    except Exception:  # any failure: let tomllib decide and explain
        return None
