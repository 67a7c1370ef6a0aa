"""Finishing merges git could not: every unmerged path, rebuilt from its index stages.

Verified traps this exists for. A driver that cannot run (a clone whose config points at a
Python that moved) leaves the work-tree file equal to "ours", without markers, and the
other side's change only in the index: a blind ``git add`` loses it. Modify/delete never
reaches a driver at all. And git's rename detection can pair two partnerships (one deleted,
another created) as one file. So before anything is staged, every unmerged path is rebuilt
here from its stages (:1: base, :2: ours, :3: theirs) with the field-by-field merge:

- a partnership deleted on one side and changed on the other is kept;
- two different partnerships paired as a rename are put back as two files;
- a side that does not parse is first rebuilt from its own sides (a colleague's broken
  merge); if it still does not parse, the path is left unmerged, unwritten, and reported;
- a file the user already settled (it parses, differs from what git left, was saved
  after the merge started, and already holds the other side's work) is taken as it is,
  never rebuilt over; one saved onto git's "ours" (a sync interrupted mid-merge, then a
  note added) is merged with the other side instead.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from samenwerk_tui.gitsync.merge import MergeError, merge_bytes
from samenwerk_tui.gitsync.paths import is_partnership_path
from samenwerk_tui.gitsync.paths import stage as stage_paths
from samenwerk_tui.gitsync.runner import Git
from samenwerk_tui.gitsync.sides import parses, rebuilt_blob, unmerged
from samenwerk_tui.gitsync.status import git_dirs
from samenwerk_tui.store import codec
from samenwerk_tui.store.atomic import write_atomic
from samenwerk_tui.store.workspace import FILE_NAME, PARTNERSHIPS_DIR

_LINE_FILES = {".gitattributes", ".gitignore"}


@dataclass
class RepairReport:
    """What :func:`repair_unmerged` did, path by path (repository paths)."""

    merged: list[str] = field(default_factory=list)
    kept_here: list[str] = field(default_factory=list)  # deleted elsewhere, changed here
    kept_there: list[str] = field(default_factory=list)  # deleted here, changed elsewhere
    kept_ours: list[str] = field(default_factory=list)  # other files: our version kept
    taken: list[str] = field(default_factory=list)  # settled in the app: taken as it is
    split: list[str] = field(default_factory=list)  # two partnerships git had paired
    recorded: dict[str, int] = field(default_factory=dict)  # path -> conflicts recorded
    failed: list[str] = field(default_factory=list)  # left unmerged: a side is unreadable

    @property
    def touched(self) -> list[str]:
        return [*self.merged, *self.kept_here, *self.kept_there, *self.kept_ours, *self.taken,
                *self.split]  # fmt: skip


def merge_started_ns(git: Git) -> int | None:
    """When the open merge started (the time of ``MERGE_HEAD``), or None."""
    own, _common = git_dirs(git)
    try:
        return (own / "MERGE_HEAD").stat().st_mtime_ns
    except OSError:
        return None


def repair_unmerged(root: Path, git: Git | None = None) -> RepairReport:
    """Merge every unmerged path from its stages, write it and stage it."""
    git = git or Git(root)
    report = RepairReport()
    started = merge_started_ns(git)
    found = sorted(unmerged(git).items())
    # Every stage in one ``cat-file --batch`` and every result in one ``add``: a merge of a
    # few hundred files would otherwise start a thousand git processes.
    blobs = git.blobs([sha for _path, stages in found for sha in stages.values()])

    def stage(stages: dict[int, str], number: int) -> bytes | None:
        return blobs.get(stages[number]) if number in stages else None

    done: list[str] = []
    for path, stages in found:
        target = root / path
        ours, theirs = stage(stages, 2), stage(stages, 3)
        if is_partnership_path(path) and _settled_by_user(target, ours, started):
            saved = target.read_bytes()
            if theirs is None or _holds_theirs(stage(stages, 1), saved, theirs):
                report.taken.append(path)
            elif not _merge_two(root, git, path, stage(stages, 1), saved, theirs, report):
                continue
        elif ours is not None and theirs is not None:
            if not _merge_two(root, git, path, stage(stages, 1), ours, theirs, report):
                continue  # left unmerged, for the user to settle
        elif ours is not None:
            # Theirs deleted it, ours changed it: our file is in the work tree; keep it.
            if not target.exists():
                write_atomic(target, ours)
            report.kept_here.append(path)
        elif theirs is not None:
            # Ours deleted it, theirs changed it: bring theirs back.
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, theirs)
            report.kept_there.append(path)
        else:
            continue  # deleted on both sides: nothing to keep
        done.append(path)
    stage_paths(git, done)
    return report


def _settled_by_user(target: Path, left_by_git: bytes | None, started: int | None) -> bool:
    """The app (or an editor) saved a readable version after the merge began."""
    try:
        data = target.read_bytes()
        mtime = target.stat().st_mtime_ns
    except OSError:
        return False
    if not parses(data) or started is None or mtime < started:
        return False
    return data != left_by_git


def _holds_theirs(base: bytes | None, saved: bytes, theirs: bytes) -> bool:
    """True when the file saved during the merge already holds the other side's work.

    It does when it was settled from a rebuild (``r`` in the app, an editor on the
    markers): merging theirs into it again adds nothing but the conflicts the advisor
    just settled, so it is taken as it is. A file saved onto what git left as "ours"
    (a sync interrupted mid-merge, then a note added) lacks it: that one is merged with
    theirs like any other, or the colleagues' notes would be dropped without a word.
    """
    try:
        result = merge_bytes(base, saved, theirs)
    except MergeError:
        return True  # not ours to decide: a side that does not parse stays as saved
    mine = codec.decode(saved)
    merged = result.partnership.replace(conflicts=mine.conflicts, updated=mine.updated)
    return merged == mine


def _id_of(data: bytes | None) -> str | None:
    p = codec.decode_or_none(data)
    return p.id if p is not None else None


def _merge_two(
    root: Path, git: Git, path: str, base: bytes | None, ours: bytes, theirs: bytes,
    report: RepairReport,
) -> bool:  # fmt: skip
    """Write the merge of one path; False when it has to stay unmerged."""
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if path in _LINE_FILES:
        lines = ours.decode("utf-8", "replace").splitlines()
        extra = [ln for ln in theirs.decode("utf-8", "replace").splitlines() if ln not in lines]
        write_atomic(target, ("\n".join([*lines, *extra]) + "\n").encode("utf-8"))
        report.merged.append(path)
        return True
    if not is_partnership_path(path):
        write_atomic(target, ours)
        report.kept_ours.append(path)
        return True
    # A side that does not parse may be a colleague's broken merge: rebuild it first.
    if not parses(ours):
        ours = rebuilt_blob(git, "HEAD", path) or ours
    if not parses(theirs):
        theirs = rebuilt_blob(git, "MERGE_HEAD", path) or theirs
    ours_id, theirs_id = _id_of(ours), _id_of(theirs)
    if ours_id is None or theirs_id is None:
        report.failed.append(path)
        return False
    if ours_id != theirs_id:
        _split(root, git, path, ours, theirs, report)
        return True
    try:
        result = merge_bytes(base, ours, theirs)
    except MergeError:
        report.failed.append(path)
        return False
    write_atomic(target, result.data)
    report.merged.append(path)
    if result.conflicts:
        report.recorded[path] = len(result.conflicts)
    return True


def _split(
    root: Path, git: Git, path: str, ours: bytes, theirs: bytes, report: RepairReport
) -> None:
    """Git paired two partnerships as a rename: put each back under its own name.

    The one whose id the path carries stays at ``path``; the other goes to the file of
    its id (a delete on one side, an edit on the other: kept, as DESIGN §6 says).
    """
    name = path.rsplit("/", 1)[-1]
    match = FILE_NAME.fullmatch(name)
    id6 = match.group(1) if match else ""
    here, other = (ours, theirs) if (_id_of(ours) or "")[:6] == id6 else (theirs, ours)
    write_atomic(root / path, here)
    other_id = _id_of(other) or ""
    other_path = _path_of_id(git, other_id) or f"{PARTNERSHIPS_DIR}/{_file_name(other)}"
    write_atomic(root / other_path, other)
    git.run("add", "--force", "--", other_path)
    report.split.append(path)
    if other is theirs:
        report.kept_there.append(other_path)
    else:
        report.kept_here.append(other_path)


def _path_of_id(git: Git, pid: str) -> str | None:
    """Where a partnership with id ``pid`` lived on either side of the merge."""
    for rev in ("MERGE_HEAD", "HEAD"):
        with contextlib.suppress(Exception):
            listing = git.run("ls-tree", "-z", "--name-only", f"{rev}:{PARTNERSHIPS_DIR}",
                              check=False)  # fmt: skip
            for name in listing.text.split("\0"):
                match = FILE_NAME.fullmatch(name)
                if match and match.group(1) == pid[:6]:
                    return f"{PARTNERSHIPS_DIR}/{name}"
    return None


def _file_name(data: bytes) -> str:
    from samenwerk_tui.store.workspace import Workspace

    p = codec.decode(data)
    return Workspace(Path(".")).file_name_for(p)
