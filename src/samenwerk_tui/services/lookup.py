"""Finding one partnership by what a person types: id, id prefix, file name or name."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath

from samenwerk_tui.domain.text import fold
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.store.records import Record


class RefError(SamenwerkError):
    """A REF that matches no partnership or several (the first ten candidates are named)."""

    def __init__(self, key: str, ref: str, candidates: list[str] | None = None) -> None:
        self.ref = ref
        self.candidates = candidates or []
        super().__init__(key, ref=ref, candidates="; ".join(self.candidates[:10]))


def find(records: Mapping[str, Record], ref: str) -> Record:
    """The one record ``ref`` names: an id, an id prefix of 4 or more, a file name (with
    or without ``.toml``, a path as typed in a shell), an exact name ignoring case and
    accents, or a unique part of a name. Raises :class:`RefError` otherwise."""
    ref = ref.strip()
    if not ref:
        raise RefError("error.ref_none", ref)
    if ref in records:
        return records[ref]
    base = PurePath(ref).name  # "partnerships/senseo-k3f9qa.toml" as typed in a shell
    by_file = [r for r in records.values() if r.name in (base, f"{base}.toml")]
    if len(by_file) == 1:
        return by_file[0]
    prefix = [r for r in records.values() if r.id.startswith(ref.lower())]
    if len(prefix) == 1 and len(ref) >= 4:
        return prefix[0]
    wanted = fold(ref)
    exact = [r for r in records.values() if r.sort_key[0] == wanted]
    if len(exact) == 1:
        return exact[0]
    candidates = exact or (prefix if len(ref) >= 4 else [])
    if not candidates:
        candidates = [r for r in records.values() if wanted in r.sort_key[0]]
        if len(candidates) == 1:
            return candidates[0]
    if candidates:
        raise RefError(
            "error.ref_many",
            ref,
            sorted(f"{r.id}  {r.facets.name}" for r in candidates),
        )
    raise RefError("error.ref_none", ref)
