"""The orders the partnership list can be sorted in, as sort keys over :class:`Facets`.

Each key reads only the facets a record already has (the lean read or the index cache
gives them without building the model), so sorting 10,000 partnerships is one pass of
cheap tuples. Ties always fall back to the name, then the id, so an order is stable and
the same on every machine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from samenwerk_tui.domain.query import Facets
from samenwerk_tui.domain.types import AgreementType, Stage

#: The sort orders, in the order the sort key cycles through them; the first is the default.
SORTS = ("name", "updated", "stage", "type", "attention")
DEFAULT_SORT = SORTS[0]

_STAGE_RANK = {stage: i for i, stage in enumerate(Stage)}
_TYPE_RANK = {t: i for i, t in enumerate(AgreementType)}


def _by_name(_f: Facets) -> tuple[Any, ...]:
    return ()


def _by_updated(f: Facets) -> tuple[Any, ...]:
    return (-f.updated,)  # newest first


def _by_stage(f: Facets) -> tuple[Any, ...]:
    return (_STAGE_RANK[f.stage],)


def _by_type(f: Facets) -> tuple[Any, ...]:
    return (len(_TYPE_RANK) if f.primary is None else _TYPE_RANK[f.primary],)


def _by_attention(f: Facets) -> tuple[Any, ...]:
    """Recorded conflicts first, then unclassified, then the rest."""
    return (0 if f.conflicts else 1 if f.primary is None else 2,)


#: Sort id -> the part of the key before the name.
KEYS: dict[str, Callable[[Facets], tuple[Any, ...]]] = {
    "name": _by_name,
    "updated": _by_updated,
    "stage": _by_stage,
    "type": _by_type,
    "attention": _by_attention,
}


def known_sort(sort: str | None) -> str:
    """``sort`` if it is one of :data:`SORTS`, else the default (an old or edited config)."""
    return sort if sort in KEYS else DEFAULT_SORT


def next_sort(sort: str, step: int = 1) -> str:
    """The sort after (``step`` 1) or before (-1) ``sort`` in :data:`SORTS`, wrapping."""
    index = SORTS.index(known_sort(sort))
    return SORTS[(index + step) % len(SORTS)]
