"""What a sync tells the advisor: its result, and a sentence for each thing it did.

Counts come from this sync only; names of partnerships (not file names) where they can be
read; every sentence from the catalog, with real singular and plural forms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from samenwerk_tui import i18n
from samenwerk_tui.gitsync import describe
from samenwerk_tui.gitsync.commit import CommitOutcome
from samenwerk_tui.gitsync.merging import MergeOutcome
from samenwerk_tui.gitsync.paths import is_partnership_path
from samenwerk_tui.gitsync.remote import changed_paths, count, new_conflicts
from samenwerk_tui.gitsync.runner import Git, GitError
from samenwerk_tui.store import codec
from samenwerk_tui.store.workspace import FILE_NAME, PARTNERSHIPS_DIR, Workspace


@dataclass
class SyncResult:
    """What a sync did. ``status``: ok, no_remote, offline, conflicts or error."""

    status: str = "ok"
    committed: bool = False
    sent: int = 0
    received: int = 0
    changed_names: list[str] = field(default_factory=list)  # partnership files to reload
    conflicted: list[str] = field(default_factory=list)  # partnership files needing a look
    held: list[str] = field(default_factory=list)  # files that cannot be read: not sent
    messages: list[str] = field(default_factory=list)  # plain sentences, in order
    error: GitError | None = None

    @property
    def exit_code(self) -> int:
        """0 done; 1 unreachable, conflicts left, a file held back or git failed (§4)."""
        return 0 if self.status in ("ok", "no_remote") and not self.held else 1

    def summary(self) -> str:
        """One sentence for the status line or the terminal."""
        if self.status == "no_remote":
            sentence = i18n.t("git.sync.no_remote")
        elif self.status == "offline":
            sentence = i18n.t("git.sync.offline")
        elif self.status == "error":
            changed = self.committed or self.received
            return i18n.t("git.sync.error_after" if changed else "git.sync.error")
        else:
            sentence = i18n.t("git.sync.counts", sent=self.sent, received=self.received)
        if self.conflicted:
            sentence += "; " + i18n.t("git.sync.conflicts", count=len(self.conflicted))
        if self.held:
            sentence += "; " + i18n.t("git.sync.held", count=len(self.held))
        return sentence


def label(root: Path, path: str) -> str:
    """The partnership's name for a message, else its file name."""
    try:
        return describe.clean(codec.decode((root / path).read_bytes()).name, 80)
    except (OSError, codec.FormatError):
        return describe.clean(path.rsplit("/", 1)[-1], 80)


def _add(names: list[str], path: str) -> None:
    name = path.rsplit("/", 1)[-1]
    if is_partnership_path(path) and name not in names:
        names.append(name)


def note_commit(root: Path, outcome: CommitOutcome, result: SyncResult) -> None:
    """Sentences for a commit of the workspace: repaired, held back, ignored but sent."""
    result.committed = result.committed or outcome.committed
    for path in outcome.repaired:
        result.messages.append(i18n.t("git.sync.rebuilt", name=label(root, path)))
        _add(result.changed_names, path)
    for held in outcome.held:
        if held.name not in result.held:
            result.held.append(held.name)
            result.messages.append(
                i18n.t("git.sync.held_file", file=held.path, line=held.line, reason=held.reason())
            )
    for path, rule in outcome.forced:
        result.messages.append(i18n.t("git.sync.ignored_sent", file=path, rule=rule))
    if outcome.unmerged:
        files = ", ".join(describe.clean(p, 80) for p in outcome.unmerged[:5])
        unmerged = i18n.t("git.sync.unmerged", count=len(outcome.unmerged), files=files)
        result.messages.append(unmerged)
        for path in outcome.unmerged:
            _add(result.conflicted, path)


def note_merge(root: Path, out: MergeOutcome, result: SyncResult) -> None:
    """Sentences for a merge, and what it brought: counts, files to reload, conflicts."""
    report = out.repair
    for path in report.kept_here:
        result.messages.append(i18n.t("git.sync.kept_here", name=label(root, path)))
    for path in report.kept_there:
        result.messages.append(i18n.t("git.sync.kept_there", name=label(root, path)))
    for path in report.kept_ours:
        result.messages.append(i18n.t("git.sync.kept_ours", file=describe.clean(path, 80)))
    for path in report.split:
        result.messages.append(i18n.t("git.sync.split", name=label(root, path)))
    for path in report.taken:
        result.messages.append(i18n.t("git.sync.taken", name=label(root, path)))
    for path in report.touched:
        _add(result.changed_names, path)
    for path in [*report.recorded, *report.failed]:
        _add(result.conflicted, path)
    for path in report.failed:
        result.messages.append(i18n.t("git.sync.not_merged", file=describe.clean(path, 80)))
    note_commit(root, out.commit, result)
    if out.restaged:
        result.messages.append(i18n.t("git.sync.restaged", count=len(out.restaged)))
    if out.state in ("merged", "fast_forward"):
        _received(root, out.old or None, result)


def _received(root: Path, old: str | None, result: SyncResult) -> None:
    git = Git(root)
    paths = changed_paths(git, old, "HEAD")
    result.received += count(paths)
    for path in paths:
        _add(result.changed_names, path)
    for path in new_conflicts(git, old, paths):
        _add(result.conflicted, path)


def broken_files(workspace: Workspace, already: set[str]) -> list[tuple[str, str]]:
    """(name, sentence) for each partnership file in the work tree that cannot be read."""
    found = []
    for problem in workspace.load_all().problems:
        if problem.name in already or problem.key == "broken.duplicate_id":
            continue
        if FILE_NAME.fullmatch(problem.name) is None:
            continue  # not a name a sync publishes: it stays out of git anyway
        reason = i18n.t(problem.key, **problem.params)
        path = f"{PARTNERSHIPS_DIR}/{problem.name}"
        sentence = i18n.t("git.sync.held_file", file=path, line=problem.line, reason=reason)
        found.append((problem.name, sentence))
    return found
