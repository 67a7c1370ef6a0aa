"""Merging the colleagues' commits into the workspace, under the workspace lock.

Run only right after :func:`~samenwerk_tui.gitsync.commit.commit_workspace`, with the lock
held throughout, so the work tree holds no uncommitted save of ours that git could
snapshot and then overwrite. What else it makes sure of:

- git's rename detection never pairs two partnerships: ``-Xfind-renames=100%`` (verified
  with git 2.39: ``merge.renames=false`` and ``-Xno-renames`` did not stop the pairing);
- what the user staged by hand outside the workspace is unstaged for the merge (git
  refuses to merge with a changed index) and staged again afterwards, exactly as it was;
- autostash is off (runner), so a merge git refuses leaves every file as it was, and the
  refusal names the files that stood in the way;
- the merge is recorded as ours in the git dir, so that one left open (a file that could
  not be merged) is finished by the next sync, not mistaken for the user's own merge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from samenwerk_tui.gitsync.commit import CommitOutcome, commit_workspace, merging
from samenwerk_tui.gitsync.paths import IndexChange, foreign_staged, restage, unstage
from samenwerk_tui.gitsync.repair import RepairReport, repair_unmerged
from samenwerk_tui.gitsync.runner import Git, GitError, error_for
from samenwerk_tui.gitsync.setup import identity
from samenwerk_tui.gitsync.status import OWN_MERGE, git_dirs

#: Exact renames only: two partnership files never have the same bytes (the id is inside).
MERGE_OPTIONS = ("-Xfind-renames=100%",)
#: For its own merges a sync merges partnership files in this process, from the index
#: stages (:func:`repair_unmerged`, the same field-by-field merge the driver runs), rather
#: than let git start one Python per file: forty files took 20-40 s on a busy laptop, long
#: enough for colleagues to push again and again before this sync could. ``false`` as the
#: driver leaves "ours" in the work tree and every stage in the index, which is exactly
#: what the in-process merge reads. A ``git pull`` by hand still runs the real driver.
IN_PROCESS = ("merge.samenwerk.driver=false",)
#: The user's own staged files, set aside while a merge a sync started stays open.
SAVED_STAGED = "samenwerk-staged"
_REFUSED_LIST = re.compile(r"would be overwritten by (?:merge|checkout):\s*\n((?:\t[^\n]*\n?)+)")


@dataclass
class MergeOutcome:
    """What :func:`merge_remote` did. ``state``: up_to_date, fast_forward, merged, open."""

    state: str = "up_to_date"
    old: str = ""
    repair: RepairReport = field(default_factory=RepairReport)
    commit: CommitOutcome = field(default_factory=CommitOutcome)
    restaged: list[str] = field(default_factory=list)  # the user's own staged files


class MergeRefused(GitError):
    """git would not start the merge: these files stood in the way; nothing changed."""

    def __init__(self, key: str, files: list[str], stderr: str) -> None:
        super().__init__(key, stderr=stderr, files=", ".join(files), count=len(files))
        self.files = files


def _own_merge_file(git: Git) -> Path:
    return git_dirs(git)[0] / OWN_MERGE


def refused_files(stderr: str) -> tuple[str, list[str]]:
    """The catalog key and the files git listed when it refused to merge."""
    found = _REFUSED_LIST.search(stderr)
    files = [line.strip() for line in found.group(1).splitlines()] if found else []
    untracked = "untracked working tree files" in stderr.lower()
    key = "git.error.merge_untracked" if untracked else "git.error.merge_local_changes"
    return key, [f for f in files if f]


def merge_remote(root: Path, git: Git, tracking: str, *, header: str, author: str) -> MergeOutcome:
    """Merge ``tracking`` into HEAD; commit it when every file could be merged."""
    out = MergeOutcome()
    has_head = git.ok("rev-parse", "-q", "--verify", "HEAD")
    out.old = git.out("rev-parse", "HEAD") if has_head else ""
    if out.old and git.ok("merge-base", "--is-ancestor", tracking, "HEAD"):
        return out  # nothing new from the colleagues
    staged = foreign_staged(git)
    unstage(git, [c.path for c in staged])
    try:
        if not out.old:
            git.run("reset", "--quiet", "--keep", tracking)
            out.state = "fast_forward"
            return out
        target = git.out("rev-parse", tracking)
        _own_merge_file(git).write_text(target + "\n", "utf-8")
        merged = git.run(
            "merge", "--no-commit", "--ff", "--no-edit", "--no-squash", "--no-stat", "--quiet",
            "--allow-unrelated-histories", *MERGE_OPTIONS, tracking,
            check=False, config=(*identity(git, author), *IN_PROCESS),
        )  # fmt: skip
        if not merging(git):
            _own_merge_file(git).unlink(missing_ok=True)
            if not merged.ok:
                key, files = refused_files(merged.stderr)
                if files:
                    raise MergeRefused(key, files, merged.stderr)
                raise error_for(merged)
            out.state = "fast_forward"
            return out
        out.state = "open"
        finish_merge(root, git, out, header=header, author=author)
        return out
    finally:
        if out.state == "open":
            _save_staged(git, staged)  # a merge commits the whole index: not theirs yet
        elif staged:
            restage(git, staged)
            out.restaged = [c.path for c in staged]


def finish_merge(root: Path, git: Git, out: MergeOutcome, *, header: str, author: str) -> None:
    """Rebuild the unmerged files, check them, and commit the merge if nothing is left.

    The user's own staged files, set aside when a sync left this merge open, are staged
    again once it is committed.
    """
    out.repair = repair_unmerged(root, git)
    out.commit = commit_workspace(root, git, header=header, author=author)
    if out.commit.committed:
        out.state = "merged"
        _own_merge_file(git).unlink(missing_ok=True)
        saved = _take_saved_staged(git)
        if saved:
            restage(git, saved)
            out.restaged = [c.path for c in saved]


def _saved_staged_file(git: Git) -> Path:
    return git_dirs(git)[0] / SAVED_STAGED


def _save_staged(git: Git, changes: list[IndexChange]) -> None:
    if not changes:
        return
    path = _saved_staged_file(git)
    kept = _read_saved(path)
    known = {c.path for c in kept}
    lines = [*kept, *(c for c in changes if c.path not in known)]
    text = "".join(f"{c.status} {c.mode} {c.blob}\t{c.path}\0" for c in lines)
    path.write_bytes(text.encode("utf-8", "surrogateescape"))


def _read_saved(path: Path) -> list[IndexChange]:
    try:
        data = path.read_bytes().decode("utf-8", "surrogateescape")
    except OSError:
        return []
    out = []
    for entry in data.split("\0"):
        meta, _, name = entry.partition("\t")
        fields = meta.split()
        if name and len(fields) == 3:
            out.append(IndexChange(fields[0], name, fields[1], fields[2]))
    return out


def _take_saved_staged(git: Git) -> list[IndexChange]:
    path = _saved_staged_file(git)
    saved = _read_saved(path)
    path.unlink(missing_ok=True)
    return saved


def own_merge_open(git: Git) -> bool:
    """True when the open merge is one a sync started (and so finishes)."""
    try:
        recorded = _own_merge_file(git).read_text("utf-8").strip()
    except OSError:
        return False
    found = git.run("rev-parse", "-q", "--verify", "MERGE_HEAD", check=False)
    return found.ok and found.text.strip() == recorded
