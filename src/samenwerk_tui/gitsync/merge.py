"""Field-by-field three-way merge of two versions of one partnership file.

Pure functions on the documents the codec produces, so the rules hold for every key, the
ones this version does not know included. A line-based merge of TOML conflicts as soon as
two advisors add a note (both append at the end of the file) or bump ``updated`` (the same
line); a person would see no conflict there, and neither does this merge:

- any value: unchanged on one side -> the other side's value;
- ``updated`` (and a note's ``edited``) the later of both, ``created`` the earlier,
  ``classification.by`` follows the side whose ``classification.updated`` is later;
- tags as a three-way set;
- notes and assessments by ``id``, parties by name: added on either side kept, deleted on
  one side and unchanged on the other deleted, edited on both merged field by field,
  deleted on one side but edited on the other kept (nobody's words are lost);
- tables (classification, perspectives, unknown tables) field by field;
- multi-line text both sides edited in different places (two paragraphs of a summary)
  merges line by line, as git would; edits that touch the same or adjacent lines clash;
- a value both sides changed differently keeps OUR value and records a ``[[conflicts]]``
  entry (field, ours, theirs) for the advisor to settle; an identical entry is not repeated.
  A caller that asked the advisor first (a form saved onto a newer file) passes how each
  such field was settled (:class:`Settled`): ours or theirs without an entry, or the entry.

Conflict fields are dotted paths, segments quoted as TOML keys when needed; items of keyed
lists are addressed by their key (``notes.n7c2kd01.text``, ``parties."dr. jansen".role``).
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from samenwerk_tui.domain.model import Conflict, Partnership
from samenwerk_tui.domain.settling import Settled as Settled  # (re-exported: where it was)
from samenwerk_tui.domain.text import fold
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.store import codec
from samenwerk_tui.store.toml_writer import format_key


class _Missing:
    """A key absent from one version (distinct from every TOML value)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

#: Lists of tables merged item by item, and the key that identifies an item.
KEYED_LISTS: dict[str, Callable[[dict[str, Any]], str]] = {
    "notes": lambda item: str(item.get("id", "")),
    "assessments": lambda item: str(item.get("id", "")),
    "parties": lambda item: fold(str(item.get("name", ""))).strip(),
}
SET_FIELDS = {"tags", "notes.*.tags"}
LATER_FIELDS = {"updated", "classification.updated", "notes.*.updated", "notes.*.edited"}
EARLIER_FIELDS = {"created"}
_LIST_PATTERNS = {*KEYED_LISTS, *SET_FIELDS, "conflicts"}


class MergeError(SamenwerkError):
    """The two sides cannot be merged field by field; ``key`` names the reason."""


@dataclass(frozen=True)
class MergeResult:
    """The merged partnership, its canonical bytes and the conflicts this merge recorded.

    ``unsettled``: of the fields both sides changed differently, those ``settle`` did not
    decide (all of them when no ``settle`` was given), as (field, ours, theirs).
    """

    partnership: Partnership
    data: bytes
    conflicts: tuple[Conflict, ...]
    unsettled: tuple[Conflict, ...] = ()


def merge_bytes(base: bytes | None, ours: bytes, theirs: bytes) -> MergeResult:
    """Merge three file versions; an empty or unreadable base counts as absent (add/add)."""
    ours_p = _decode(ours, "ours")
    theirs_p = _decode(theirs, "theirs")
    base_p = codec.decode_or_none(base) if base is not None and base.strip() else None
    return merge_partnerships(base_p, ours_p, theirs_p)


def _decode(data: bytes, side: str) -> Partnership:
    try:
        return codec.decode(data)
    except codec.FormatError as exc:
        raise MergeError("git.merge.unreadable", side=side, line=exc.line) from None


def merge_partnerships(
    base: Partnership | None,
    ours: Partnership,
    theirs: Partnership,
    settle: Mapping[str, Settled] | None = None,
) -> MergeResult:
    """Three-way merge of two versions of one partnership (same id).

    ``settle``: how the advisor decided fields both sides changed differently, by field
    path; a field it does not decide keeps ours and is recorded, as in a git merge.
    """
    if ours.id != theirs.id:
        raise MergeError("git.merge.different_ids", ours=ours.id, theirs=theirs.id)
    b = codec.to_document(base) if base is not None and base.id == ours.id else {}
    merger = _Merger(settle or {})
    doc = merger.table("", "", b, codec.to_document(ours), codec.to_document(theirs))
    existing = [c for c in doc.get("conflicts", []) if isinstance(c, dict)]
    added: list[dict[str, Any]] = []
    for entry in merger.conflicts:
        if not any(_same_conflict(entry, old) for old in [*existing, *added]):
            added.append(entry)
    if existing or added:
        doc["conflicts"] = [*existing, *added]
    try:
        merged = codec.from_document(doc)
        data = codec.encode(merged)
    except Exception as exc:  # noqa: BLE001 - any surprise means: fall back to a text merge
        raise MergeError("git.merge.invalid_result", detail=str(exc)[:200]) from None
    recorded = tuple(_conflict(e) for e in added)
    return MergeResult(merged, data, recorded, tuple(_conflict(e) for e in merger.unsettled))


def _conflict(entry: dict[str, Any]) -> Conflict:
    return Conflict(field=str(entry["field"]), ours=entry.get("ours"), theirs=entry.get("theirs"))


def _same_conflict(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a.get(k) == b.get(k) for k in ("field", "ours", "theirs"))


def _is_table(value: Any) -> bool:
    return isinstance(value, dict)


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


class _Merger:
    """Walks the three documents; collects the fields both sides changed differently."""

    def __init__(self, settle: Mapping[str, Settled]) -> None:
        self.settle = settle
        self.conflicts: list[dict[str, Any]] = []
        self.unsettled: list[dict[str, Any]] = []

    def record(self, path: str, ours: Any, theirs: Any) -> None:
        entry: dict[str, Any] = {"field": path}
        if ours is not MISSING and ours is not None:
            entry["ours"] = ours
        if theirs is not MISSING and theirs is not None:
            entry["theirs"] = theirs
        self.conflicts.append(entry)

    def clash(self, path: str, o: Any, t: Any) -> Any:
        """A value both sides changed differently: as the advisor settled it, else ours
        with a recorded conflict."""
        settled = self.settle.get(path)
        if settled is not None and settled.theirs == (None if t is MISSING else t):
            if settled.take == "theirs":
                return t
            if settled.take == "ours":
                return o
        self.record(path, o, t)
        if settled is None or settled.theirs != (None if t is MISSING else t):
            self.unsettled.append(self.conflicts[-1])
        return o

    def value(self, path: str, pattern: str, b: Any, o: Any, t: Any) -> Any:
        """The merged value at ``path`` (``MISSING`` when the key goes away)."""
        if o == t:
            return o
        if o == b:
            return t
        if t == b:
            return o
        # Both sides changed it, differently. A list absent on one side is an empty list.
        if (
            pattern in _LIST_PATTERNS
            and MISSING in (o, t, b)
            and (isinstance(o, list) or isinstance(t, list))
        ):
            o = [] if o is MISSING else o
            t = [] if t is MISSING else t
            b = [] if b is MISSING else b
            merged = self.value(path, pattern, b, o, t)
            return MISSING if merged == [] else merged
        if o is not MISSING and t is not MISSING:
            if pattern in LATER_FIELDS:
                return max(o, t) if _comparable(o, t) else o
            if pattern in EARLIER_FIELDS:
                return min(o, t) if _comparable(o, t) else o
            if pattern in SET_FIELDS and isinstance(o, list) and isinstance(t, list):
                return merge_set(b if isinstance(b, list) else [], o, t)
            if _is_table(o) and _is_table(t):
                return self.table(path, pattern, b if _is_table(b) else {}, o, t)
            keyer = KEYED_LISTS.get(pattern) or _id_keyer(b, o, t)
            if keyer is not None and _is_table_list(o) and _is_table_list(t):
                base = b if _is_table_list(b) else []
                return self.keyed_list(path, pattern, keyer, base, o, t)
            if pattern == "conflicts" and _is_table_list(o) and _is_table_list(t):
                return merge_conflict_lists(b if _is_table_list(b) else [], o, t)
        if isinstance(b, str) and isinstance(o, str) and isinstance(t, str):
            text = merge_text(b, o, t)
            if text is not None:
                return text
        # Deleted on one side, changed on the other: a table (a note, a perspective, a
        # party) is kept, so nobody's words are lost.
        if o is MISSING and (_is_table(t) or _is_table_list(t)):
            return t
        if t is MISSING and (_is_table(o) or _is_table_list(o)):
            return o
        return self.clash(path, o, t)

    def table(
        self, path: str, pattern: str, b: dict[str, Any], o: dict[str, Any], t: dict[str, Any]
    ) -> dict[str, Any]:
        keys = list(o) + [k for k in t if k not in o]
        out: dict[str, Any] = {}
        for key in keys:
            sub_path = join_path(path, key)
            sub_pattern = f"{pattern}.{key}" if pattern else key
            if sub_pattern == "classification.by":
                continue  # decided below, from the later classification
            merged = self.value(sub_path, sub_pattern, b.get(key, MISSING), o.get(key, MISSING),
                                t.get(key, MISSING))  # fmt: skip
            if merged is not MISSING:
                out[key] = merged
        if pattern == "classification":
            by = self._classified_by(b, o, t)
            if by is not MISSING:
                out["by"] = by
        return out

    def _classified_by(self, b: dict[str, Any], o: dict[str, Any], t: dict[str, Any]) -> Any:
        ob, tb, bb = o.get("by", MISSING), t.get("by", MISSING), b.get("by", MISSING)
        if ob == tb or tb == bb:
            return ob
        if ob == bb:
            return tb
        ou, tu = o.get("updated"), t.get("updated")
        if ou is not None and tu is not None and _comparable(ou, tu) and tu > ou:
            return tb
        return ob

    def keyed_list(
        self,
        path: str,
        pattern: str,
        keyer: Callable[[dict[str, Any]], str],
        b: list[dict[str, Any]],
        o: list[dict[str, Any]],
        t: list[dict[str, Any]],
    ) -> Any:
        bi, oi, ti = _index(b, keyer), _index(o, keyer), _index(t, keyer)
        order = list(oi) + [k for k in ti if k not in oi]
        out = []
        for key in order:
            item = self.value(join_path(path, key.split(chr(0))[0]), f"{pattern}.*",
                              bi.get(key, MISSING), oi.get(key, MISSING),
                              ti.get(key, MISSING))  # fmt: skip
            if item is not MISSING:
                out.append(item)
        return out if out else MISSING


def join_path(path: str, key: str) -> str:
    """``path`` + one segment, quoted TOML-style when it is not a bare key."""
    segment = format_key(key)
    return f"{path}.{segment}" if path else segment


def split_path(path: str) -> list[str]:
    """The segments of a conflict field path (inverse of :func:`join_path`)."""
    try:
        table: Any = tomllib.loads(f"{path} = 0")
    except tomllib.TOMLDecodeError:
        return path.split(".")
    segments = []
    while isinstance(table, dict) and len(table) == 1:
        key, table = next(iter(table.items()))
        segments.append(key)
    return segments


def _comparable(a: Any, b: Any) -> bool:
    try:
        a < b  # noqa: B015 - probing comparability
    except TypeError:
        return False
    return True


def _index(
    items: list[dict[str, Any]], keyer: Callable[[dict[str, Any]], str]
) -> dict[str, dict[str, Any]]:
    """Items by key; a repeated key gets an occurrence suffix so nothing is dropped."""
    out: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    for item in items:
        key = keyer(item)
        count = seen.get(key, 0)
        seen[key] = count + 1
        out[key if count == 0 else f"{key}\x00{count}"] = item
    return out


def _id_keyer(*lists: Any) -> Callable[[dict[str, Any]], str] | None:
    """Unknown arrays of tables whose items all carry a unique ``id`` merge by it."""
    for lst in lists:
        if lst is MISSING:
            continue
        if not _is_table_list(lst) or not lst:
            return None
        ids = [item.get("id") for item in lst]
        if not all(isinstance(i, str) and i for i in ids) or len(set(ids)) != len(ids):
            return None
    return lambda item: str(item["id"])


def merge_set(b: list[Any], o: list[Any], t: list[Any]) -> list[Any]:
    """Three-way set merge: what either side added, minus what either side removed."""
    bs, os_, ts = set(b), set(o), set(t)
    kept = (bs & os_ & ts) | (os_ - bs) | (ts - bs)
    return sorted(kept)


def merge_conflict_lists(
    b: list[dict[str, Any]], o: list[dict[str, Any]], t: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Recorded conflicts as a three-way set: one resolved on either side stays resolved."""

    def key(item: dict[str, Any]) -> str:
        return repr(sorted(item.items()))

    bk = {key(i) for i in b}
    ok = {key(i) for i in o}
    tk = {key(i) for i in t}
    out = [i for i in o if key(i) in tk or key(i) not in bk]
    out += [i for i in t if key(i) not in ok and key(i) not in bk]
    return out


def _hunks(base: list[str], text: str) -> set[tuple[int, int, tuple[str, ...]]]:
    """The changed regions of ``text`` against ``base``: (start, end, new lines)."""
    side = text.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, base, side, autojunk=False)
    return {
        (i1, i2, tuple(side[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    }


def merge_text(base: str, ours: str, theirs: str) -> str | None:
    """Line-based three-way merge of a text both sides edited; None when edits clash.

    Only multi-line texts are merged: two edits of one line always clash. Edits that
    touch the same or neighbouring lines clash too (as in git), unless they are equal.
    """
    if "\n" not in base and "\n" not in ours and "\n" not in theirs:
        return None
    b = base.splitlines(keepends=True)
    hunks = sorted(_hunks(b, ours) | _hunks(b, theirs), key=lambda h: (h[0], h[1]))
    for first, second in zip(hunks, hunks[1:], strict=False):
        if second[0] <= first[1]:
            return None
    out: list[str] = []
    position = 0
    for start, end, lines in hunks:
        out += b[position:start]
        out += lines
        position = end
    out += b[position:]
    return "".join(out)
