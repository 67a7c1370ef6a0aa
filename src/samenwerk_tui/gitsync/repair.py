"""Finishing merges git could not: unmerged index entries and files with conflict markers.

Two verified traps make this necessary. A driver that cannot run (a clone whose config
points at a Python that moved) leaves the work-tree file equal to "ours", without markers,
and the other side's change only in the index: a blind ``git add`` loses it. And
modify/delete never reaches a driver at all. So before anything is staged, every unmerged
path is rebuilt here from its index stages (:1: base, :2: ours, :3: theirs) with the same
field-by-field merge; a partnership deleted on one side and changed on the other is kept.

A file that already got text markers (merged without the driver, or by hand) is rebuilt
from its two sides: the index stages if still unmerged, else ``MERGE_HEAD``, else the
parents of the merge commit that produced it, else the marker sections themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from samenwerk_tui.gitsync.merge import MergeError, MergeResult, merge_bytes
from samenwerk_tui.gitsync.runner import Git, GitError
from samenwerk_tui.gitsync.status import repo_path
from samenwerk_tui.store import codec
from samenwerk_tui.store.atomic import write_atomic
from samenwerk_tui.store.workspace import FILE_NAME, PARTNERSHIPS_DIR, Workspace, digest

_MARKER = re.compile(rb"^(<{7}|\|{7}|={7}|>{7})(?: .*)?$")
_LINE_FILES = {".gitattributes", ".gitignore"}


@dataclass
class RepairReport:
    """What :func:`repair_unmerged` did, path by path (repository paths)."""

    merged: list[str] = field(default_factory=list)
    kept_here: list[str] = field(default_factory=list)  # deleted elsewhere, changed here
    kept_there: list[str] = field(default_factory=list)  # deleted here, changed elsewhere
    kept_ours: list[str] = field(default_factory=list)  # other files: our version kept
    recorded: dict[str, int] = field(default_factory=dict)  # path -> conflicts recorded
    failed: list[str] = field(default_factory=list)  # written with text markers

    @property
    def touched(self) -> list[str]:
        return [*self.merged, *self.kept_here, *self.kept_there, *self.kept_ours, *self.failed]


def is_partnership_path(path: str) -> bool:
    folder, _, name = path.rpartition("/")
    return folder == PARTNERSHIPS_DIR and FILE_NAME.match(name) is not None


def unmerged(git: Git) -> dict[str, dict[int, str]]:
    """Unmerged paths and their index stages (stage number -> blob id)."""
    out = git.run("ls-files", "-u", "-z").stdout
    found: dict[str, dict[int, str]] = {}
    for entry in out.split(b"\0"):
        if b"\t" not in entry:
            continue
        meta, path = entry.split(b"\t", 1)
        _mode, sha, stage = meta.decode().split()
        found.setdefault(path.decode("utf-8", "replace"), {})[int(stage)] = sha
    return found


def _blob(git: Git, sha: str) -> bytes:
    return git.run("cat-file", "blob", sha).stdout


def repair_unmerged(root: Path, git: Git | None = None) -> RepairReport:
    """Merge every unmerged path from its stages, write it and stage it."""
    git = git or Git(root)
    report = RepairReport()
    for path, stages in sorted(unmerged(git).items()):
        target = root / path
        base = _blob(git, stages[1]) if 1 in stages else None
        if 2 in stages and 3 in stages:
            ours, theirs = _blob(git, stages[2]), _blob(git, stages[3])
            _merge_two(path, target, base, ours, theirs, report)
        elif 2 in stages:
            # Theirs deleted it, ours changed it: our file is in the work tree; keep it.
            if not target.exists():
                write_atomic(target, _blob(git, stages[2]))
            report.kept_here.append(path)
        elif 3 in stages:
            # Ours deleted it, theirs changed it: bring theirs back.
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, _blob(git, stages[3]))
            report.kept_there.append(path)
        else:
            continue  # deleted on both sides: nothing to keep
        git.run("add", "--", path)
    return report


def _merge_two(
    path: str, target: Path, base: bytes | None, ours: bytes, theirs: bytes, report: RepairReport
) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if is_partnership_path(path):
        try:
            result = merge_bytes(base, ours, theirs)
        except MergeError:
            write_atomic(target, text_merge(base, ours, theirs))
            report.failed.append(path)
            return
        write_atomic(target, result.data)
        report.merged.append(path)
        if result.conflicts:
            report.recorded[path] = len(result.conflicts)
    elif path in _LINE_FILES:
        lines = ours.decode("utf-8", "replace").splitlines()
        extra = [ln for ln in theirs.decode("utf-8", "replace").splitlines() if ln not in lines]
        write_atomic(target, ("\n".join([*lines, *extra]) + "\n").encode("utf-8"))
        report.merged.append(path)
    else:
        write_atomic(target, ours)
        report.kept_ours.append(path)


def text_merge(base: bytes | None, ours: bytes, theirs: bytes) -> bytes:
    """git's line merge with diff3 markers (both sides kept, nothing lost)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="samenwerk-merge-") as tmp:
        folder = Path(tmp)
        paths = []
        for label, data in (("ours", ours), ("base", base or b""), ("theirs", theirs)):
            p = folder / label
            p.write_bytes(data)
            paths.append(str(p))
        result = Git(None).run(
            "merge-file", "-p", "--diff3", "-L", "ours", "-L", "base", "-L", "theirs", *paths,
            check=False,
        )  # fmt: skip
        return result.stdout if result.stdout else ours


# --------------------------------------------------------------------------- markers


def marker_sides(data: bytes) -> tuple[bytes | None, bytes, bytes] | None:
    """Split a file with conflict markers into (base, ours, theirs); None if no markers.

    The base is known only when every block has a ``|||||||`` section (diff3 style).
    """
    ours: list[bytes] = []
    theirs: list[bytes] = []
    base: list[bytes] = []
    state = "both"
    blocks = 0
    base_complete = True
    seen_base = False
    for line in data.splitlines(keepends=True):
        match = _MARKER.match(line.rstrip(b"\r\n"))
        kind = match.group(1)[:1] if match else b""
        if kind == b"<" and state == "both":
            state, blocks, seen_base = "ours", blocks + 1, False
        elif kind == b"|" and state == "ours":
            state, seen_base = "base", True
        elif kind == b"=" and state in ("ours", "base"):
            state = "theirs"
        elif kind == b">" and state == "theirs":
            base_complete = base_complete and seen_base
            state = "both"
        elif state == "both":
            ours.append(line)
            theirs.append(line)
            base.append(line)
        elif state == "ours":
            ours.append(line)
        elif state == "base":
            base.append(line)
        else:
            theirs.append(line)
    if blocks == 0 or state != "both":
        return None
    return (b"".join(base) if base_complete else None), b"".join(ours), b"".join(theirs)


def _has_markers(data: bytes) -> bool:
    return any(_MARKER.match(line) for line in data.splitlines())


def find_sides(root: Path, name: str) -> tuple[bytes | None, bytes, bytes] | None:
    """The two sides (and base) a broken partnership file was merged from."""
    path = repo_path(name)
    current = Workspace(root).read_bytes(name)
    if (root / ".git").exists():
        git = Git(root)
        try:
            stages = unmerged(git).get(path, {})
            if 2 in stages and 3 in stages:
                base = _blob(git, stages[1]) if 1 in stages else None
                return base, _blob(git, stages[2]), _blob(git, stages[3])
            if git.ok("rev-parse", "-q", "--verify", "MERGE_HEAD"):
                sides = _sides_of(git, "HEAD", "MERGE_HEAD", path)
                if sides is not None:
                    return sides
            sides = _sides_from_merge_commit(git, path)
            if sides is not None:
                return sides
        except GitError:
            pass
    if current is None:
        return None
    return marker_sides(current)


def _show(git: Git, rev: str, path: str) -> bytes | None:
    result = git.run("cat-file", "blob", f"{rev}:{path}", check=False)
    return result.stdout if result.ok else None


def _sides_of(git: Git, one: str, two: str, path: str) -> tuple[bytes | None, bytes, bytes] | None:
    ours, theirs = _show(git, one, path), _show(git, two, path)
    if ours is None or theirs is None or _has_markers(ours) or _has_markers(theirs):
        return None
    found = git.run("merge-base", one, two, check=False)
    base = _show(git, found.text.strip(), path) if found.ok and found.text.strip() else None
    return base, ours, theirs


def _sides_from_merge_commit(git: Git, path: str) -> tuple[bytes | None, bytes, bytes] | None:
    """The parents of the latest merge commit that left markers in ``path``."""
    log = git.run("rev-list", "--merges", "--parents", "-n", "50", "HEAD", check=False)
    if not log.ok:
        return None
    for line in log.text.splitlines():
        commit, *parents = line.split()
        if len(parents) != 2:
            continue
        merged = _show(git, commit, path)
        if merged is None or not _has_markers(merged):
            continue
        sides = _sides_of(git, parents[0], parents[1], path)
        if sides is not None:
            return sides
    return None


def repair_file(root: Path, name: str) -> MergeResult:
    """Rebuild a broken partnership file from its two sides and write it.

    Raises :class:`MergeError` when the sides cannot be found or merged, and the store's
    ``StaleFileError`` when the file changed while this ran; nothing is written then.
    """
    workspace = Workspace(root)
    current = workspace.read_bytes(name)
    if current is None:
        raise MergeError("git.repair.missing", file=name)
    try:
        codec.decode(current)
    except codec.FormatError:
        pass
    else:
        raise MergeError("git.repair.not_broken", file=name)
    sides = find_sides(root, name)
    if sides is None:
        raise MergeError("git.repair.no_sides", file=name)
    result = merge_bytes(*sides)
    workspace.write_bytes(name, result.data, digest(current))
    return result
