"""What git knows about the workspace: uncommitted files, a file's history, old versions.

Read-only calls for the list (``is:changed``) and the history screen; none of them
changes the repository. Outside a git repository they answer "nothing".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from samenwerk_tui.gitsync.paths import is_ours
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


# --------------------------------------------------------------------------- operations

#: Files git keeps while an operation the user started waits for them, and its name.
_OPERATIONS: tuple[tuple[str, str], ...] = (
    ("rebase-merge", "rebase"),
    ("rebase-apply/applying", "am"),
    ("rebase-apply", "rebase"),
    ("CHERRY_PICK_HEAD", "cherry-pick"),
    ("REVERT_HEAD", "revert"),
    ("BISECT_LOG", "bisect"),
    ("MERGE_HEAD", "merge"),
)
#: Written by a sync when it starts a merge (holding the merged commit), so that a merge
#: left open (a file that could not be merged) is known to be ours and finished next time.
OWN_MERGE = "samenwerk-merge"


def git_dirs(git: Git) -> tuple[Path, Path]:
    """The repository's own git dir and its common dir (they differ in a linked worktree)."""
    lines = git.out("rev-parse", "--absolute-git-dir", "--git-common-dir").splitlines()
    own = Path(lines[0])
    common = Path(lines[1]) if len(lines) > 1 else own
    if not common.is_absolute():
        common = (Path(git.root or ".") / common).resolve()
    return own, common


def operation_in_progress(git: Git) -> str | None:
    """The git operation in progress: rebase, am, cherry-pick, revert, bisect or merge."""
    own, common = git_dirs(git)
    for name, operation in _OPERATIONS:
        if (own / name).exists() or (common / name).exists():
            return operation
    return None


def blocking_operation(root: Path) -> str | None:
    """An operation the user started that a sync must not run into, or None.

    A merge counts only when it has unmerged files outside the workspace: a ``git pull``
    of the workspace's own files that stopped on a conflict (or a merge a sync left open)
    is finished by the next sync, as the app repairs those files.
    """
    if not (root / ".git").exists():
        return None
    try:
        git = Git(root)
        operation = operation_in_progress(git)
        if operation != "merge":
            return operation
        out = git.run("ls-files", "-u", "-z").stdout
        paths = {e.split(b"\t", 1)[1].decode("utf-8", "replace") for e in out.split(b"\0")
                 if b"\t" in e}  # fmt: skip
        return "merge" if any(not is_ours(p) for p in paths) else None
    except GitError:
        return None
