"""Where in a hand-edited partnership file a field is: line and column for error messages.

The decoder knows a wrong value by its path (``["notes", "2", "text"]``); TOML parsers
forget positions once parsed, so this walks the text: the table headers, skipping lines
inside multi-line strings and comments after headers.
"""

from __future__ import annotations

import re


def locate(text: str, path: list[str]) -> tuple[int, int]:
    """Best-effort line and column of the value at ``path`` (``["notes", "2", "text"]``).

    Walks the table headers (``[a.b]``, the n-th ``[[a]]``), ignoring lines inside
    multi-line strings and comments after headers. A path ending in an index
    (``["parties", "1"]``) gives that item's header. Falls back to the nearest header found.
    """
    lines = text.split("\n")
    code = _code_lines(lines)
    headers = [(n, found) for n, line in enumerate(lines) if code[n] and (found := _header(line))]
    start = -1  # -1: the top-level table, before any header
    prefix: list[str] = []
    key = ""
    j = 0
    while j < len(path):
        part = path[j]
        index = path[j + 1] if j + 1 < len(path) and path[j + 1].isdigit() else None
        is_last = j == len(path) - 1
        if is_last and index is None:
            key = part
            break
        prefix = [*prefix, part]
        if index is not None:
            matches = [n for n, (double, parts) in headers if double and parts == prefix]
            if int(index) < len(matches):
                start = matches[int(index)]
            j += 2
        else:
            later = [
                n for n, (double, parts) in headers if not double and parts == prefix and n > start
            ]
            if later:
                start = later[0]
            j += 1
    if key:
        wanted = re.compile(
            rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*="""
        )
        for n in range(start + 1, len(lines)):
            if code[n] and _header(lines[n]):
                break
            if code[n] and wanted.match(lines[n]):
                return n + 1, len(lines[n]) - len(lines[n].lstrip()) + 1
    return max(start, 0) + 1, 1


_HEADER = re.compile(r"^\s*(\[\[?)(.*?)(\]\]?)\s*(?:#.*)?$")


def _header(line: str) -> tuple[bool, list[str]] | None:
    """``(is_array, parts)`` for a table header line, else None."""
    found = _HEADER.match(line)
    if found is None or len(found.group(1)) != len(found.group(3)):
        return None
    parts: list[str] = []
    for token in re.findall(
        r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^.]+?)\s*(?:\.|$)""", found.group(2)
    ):
        token = token.strip()
        parts.append(token[1:-1] if token[:1] in "\"'" and len(token) >= 2 else token)
    return len(found.group(1)) == 2, parts


def _code_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it starts outside a multi-line string."""
    out: list[bool] = []
    inside: str | None = None
    for line in lines:
        out.append(inside is None)
        i = 0
        while i < len(line):
            if inside is not None:
                if inside == '"""' and line[i] == "\\":
                    i += 2
                elif line.startswith(inside, i):
                    run = len(line[i:]) - len(line[i:].lstrip(inside[0]))
                    i += min(run, 5)
                    inside = None
                else:
                    i += 1
                continue
            ch = line[i]
            if ch == "#":
                break
            if line.startswith('"""', i) or line.startswith("'''", i):
                inside = line[i : i + 3]
                i += 3
            elif ch == '"':
                i += 1
                while i < len(line) and line[i] != '"':
                    i += 2 if line[i] == "\\" else 1
                i += 1
            elif ch == "'":
                end = line.find("'", i + 1)
                i = len(line) if end < 0 else end + 1
            else:
                i += 1
    return out
