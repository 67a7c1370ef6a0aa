"""How an advisor settled one field that two sides changed differently (a clash).

Kept apart from the git merge that uses it (:mod:`samenwerk_tui.gitsync.merge`) so that
saving from a form, which can ask about a clash too, needs nothing of git.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Settled(NamedTuple):
    """How the advisor settled one field both sides changed: ``take`` is ``"ours"``,
    ``"theirs"`` or ``"record"`` (keep ours and record the conflict), decided while seeing
    their value ``theirs`` (None: absent). If their value has changed again since, the
    choice no longer holds and the field counts as unsettled."""

    take: str
    theirs: Any = None
