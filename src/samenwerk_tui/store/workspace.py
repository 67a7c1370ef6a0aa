"""The workspace folder: one file per partnership, read and written safely.

Reads return values, never raise for a bad file: :meth:`Workspace.load_all` gives the
records it could read and a :class:`Problem` for each file it could not. Writes are atomic
and refuse to overwrite a file that changed on disk since it was read (content hash); the
read, the check and the replace are one critical section under the workspace lock
(:mod:`.lock`), which a sync holds too while it commits and merges.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import repeat
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from samenwerk_tui.domain.text import slugify
from samenwerk_tui.store import parallel, parser
from samenwerk_tui.store.atomic import (
    NotAFileError,
    read_file,
    sweep_temp_files,
    write_atomic,
)
from samenwerk_tui.store.index import CachedIndex, Index, Match
from samenwerk_tui.store.layout import GITATTRIBUTES, GITIGNORE
from samenwerk_tui.store.lock import LockTimeout, WorkspaceLock
from samenwerk_tui.store.records import (
    FileStat,
    LoadResult,
    Problem,
    Record,
    StaleFileError,
    StoreError,
    digest,
    file_stat,
)
from samenwerk_tui.store.scanning import FILE_NAME, scan_folder

if TYPE_CHECKING:
    from samenwerk_tui.domain.model import Partnership

SETTINGS_FILE = "samenwerk.toml"
#: A first read tells what it has read so far after every so many parsed files.
ARRIVED_EVERY = 250
PARTNERSHIPS_DIR = "partnerships"


def _codec() -> ModuleType:
    """The full decoder and encoder, imported at the first parse or write (an unchanged
    workspace opens from the index cache without either)."""
    global _CODEC
    if _CODEC is None:
        from samenwerk_tui.store import codec

        _CODEC = codec
    return _CODEC


_CODEC: ModuleType | None = None


def settings_document(name: str) -> dict[str, Any]:
    return {"schema": 1, "name": name}


class Workspace:
    """A workspace folder on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / PARTNERSHIPS_DIR
        self._display_name: str | None = None
        self.lock = WorkspaceLock(root)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """One critical section of the workspace (shared with saves and syncs elsewhere)."""
        section = self.lock.hold()
        try:
            section.__enter__()
        except LockTimeout as exc:  # also LockUnusable: a read-only folder, say
            raise StoreError(exc.key, **exc.params) from None
        try:
            yield
        finally:
            section.__exit__(None, None, None)

    # ------------------------------------------------------------------ layout

    @staticmethod
    def is_workspace(root: Path) -> bool:
        return (root / SETTINGS_FILE).is_file() or (root / PARTNERSHIPS_DIR).is_dir()

    @classmethod
    def init(cls, root: Path, name: str | None = None) -> Workspace:
        """Create the workspace files that are missing; existing ones are left alone."""
        try:
            root.mkdir(parents=True, exist_ok=True)
            (root / PARTNERSHIPS_DIR).mkdir(exist_ok=True)
            settings = root / SETTINGS_FILE
            if not settings.exists():
                from samenwerk_tui.store.toml_writer import dumps

                text = dumps(settings_document(name or root.name or "samenwerk"))
                write_atomic(settings, text.encode("utf-8"))
            for file_name, content in (
                (".gitattributes", GITATTRIBUTES),
                (".gitignore", GITIGNORE),
            ):
                path = root / file_name
                if not path.exists():
                    write_atomic(path, content.encode("utf-8"))
        except OSError as exc:
            raise StoreError("error.cannot_write", path=str(root), reason=exc.strerror) from exc
        return cls(root)

    def settings(self) -> dict[str, Any]:
        """The workspace settings; an unreadable file gives an empty dict."""
        try:
            return parser.loads((self.root / SETTINGS_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            return {}

    @property
    def display_name(self) -> str:
        """The workspace's name from ``samenwerk.toml`` (else the folder's name).

        Read once and kept: the status line asks on every redraw. :meth:`reload_settings`
        (called by every full load) reads it again.
        """
        if self._display_name is None:
            name = self.settings().get("name")
            self._display_name = name if isinstance(name, str) and name else self.root.name
        return self._display_name

    def reload_settings(self) -> None:
        """Forget what was read from ``samenwerk.toml``; the next ask reads it again."""
        self._display_name = None

    def path_of(self, name: str) -> Path:
        return self.folder / name

    def file_name_for(self, p: Partnership) -> str:
        return f"{slugify(p.name)}-{p.id[:6]}.toml"

    def sweep(self) -> list[Path]:
        return sweep_temp_files(self.folder)

    # ------------------------------------------------------------------ reading

    def scan(self) -> dict[str, FileStat]:
        """Stat every entry of the partnerships folder except our temp files."""
        return scan_folder(self.folder)

    def scan_one(self, name: str) -> FileStat | None:
        try:
            return file_stat(os.lstat(self.path_of(name)))
        except OSError:
            return None

    def load_all(self) -> LoadResult:
        """Read every partnership file; bad files become problems, never exceptions."""
        return self.load_names(sorted(self.scan()))

    def load_indexed(
        self,
        stats: Mapping[str, FileStat],
        index: Index,
        progress: Callable[[int, int], None] | None = None,
        *,
        cached: CachedIndex | None = None,
        matched: Match | None = None,
        arrived: Callable[[list[Record]], None] | None = None,
    ) -> tuple[LoadResult, list[tuple[FileStat, Record]] | None]:
        """Read the files in ``stats``, taking those whose stat is unchanged from ``index``.

        Returns the result and, when the index is out of date, what it should now hold
        (for :meth:`Index.write`; the caller decides when to spend the time on it).
        ``progress(done, total)`` is told now and then how many files are taken.
        ``cached`` is the index as read already, and ``matched`` its match against
        ``stats`` made elsewhere (:mod:`.scanning`); both are read and made here if not.
        ``arrived(records)`` is told, while files are parsed, the records read so far
        (a new list each time, in no particular order; problems and duplicates are
        sorted out only in the result), so a front end can show them as they come.
        """
        if cached is None:
            cached = index.read()
        valid, to_read = matched if matched is not None else cached.match(stats)
        count = len(cached)
        names = cached.names
        sorts = list(zip(cached.sort_names, cached.ids, strict=True))
        make = Record.cached
        all_valid = valid.count(0) == 0
        if all_valid:  # (the usual case: every cached file is unchanged)
            records = list(map(make, names, repeat(cached, count), range(count), sorts))
        else:
            records = [make(names[i], cached, i, sorts[i]) for i in range(count) if valid[i]]
        from_index = len(records)
        problems: list[Problem] = []
        fresh: list[Record] = []
        total = len(stats) or count  # (no stats with a match made elsewhere: all cached)
        if progress is not None:
            progress(from_index, total)
        told = from_index
        for done, item in enumerate(self._load_each(to_read), from_index + 1):
            if progress is not None and done % 250 == 0:
                progress(done, total)
            if isinstance(item, Record):
                fresh.append(item)
            else:
                problems.append(item)
            if arrived is not None and len(fresh) >= told + ARRIVED_EVERY:
                told = len(fresh)
                if progress is not None:
                    progress(done, total)
                arrived(records + fresh)
        if not fresh and not problems and cached.ids_unique:
            # Only files the cache holds, each with an id of its own, in name order.
            result = LoadResult(records, [], ids=cached.ids if all_valid else None)
        else:
            result = self._deduplicate(records + fresh, problems)
        result.from_index = from_index
        stale = bool(fresh) or from_index != count
        if not stale or not index.enabled:
            return result, None
        kept = [(stats[r.name], r) for r in records + fresh if r.is_packed and r.name in stats]
        return result, kept

    def load_names(self, names: Iterable[str]) -> LoadResult:
        records: list[Record] = []
        problems: list[Problem] = []
        for item in self._load_each(names):
            if isinstance(item, Record):
                records.append(item)
            else:
                problems.append(item)
        return self._deduplicate(records, problems)

    def _load_each(self, names: Iterable[str]) -> Iterator[Record | Problem]:
        """Read and parse these files; many at once go to every core (:mod:`.parallel`)."""
        return parallel.parse_many(self.folder, list(names), self.read_one, Workspace.parse)

    def read_one(self, name: str) -> Record | Problem | None:
        """Read and parse one file (None: it is gone)."""
        try:
            data = read_file(self.path_of(name))
        except FileNotFoundError:
            return None
        except NotAFileError as exc:
            return Problem(name, f"broken.{exc.kind}")
        except OSError as exc:
            return Problem(name, "broken.unreadable", {"reason": exc.strerror or str(exc)})
        return self.parse(name, data)

    @staticmethod
    def parse(name: str, data: bytes) -> Record | Problem:
        """Turn one file's bytes into a record, or a problem that says why not."""
        hashed = digest(data)
        match = FILE_NAME.fullmatch(name)
        if match is None:
            return Problem(name, "broken.unexpected_name", digest=hashed)
        codec = _codec()
        try:
            result = codec.read(data)
        except codec.FormatError as exc:
            return Problem(name, exc.key, exc.params, exc.line, exc.column, hashed)
        if isinstance(result, tuple):  # packed by the lean path
            record = Record(name, digest=hashed, packed=result)
        else:
            record = Record(name, result, hashed)
        if record.id[:6] != match.group(1):
            return Problem(name, "broken.id_mismatch", {"id": record.id}, digest=hashed)
        return record

    @staticmethod
    def _deduplicate(records: list[Record], problems: list[Problem]) -> LoadResult:
        by_id: dict[str, Record] = {}
        kept: list[Record] = []
        for record in sorted(records, key=lambda r: r.name):
            first = by_id.get(record.id)
            if first is not None:
                problems.append(
                    Problem(
                        record.name,
                        "broken.duplicate_id",
                        {"other": first.name},
                        digest=record.digest,
                    )
                )
                continue
            by_id[record.id] = record
            kept.append(record)
        problems.sort(key=lambda p: p.name)
        return LoadResult(kept, problems)

    def read_bytes(self, name: str) -> bytes | None:
        """The file's bytes; None when it is gone or is no longer an ordinary file."""
        try:
            return read_file(self.path_of(name))
        except (FileNotFoundError, NotAFileError):
            return None

    # ------------------------------------------------------------------ writing

    def create(self, p: Partnership) -> Record:
        """Write a new partnership file; its name is fixed from now on."""
        data = _codec().encode(p)
        name = self.file_name_for(p)
        path = self.path_of(name)
        with self.locked():
            if path.exists():
                raise StoreError("error.file_exists", file=name)
            self._write(path, data)
        return Record(name, p, digest(data))

    def save(self, loaded: Record, new: Partnership) -> tuple[Record, bytes]:
        """Write ``new`` over ``loaded`` if the file is still what was read.

        Returns the new record and the bytes it replaced. Raises :class:`StaleFileError`
        when the file changed or vanished on disk; nothing is written then. A save that
        changes no byte writes nothing.
        """
        data = _codec().encode(new)
        with self.locked():
            current = self.read_bytes(loaded.name)
            if current is None or digest(current) != loaded.digest:
                raise StaleFileError(loaded.name, current)
            if current != data:
                self._write(self.path_of(loaded.name), data)
        return Record(loaded.name, new, digest(data)), current

    def write_bytes(self, name: str, data: bytes, expected_digest: str | None) -> None:
        """Replace a file's bytes after checking it still has ``expected_digest``.

        ``expected_digest=None`` means the file must not exist yet (a restore).
        """
        with self.locked():
            current = self.read_bytes(name)
            if expected_digest is None:
                if current is not None:
                    raise StaleFileError(name, current)
            elif current is None or digest(current) != expected_digest:
                raise StaleFileError(name, current)
            self._write(self.path_of(name), data)

    def delete(self, loaded: Record) -> None:
        """Remove a partnership file if it is still what was read."""
        with self.locked():
            current = self.read_bytes(loaded.name)
            if current is None and not os.path.lexists(self.path_of(loaded.name)):
                return
            if current is None or digest(current) != loaded.digest:
                raise StaleFileError(loaded.name, current)
            try:
                self.path_of(loaded.name).unlink()
            except OSError as exc:
                reason = exc.strerror
                raise StoreError("error.cannot_write", path=loaded.name, reason=reason) from exc

    def _write(self, path: Path, data: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
        except FileExistsError:  # mkdir: "partnerships" is a file
            raise StoreError("error.not_a_folder", path=str(self.folder)) from None
        except OSError as exc:
            raise StoreError(
                "error.cannot_write", path=path.name, reason=exc.strerror or str(exc)
            ) from exc


# The value types live in :mod:`.records`; they are named here too, where callers
# have always found them.
__all__ = [
    "FILE_NAME",
    "GITATTRIBUTES",
    "GITIGNORE",
    "PARTNERSHIPS_DIR",
    "SETTINGS_FILE",
    "FileStat",
    "LoadResult",
    "Problem",
    "Record",
    "StaleFileError",
    "StoreError",
    "Workspace",
    "digest",
    "settings_document",
]
