"""What git knows about the workspace: uncommitted files, a file's history, old versions.

Read-only calls for the list (``is:changed``) and the history screen; none of them
changes the repository. Outside a git repository they answer "nothing".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from samenwerk_tui.gitsync.runner import Git, GitError
from samenwerk_tui.store.workspace import PARTNERSHIPS_DIR

_FIELD = "\x1f"
_RECORD = "\x1e"


def repo_path(name: str) -> str:
    """The repository path of a partnership file name."""
    return f"{PARTNERSHIPS_DIR}/{name}"


def changed_files(root: Path) -> set[str]:
    """Partnership file names changed since the last commit (untracked and deleted too)."""
    if not (root / ".git").exists():
        return set()
    try:
        out = (
            Git(root)
            .run("status", "--porcelain=v1", "-z", "--untracked-files=all", "--", PARTNERSHIPS_DIR)
            .stdout
        )
    except GitError:
        return set()
    names: set[str] = set()
    entries = out.split(b"\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if len(entry) < 4:
            continue
        status, path = entry[:2], entry[3:].decode("utf-8", "replace")
        if status[:1] in (b"R", b"C"):
            i += 1  # the original path follows; file names never change in a workspace
        prefix = f"{PARTNERSHIPS_DIR}/"
        if path.startswith(prefix) and "/" not in path[len(prefix) :]:
            names.add(path[len(prefix) :])
    return names


def unmerged_names(root: Path) -> set[str]:
    """Partnership file names git still lists as unmerged (a merge left half done)."""
    if not (root / ".git").exists():
        return set()
    try:
        out = Git(root).run("ls-files", "-u", "-z", "--", PARTNERSHIPS_DIR).stdout
    except GitError:
        return set()
    names = set()
    for entry in out.split(b"\0"):
        if b"\t" in entry:
            path = entry.split(b"\t", 1)[1].decode("utf-8", "replace")
            names.add(path.rsplit("/", 1)[-1])
    return names


@dataclass(frozen=True)
class HistoryEntry:
    """One commit that touched a partnership file."""

    commit: str
    author: str
    when: datetime
    message: str


def history(root: Path, name: str, limit: int = 200) -> list[HistoryEntry]:
    """The commits that changed ``name``, newest first (empty outside git)."""
    if not (root / ".git").exists():
        return []
    fmt = _FIELD.join(("%H", "%an", "%aI", "%s")) + _RECORD
    try:
        text = Git(root).out(
            "log", "--follow", f"--max-count={limit}", f"--format={fmt}", "--",
            repo_path(name),
        )  # fmt: skip
    except GitError:
        return []
    entries = []
    for record in text.split(_RECORD):
        parts = record.strip("\n").split(_FIELD)
        if len(parts) != 4:
            continue
        commit, author, when, message = parts
        try:
            stamp = datetime.fromisoformat(when)
        except ValueError:
            continue
        entries.append(HistoryEntry(commit, author, stamp, message))
    return entries


def show_at(root: Path, commit: str, name: str) -> bytes | None:
    """The bytes of ``name`` as committed in ``commit`` (None if it did not exist)."""
    if not commit or not all(c in "0123456789abcdefABCDEF" for c in commit):
        return None
    result = Git(root).run("cat-file", "blob", f"{commit}:{repo_path(name)}", check=False)
    return result.stdout if result.ok else None
