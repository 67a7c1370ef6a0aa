"""Finding the two sides a broken partnership file was merged from, and rebuilding it.

A file that does not parse after a merge (git's text markers, or a colleague's
``merge=union`` that left duplicate keys) was made from two versions that did parse. They
are found, in this order: the index stages (the merge is still open), ``HEAD`` and
``MERGE_HEAD``, the parents of the latest merge commit that produced the broken version,
and last the marker sections in the file itself. The field-by-field merge then rebuilds
the file; nothing is written when that is not possible.
"""

from __future__ import annotations

import re
from pathlib import Path

from samenwerk_tui.gitsync.merge import MergeError, MergeResult, merge_bytes
from samenwerk_tui.gitsync.runner import Git, GitError
from samenwerk_tui.gitsync.status import repo_path
from samenwerk_tui.store import codec
from samenwerk_tui.store.workspace import Workspace, digest

_MARKER = re.compile(rb"^(<{7}|\|{7}|={7}|>{7})(?: .*)?$")
Sides = tuple[bytes | None, bytes, bytes]
#: How many merge commits back a broken version's origin is looked for.
MERGES_SEARCHED = 50


def parses(data: bytes | None) -> bool:
    """True when ``data`` is a partnership file the codec reads."""
    return codec.decode_or_none(data) is not None


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


def blob(git: Git, sha: str) -> bytes:
    return git.run("cat-file", "blob", sha).stdout


def show(git: Git, rev: str, path: str) -> bytes | None:
    result = git.run("cat-file", "blob", f"{rev}:{path}", check=False)
    return result.stdout if result.ok else None


def marker_sides(data: bytes) -> Sides | None:
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


def _sides_of(git: Git, one: str, two: str, path: str) -> Sides | None:
    ours, theirs = show(git, one, path), show(git, two, path)
    if not parses(ours) or not parses(theirs):
        return None
    assert ours is not None and theirs is not None
    found = git.run("merge-base", one, two, check=False)
    base = show(git, found.text.strip(), path) if found.ok and found.text.strip() else None
    return base, ours, theirs


def sides_from_merge_commit(git: Git, path: str, rev: str = "HEAD") -> Sides | None:
    """The parents' versions of the latest merge commit (from ``rev``) that broke ``path``."""
    log = git.run("rev-list", "--merges", "--parents", "-n", str(MERGES_SEARCHED), rev,
                  check=False)  # fmt: skip
    if not log.ok:
        return None
    for line in log.text.splitlines():
        commit, *parents = line.split()
        if len(parents) != 2:
            continue
        merged = show(git, commit, path)
        if merged is None or parses(merged):
            continue
        sides = _sides_of(git, parents[0], parents[1], path)
        if sides is not None:
            return sides
    return None


def rebuilt_blob(git: Git, rev: str, path: str) -> bytes | None:
    """``path`` as in ``rev``; rebuilt from its sides if that version does not parse."""
    data = show(git, rev, path)
    if data is None or parses(data):
        return data
    sides = sides_from_merge_commit(git, path, rev) or marker_sides(data)
    if sides is None:
        return None
    try:
        return merge_bytes(*sides).data
    except MergeError:
        return None


def find_sides(root: Path, name: str) -> Sides | None:
    """The two sides (and base) a broken partnership file was merged from."""
    path = repo_path(name)
    current = Workspace(root).read_bytes(name)
    if (root / ".git").exists():
        git = Git(root)
        try:
            stages = unmerged(git).get(path, {})
            if 2 in stages and 3 in stages:
                base = blob(git, stages[1]) if 1 in stages else None
                ours, theirs = blob(git, stages[2]), blob(git, stages[3])
                if parses(ours) and parses(theirs):
                    return base, ours, theirs
            if git.ok("rev-parse", "-q", "--verify", "MERGE_HEAD"):
                # Ours and theirs; else theirs came broken from a colleague's own merge.
                sides = _sides_of(git, "HEAD", "MERGE_HEAD", path) or sides_from_merge_commit(
                    git, path, "MERGE_HEAD"
                )
                if sides is not None:
                    return sides
            sides = sides_from_merge_commit(git, path)
            if sides is not None:
                return sides
        except GitError:
            pass
    if current is None:
        return None
    return marker_sides(current)


def can_rebuild(root: Path, name: str) -> bool:
    """True when ``name`` does not parse and its two sides can be found and merged."""
    current = Workspace(root).read_bytes(name)
    if current is None or parses(current):
        return False
    sides = find_sides(root, name)
    if sides is None:
        return False
    try:
        merge_bytes(*sides)
    except MergeError:
        return False
    return True


def repair_file(root: Path, name: str) -> MergeResult:
    """Rebuild a broken partnership file from its two sides and write it.

    Raises :class:`MergeError` when the sides cannot be found or merged, and the store's
    ``StaleFileError`` when the file changed while this ran; nothing is written then.
    """
    workspace = Workspace(root)
    current = workspace.read_bytes(name)
    if current is None:
        raise MergeError("git.repair.missing", file=name)
    if parses(current):
        raise MergeError("git.repair.not_broken", file=name)
    sides = find_sides(root, name)
    if sides is None:
        raise MergeError("git.repair.no_sides", file=name)
    result = merge_bytes(*sides)
    workspace.write_bytes(name, result.data, digest(current))
    return result
