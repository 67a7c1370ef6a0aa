"""A small TOML emitter that owns the layout of table headers.

tomli-w alone decides between ``[[notes]]`` blocks and an inline ``notes = [...]`` by
line length, so one long note would rewrite every note's lines. This emitter always writes
dicts as ``[header]`` tables and lists of dicts as ``[[header]]`` blocks (except values
wrapped in :class:`InlineTable`), and uses tomli-w only to format strings and floats.
The output is deterministic for a given input.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

import tomli_w

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+\Z")  # \Z: "$" also allows a final \n
_MARKER_LIKE = re.compile(r"^(<{7}|={7}|>{7}|\|{7})", re.MULTILINE)


class InlineTable(dict[str, Any]):
    """A dict written as ``{ key = value, ... }`` on one line."""


def dumps(document: dict[str, Any]) -> str:
    """Serialise ``document``; scalars of a table come first, then its sub-tables."""
    lines: list[str] = []
    _emit_table(document, [], lines, top=True)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def _is_table_array(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, dict) and not isinstance(v, InlineTable) for v in value)
    )


def _is_header_table(value: Any) -> bool:
    return isinstance(value, dict) and not isinstance(value, InlineTable)


def _emit_table(table: dict[str, Any], path: list[str], lines: list[str], *, top: bool) -> None:
    scalars = [
        (k, v) for k, v in table.items() if not _is_header_table(v) and not _is_table_array(v)
    ]
    for key, value in scalars:
        lines.append(f"{format_key(key)} = {format_value(value, inline=False)}")
    for key, value in table.items():
        sub_path = [*path, key]
        if _is_header_table(value):
            has_own_lines = any(
                not _is_header_table(v) and not _is_table_array(v) for v in value.values()
            )
            # A table holding only sub-tables is defined implicitly by their headers.
            if has_own_lines or not value:
                if lines:
                    lines.append("")
                lines.append(f"[{_dotted(sub_path)}]")
            _emit_table(value, sub_path, lines, top=False)
        elif _is_table_array(value):
            for item in value:
                if lines:
                    lines.append("")
                lines.append(f"[[{_dotted(sub_path)}]]")
                _emit_table(item, sub_path, lines, top=False)


def _dotted(path: list[str]) -> str:
    return ".".join(format_key(p) for p in path)


def format_key(key: str) -> str:
    if _BARE_KEY.fullmatch(key):
        return key
    return _format_string(key, multiline=False)


def _format_string(value: str, *, multiline: bool) -> str:
    text = tomli_w.dumps({"v": value}, multiline_strings=multiline)
    return text[4:-1]


def _fits_multiline(value: str) -> bool:
    r"""Whether ``value`` may be written as a triple-quoted block.

    Not when it holds ``\r`` (tomli-w would turn ``\r\n`` into ``\n``), nor when one of its
    lines starts like a git conflict marker: our own files must never look conflicted. Such
    text is written on one line with ``\n`` escapes instead.
    """
    return "\n" in value and "\r" not in value and _MARKER_LIKE.search(value) is None


def format_value(value: Any, *, inline: bool) -> str:
    """Format one TOML value; ``inline`` forbids multi-line strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return tomli_w.dumps({"v": value})[4:-1]
    if isinstance(value, str):
        return _format_string(value, multiline=not inline and _fits_multiline(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = ", ".join(
            f"{format_key(k)} = {format_value(v, inline=True)}" for k, v in value.items()
        )
        return "{ " + inner + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(format_value(v, inline=True) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")
