"""The values the store hands out: a partnership as read (:class:`Record`), a file it could not
read (:class:`Problem`), what a load found (:class:`LoadResult`), a file's cheap identity
(:class:`FileStat`), and the store's errors.

Kept apart from :mod:`.workspace` (which reads and writes the folder) so that the index
cache and the layers above can name these types without importing the file code.
"""

from __future__ import annotations

import marshal
import os
import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from samenwerk_tui.domain.query import Facets, haystack
from samenwerk_tui.domain.text import fold
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.store import lean

if TYPE_CHECKING:  # (built on demand: see Record.partnership)
    from samenwerk_tui.domain.model import Partnership


class CachedFiles(Protocol):
    """Where a record taken from the index cache finds its facets, haystack and packed
    file, by its position there (:class:`samenwerk_tui.store.index.CachedIndex`)."""

    def facets(self, position: int) -> Facets: ...

    def digest(self, position: int) -> str: ...

    def raw_digest(self, position: int) -> bytes: ...

    def conflicted(self, position: int) -> bool: ...

    def haystack(self, position: int) -> str: ...

    def packed(self, position: int) -> lean.Packed: ...

    def blob(self, position: int) -> memoryview: ...


#: Models built on demand from packed files, kept for the last few records asked about
#: (the detail pane, then an edit of the same partnership): browsing every row of a big
#: workspace must not keep every model it built.
MODEL_CACHE_SIZE = 64
_models: OrderedDict[tuple[str, str], Partnership] = OrderedDict()
_models_lock = threading.Lock()
#: How many models were built from packed files (tests count them).
models_built = 0


def digest(data: bytes) -> str:
    """The sha256 of a file's bytes (hex). ``hashlib`` is imported at the first file
    parsed: opening an unchanged workspace needs none."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


class Problem(NamedTuple):
    """A file the store could not read. ``key``/``params`` name the reason."""

    name: str
    key: str
    params: Mapping[str, Any] = {}  # (one dict for all: read-only, as its type says)
    line: int = 1
    column: int = 1
    digest: str = ""

    @property
    def is_conflicted(self) -> bool:
        return self.key == "broken.conflict_markers"


class Record:
    """A partnership as read from (or written to) its file.

    A record read through the lean path holds its file packed (:mod:`.lean`); one taken
    from the index cache holds only its facets and where the cache keeps its haystack and
    packed file. The list and the filter use :attr:`facets`, :attr:`sort_key` and
    :attr:`haystack`; the model is built when :attr:`partnership` is asked for, and only
    the last :data:`MODEL_CACHE_SIZE` of those are kept. Records are immutable; two are
    equal when name, digest and partnership are.
    """

    __slots__ = (
        "name", "_digest", "_partnership", "_packed", "_blob", "_source", "_position",
        "_facets", "_haystack", "_sort",
    )  # fmt: skip

    def __init__(
        self,
        name: str,
        partnership: Partnership | None = None,
        digest: str = "",
        *,
        packed: lean.Packed | None = None,
        blob: bytes | None = None,
        facets: Facets | None = None,
        haystack: str | None = None,
        sort_name: str | None = None,
    ) -> None:
        if partnership is None and packed is None and (facets is None or blob is None):
            raise TypeError("a record needs a partnership or a packed file")
        self.name = name
        self._digest: str | None = digest
        self._partnership = partnership
        self._packed = packed
        self._blob = blob
        self._source: CachedFiles | None = None
        self._position = 0
        self._facets = facets
        self._haystack = haystack
        self._sort: tuple[str, str] | None = None
        if sort_name is not None and facets is not None:
            self._sort = (sort_name, facets.id)

    @classmethod
    def cached(cls, name: str, source: CachedFiles, position: int, sort: tuple[str, str]) -> Record:
        """A record taken from the index cache: its digest, facets, haystack and packed file
        stay there (at ``position``) until asked for; ``sort`` is (folded name, id).

        Ten thousand are made at every open, so this sets the slots directly instead of
        going through ``__init__``'s checks (the cache was checked when it was read).
        """
        record = cls.__new__(cls)
        record.name = name
        record._digest = None  # (the cache's, when asked for)
        record._partnership = record._packed = record._blob = None
        record._facets = None
        record._haystack = None
        record._source = source
        record._position = position
        record._sort = sort
        return record

    @property
    def digest(self) -> str:
        """The sha256 of the file's bytes (hex): what a save checks the file still has."""
        if self._digest is None:
            assert self._source is not None
            self._digest = self._source.digest(self._position)
        return self._digest

    def raw_digest(self) -> bytes:
        """The digest as 32 bytes, as the index cache keeps it. A cached record answers
        from the cache without keeping the hex text (writing the cache asks for every
        digest: kept, that text would be some 1 MB at 10,000 partnerships)."""
        if self._digest is None and self._source is not None:
            return self._source.raw_digest(self._position)
        return bytes.fromhex(self.digest)

    @property
    def partnership(self) -> Partnership:
        if self._partnership is not None:
            return self._partnership
        global models_built
        key = (self.name, self.digest)
        with _models_lock:
            model = _models.get(key)
            if model is not None:
                _models.move_to_end(key)
                return model
        packed = self.packed
        assert packed is not None
        model = lean.unpack(packed)
        with _models_lock:
            models_built += 1
            _models[key] = model
            while len(_models) > MODEL_CACHE_SIZE:
                _models.popitem(last=False)
        return model

    @property
    def packed(self) -> lean.Packed | None:
        """The packed file, when the record was read through the lean path."""
        if self._packed is not None:
            return self._packed
        if self._blob is not None:
            packed: lean.Packed = marshal.loads(self._blob)  # not kept: the blob holds it
            return packed
        if self._source is not None:
            return self._source.packed(self._position)  # not kept: the cache holds it
        return None

    @property
    def is_packed(self) -> bool:
        """Whether the record holds its file packed (without unpacking anything)."""
        return self._packed is not None or self._blob is not None or self._source is not None

    def blob(self) -> bytes | memoryview | None:
        """The packed file marshalled, as the index cache keeps it (None: not packed)."""
        if self._blob is not None:
            return self._blob
        if self._source is not None:
            return self._source.blob(self._position)
        if self._packed is not None:
            return marshal.dumps(self._packed)
        return None

    @property
    def id(self) -> str:
        if self._sort is not None:
            return self._sort[1]
        if self._partnership is not None:
            return self._partnership.id
        if self._facets is not None:
            return self._facets.id
        packed = self.packed
        assert packed is not None
        return str(packed[0])

    @property
    def facets(self) -> Facets:
        if self._facets is None:
            if self._source is not None:
                self._facets = self._source.facets(self._position)
            else:
                packed = self.packed
                self._facets = lean.facets(packed) if packed else Facets.of(self.partnership)
        return self._facets

    @property
    def conflicted(self) -> bool:
        """Whether the partnership has recorded conflicts (a cached record answers without
        unpacking its facets)."""
        if self._facets is None and self._source is not None:
            return self._source.conflicted(self._position)
        return bool(self.facets.conflicts)

    @property
    def haystack(self) -> str:
        """The folded text plain filter words search in."""
        if self._haystack is None:
            if self._source is not None:
                self._haystack = self._source.haystack(self._position)
            else:
                packed = self.packed
                self._haystack = lean.haystack(packed) if packed else haystack(self.partnership)
        return self._haystack

    @property
    def sort_key(self) -> tuple[str, str]:
        """Lists sort by folded name, then id."""
        if self._sort is None:
            self._sort = (fold(self.facets.name), self.id)
        return self._sort

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return (self.name, self.digest) == (other.name, other.digest) and (
            self.partnership == other.partnership
        )

    def __hash__(self) -> int:
        return hash((self.name, self.digest))

    def __repr__(self) -> str:
        return f"Record(name={self.name!r}, id={self.id!r}, digest={self.digest[:12]!r})"


class LoadResult:
    """What a load read: the records and the problems."""

    __slots__ = ("records", "problems", "from_index", "ids")

    def __init__(
        self, records: list[Record], problems: list[Problem], ids: list[str] | None = None
    ) -> None:
        self.records = records
        self.problems = problems
        #: How many files were taken from the index cache, unread.
        self.from_index = 0
        #: The records' ids in their order, when known without asking each record (all
        #: of them from the index cache); None otherwise.
        self.ids = ids


#: The cheap identity of a file on disk, used to spot outside changes: (mtime_ns, size,
#: inode, ctime_ns). A plain tuple: ten thousand are compared (and sent between processes)
#: at every open. A tool can put mtime back (``os.utime``); nothing can put ctime back.
FileStat = tuple[int, int, int, int]


def file_stat(st: os.stat_result) -> FileStat:
    return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)


class StoreError(SamenwerkError):
    """A write or read the store could not do, in catalog terms."""


class StaleFileError(StoreError):
    """The file on disk is not what was loaded: someone else changed or deleted it."""

    def __init__(self, name: str, current: bytes | None) -> None:
        super().__init__("error.stale_file", file=name)
        self.name = name
        self.current = current
