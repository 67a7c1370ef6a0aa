"""The model's rules that need none of its classes: the schema version, the limits, the
error a broken rule raises, and how tags are normalised.

Kept apart from :mod:`.model` (which re-exports all of it) so that what opens a
workspace from the index cache, and the filter, never import the model's classes: making
its dataclasses is a few milliseconds of every start.
"""

from __future__ import annotations

from typing import Any

from samenwerk_tui.domain.text import normalize_line
from samenwerk_tui.errors import EXIT_USAGE, SamenwerkError

SCHEMA = 1
TYPE_SCORE_MAX = 5
PERSPECTIVE_SCORE_RANGE = (1, 5)
ANSWER_RANGE = (1, 5)
NAME_MAX = 200

Extra = dict[str, Any]


class DomainError(SamenwerkError, ValueError):
    """A value that breaks a rule of the model (bad input: the CLI exits 2).

    ``key`` names a sentence in the message catalog; ``params`` fill it in. ``str()``
    gives a plain English fallback for logs.
    """

    exit_code = EXIT_USAGE

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key, **params)
        detail = ", ".join(f"{k}={v!r}" for k, v in params.items())
        self.args = (f"{key}: {detail}" if detail else key,)


def normalize_tag(tag: str) -> str:
    """Tags are single lowercase words: whitespace becomes ``-``; a leading ``#`` (as in
    ``#zuid``, how tags are shown) is not part of the tag."""
    return "-".join(normalize_line(tag).lower().lstrip("#").split())


def normalize_tags(tags: Any) -> tuple[str, ...]:
    """Sorted, unique, non-empty tags."""
    return tuple(sorted({t for t in (normalize_tag(str(x)) for x in tags) if t}))
