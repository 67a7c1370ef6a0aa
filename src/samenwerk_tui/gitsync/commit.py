"""Committing the workspace: exactly its own paths, and never a file that does not parse.

The caller holds the workspace lock, so no save lands between staging and committing.
Every partnership file about to be committed is read with the store's own check; a broken
one is rebuilt from its two sides when git has them, and otherwise held back: left out of
the commit (its staged version put back to the committed one), named in the outcome, and
so named again by every sync until it is repaired.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from samenwerk_tui import i18n
from samenwerk_tui.gitsync import describe
from samenwerk_tui.gitsync.merge import MergeError
from samenwerk_tui.gitsync.paths import (
    IndexChange,
    has_head,
    ignore_rule,
    is_ours,
    is_partnership_path,
    our_paths,
    stage,
    staged_changes,
    unstage,
)
from samenwerk_tui.gitsync.runner import Git
from samenwerk_tui.gitsync.setup import commit
from samenwerk_tui.gitsync.sides import repair_file, unmerged
from samenwerk_tui.store.workspace import Problem, StoreError, Workspace


@dataclass(frozen=True)
class Held:
    """A partnership file left out of a commit because it does not parse."""

    path: str
    key: str
    params: dict[str, object]
    line: int

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    def reason(self) -> str:
        return i18n.t(self.key, **self.params)


@dataclass
class CommitOutcome:
    """What :func:`commit_workspace` did."""

    committed: bool = False
    paths: list[str] = field(default_factory=list)  # what the commit changed
    repaired: list[str] = field(default_factory=list)  # rebuilt from their sides first
    held: list[Held] = field(default_factory=list)  # left out: they do not parse
    unmerged: list[str] = field(default_factory=list)  # a merge still waits for these
    forced: list[tuple[str, str]] = field(default_factory=list)  # (path, ignore rule)


def merging(git: Git) -> bool:
    return git.ok("rev-parse", "-q", "--verify", "MERGE_HEAD")


def check_staged(root: Path, git: Git, changes: list[IndexChange], out: CommitOutcome) -> None:
    """Repair or hold back every staged partnership file that does not parse."""
    wanted = [c for c in changes if is_partnership_path(c.path) and c.status != "D"]
    blobs = git.blobs([f":{c.path}" for c in wanted])
    for change in wanted:
        name = change.path.rsplit("/", 1)[-1]
        problem = Workspace.parse(name, blobs.get(f":{change.path}") or b"")
        if not isinstance(problem, Problem):
            continue
        try:
            repair_file(root, name)
        except (MergeError, StoreError, OSError):
            out.held.append(Held(change.path, problem.key, dict(problem.params), problem.line))
            unstage(git, [change.path])
            continue
        stage(git, [change.path])
        out.repaired.append(change.path)


def commit_workspace(
    root: Path, git: Git, *, message: str = "", author: str = "", header: str = ""
) -> CommitOutcome:
    """Stage and commit the workspace's own changes; finish an open merge if there is one.

    Outside a merge only our paths are committed (``--only``); during one, git commits
    the whole index (a merge cannot be committed in part), after the same checks.
    """
    out = CommitOutcome()
    in_merge = merging(git)
    stage(git, our_paths(git, root))
    changes = staged_changes(git)
    check_staged(root, git, [c for c in changes if is_ours(c.path)], out)
    if out.repaired or out.held:
        changes = staged_changes(git)
    ours = [c for c in changes if is_ours(c.path)]
    out.paths = [c.path for c in ours]
    if in_merge:
        out.unmerged = sorted(unmerged(git))
        if out.unmerged or out.held:
            return out  # the merge stays open until every file can be committed
    elif not ours:
        return out
    for change in ours:
        if change.status == "A" and is_partnership_path(change.path):
            rule = ignore_rule(git, change.path)
            if rule is not None:
                out.forced.append((change.path, rule))
    text = describe.commit_message(_describe(git, ours), message)
    if header:
        text = header + "\n\n" + text
    commit(git, text, author=author, only=None if in_merge else out.paths)
    out.committed = True
    return out


def _describe(git: Git, changes: list[IndexChange]) -> list[str]:
    """One line per changed partnership: "Senseo: note added"."""
    wanted = [c for c in changes if is_partnership_path(c.path)]
    head = has_head(git)
    blobs = git.blobs(
        [f"HEAD:{c.path}" for c in wanted if head and c.status != "A"]
        + [f":{c.path}" for c in wanted if c.status != "D"]
    )
    return [
        describe.describe_file(c.path.rsplit("/", 1)[-1], blobs.get(f"HEAD:{c.path}"),
                               blobs.get(f":{c.path}"))
        for c in wanted
    ]  # fmt: skip
