"""The portfolio: what a set of partnerships looks like together.

Computed from :class:`Facets` only (the list's cheap per-row values), so the whole
workspace of 10,000 partnerships is summarised without building one model. The export
reports and the TUI's portfolio screen both render a :class:`Portfolio`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from samenwerk_tui.domain.query import Facets, epoch_seconds
from samenwerk_tui.domain.text import fold
from samenwerk_tui.domain.types import AgreementType, Stage

STALE_DAYS = 90


@dataclass(frozen=True)
class Item:
    """One partnership in a portfolio list: enough to show it and to jump to it."""

    id: str
    name: str
    primary: AgreementType | None
    stage: Stage
    updated: datetime


@dataclass(frozen=True)
class Portfolio:
    """Counts, the stage × type matrix, the average profile and the lists to look at.

    ``by_type`` and each row of ``matrix`` map a type, or None for unclassified, to a
    count; every type and every stage is present (zero counts included), in their own
    order. ``profile`` is the mean 0-5 score per type over the classified partnerships
    (None when there are none). Lists are sorted by name.
    """

    total: int
    by_type: dict[AgreementType | None, int]
    matrix: dict[Stage, dict[AgreementType | None, int]]
    profile: dict[AgreementType, float] | None
    classified: int
    unclassified: tuple[Item, ...]
    divergent: tuple[Item, ...]
    conflicting: tuple[Item, ...]
    stale: tuple[Item, ...]
    stale_days: int
    now: datetime
    unreadable: int = 0  # files the filter matched that could not be read

    @property
    def stages_in_use(self) -> tuple[Stage, ...]:
        """The stages with at least one partnership (what a compact matrix shows)."""
        return tuple(s for s, row in self.matrix.items() if any(row.values()))


def _item(f: Facets) -> Item:
    return Item(f.id, f.name, f.primary, f.stage, f.updated_at)


def portfolio(
    facets: Iterable[Facets],
    *,
    now: datetime,
    stale_days: int = STALE_DAYS,
    unreadable: int = 0,
) -> Portfolio:
    """Summarise these partnerships (already filtered) as of ``now``.

    A partnership is stale when its last change lies more than ``stale_days`` before
    ``now``.
    """
    columns: list[AgreementType | None] = [*AgreementType, None]
    by_type: dict[AgreementType | None, int] = dict.fromkeys(columns, 0)
    matrix = {s: dict.fromkeys(columns, 0) for s in Stage}
    sums = dict.fromkeys(AgreementType, 0)
    classified = 0
    lists: dict[str, list[Facets]] = {"unclassified": [], "divergent": [], "conflicting": [],
                                      "stale": []}  # fmt: skip
    limit = epoch_seconds(now - timedelta(days=stale_days))
    total = 0
    for f in facets:
        total += 1
        by_type[f.primary] += 1
        matrix[f.stage][f.primary] += 1
        if f.primary is None:
            lists["unclassified"].append(f)
        else:
            classified += 1
            for t, score in zip(AgreementType, f.scores, strict=False):
                sums[t] += score
        if f.divergent:
            lists["divergent"].append(f)
        if f.conflicts:
            lists["conflicting"].append(f)
        if f.updated < limit:
            lists["stale"].append(f)

    def items(key: str) -> tuple[Item, ...]:
        return tuple(_item(f) for f in sorted(lists[key], key=lambda f: (fold(f.name), f.id)))

    profile = {t: sums[t] / classified for t in AgreementType} if classified else None
    return Portfolio(
        total=total,
        by_type=by_type,
        matrix=matrix,
        profile=profile,
        classified=classified,
        unclassified=items("unclassified"),
        divergent=items("divergent"),
        conflicting=items("conflicting"),
        stale=items("stale"),
        stale_days=stale_days,
        now=now,
        unreadable=unreadable,
    )
