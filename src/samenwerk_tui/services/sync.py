"""Sync a workspace through git: commit, fetch, merge, push, in plain words.

One call does what an advisor means by "sync", for a :class:`Session` (only its workspace
and author are used, so a sync may run on a worker thread while the session stays with
the UI). The guarantees of DESIGN §6, and how they are kept:

- one sync of a workspace at a time (a second waits, bounded, then says so): the sync
  lock file;
- no save is lost: the local commit and the merge → commit run under the workspace lock
  every save takes, so a save waits for them ("waiting for the sync…") and one that said
  "Saved" is in the next commit; the lock is not held while talking to the remote;
- nothing but the workspace's own paths is committed, and no partnership file that does
  not parse (it is rebuilt from its sides, or held back and named, in every sync);
- no rebase, cherry-pick, bisect or foreign merge of the user's is run into.

The front end gets a :class:`SyncResult`: sentences in order, counts of this sync, and
the partnership files the merge changed, to reload exactly those
(``Session.reload_names``). The git work itself lives in :mod:`samenwerk_tui.gitsync`.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from samenwerk_tui import i18n
from samenwerk_tui.gitsync.commit import CommitOutcome, commit_workspace, merging
from samenwerk_tui.gitsync.describe import clean
from samenwerk_tui.gitsync.merging import MergeOutcome, finish_merge, merge_remote
from samenwerk_tui.gitsync.paths import foreign_staged
from samenwerk_tui.gitsync.remote import (
    Upstream,
    changed_paths,
    count,
    current_branch,
    fetch,
    head,
    point_remote_head,
    push,
    push_error,
    same_commit,
    set_upstream,
    unreadable_in,
    upstream,
    was_rejected,
)
from samenwerk_tui.gitsync.runner import Git, GitError
from samenwerk_tui.gitsync.setup import ensure_attributes, ensure_setup, is_repo
from samenwerk_tui.gitsync.sides import repair_file
from samenwerk_tui.gitsync.status import blocking_operation
from samenwerk_tui.services.sync_report import (
    SyncResult,
    broken_files,
    label,
    note_commit,
    note_merge,
)
from samenwerk_tui.services.workspace_git import (
    HistoryEntry,
    MergeError,
    can_rebuild,
    history,
    operation_warning,
    prepare,
    rebuildable,
    refresh_changed,
    repair,
    sync_running_elsewhere,
    version_at,
)
from samenwerk_tui.store.lock import SYNC_LOCK_FILE, SYNC_TIMEOUT, LockTimeout, hold
from samenwerk_tui.store.workspace import FILE_NAME, PARTNERSHIPS_DIR, StoreError, Workspace

if TYPE_CHECKING:
    from samenwerk_tui.services.session import Session

Progress = Callable[[str], None]
PUSH_ATTEMPTS = 6


def sync(session: Session, *, message: str = "", progress: Progress | None = None) -> SyncResult:
    """Commit, pull (merge) and push the session's workspace. Never raises GitError.

    ``progress`` gets one sentence per step (and "another sync is running" when this
    one has to wait). Saves made meanwhile wait for the workspace lock with the session's
    own ``on_wait`` (the front end's "waiting for the sync…").
    """
    result = SyncResult()
    say = progress or (lambda _text: None)
    root = session.workspace.root
    try:
        with hold(
            root / SYNC_LOCK_FILE,
            timeout=SYNC_TIMEOUT,
            on_wait=lambda: say(i18n.t("git.progress.other_sync")),
            busy_key="git.error.sync_running",
        ):
            _Sync(session.workspace, message, session.author, say, result).run()
    except GitError as exc:
        result.error = exc
        result.messages.append(i18n.t(exc.key, **exc.params))
        if result.status not in ("offline", "conflicts"):
            result.status = "offline" if exc.is_offline else "error"
    except (LockTimeout, StoreError) as exc:
        result.status = "error"
        result.messages.append(i18n.t(exc.key, **exc.params))
    except OSError as exc:
        result.status = "error"
        result.messages.append(i18n.t("git.error.os", reason=exc.strerror or str(exc)))
    return result


class _Sync:
    """One run of :func:`sync`; the steps share the repository and the result."""

    def __init__(
        self, workspace: Workspace, message: str, author: str, say: Progress, result: SyncResult
    ) -> None:
        self.workspace = workspace
        self.root: Path = workspace.root
        self.git = Git(self.root)
        self.message = message
        self.author = author
        self.say = say
        self.result = result

    def run(self) -> None:
        git, result = self.git, self.result
        if not is_repo(self.root):
            raise GitError("git.error.not_repo")
        operation = blocking_operation(self.root)
        if operation is not None:
            raise GitError("git.error.in_progress", operation=i18n.t(f"git.operation.{operation}"))
        branch = current_branch(git)
        if not branch:
            raise GitError("git.error.detached")
        ensure_setup(self.root)
        # During a merge the index also holds the colleagues' other files: those are the
        # merge's, committed with it, not files the user staged.
        staged = [] if merging(git) else foreign_staged(git)
        if staged:
            files = ", ".join(clean(c.path, 80) for c in staged[:5])
            files += " …" if len(staged) > 5 else ""
            result.messages.append(i18n.t("git.sync.foreign", count=len(staged), files=files))

        self.say(i18n.t("git.progress.commit"))
        with self.workspace.locked():
            ensure_attributes(self.root)
            if merging(git):  # a merge left open: a sync's, or the user's pull of our files
                if not self._finish_open_merge():
                    self._report_broken()
                    return
            else:
                self._commit()
            self._repair_broken()
        up = upstream(git, branch)
        if up is None:
            result.status = "no_remote"
        else:
            self._exchange(up)
        self._report_broken()
        if result.conflicted and result.status == "ok":
            result.status = "conflicts"

    # ------------------------------------------------------------------ steps

    def _commit(self) -> CommitOutcome:
        outcome = commit_workspace(self.root, self.git, message=self.message, author=self.author)
        note_commit(self.root, outcome, self.result)
        return outcome

    def _repair_broken(self) -> None:
        """Rebuild every unreadable partnership file git has two sides for, and commit it.

        Also files committed broken before (a merge commit with markers, a colleague's
        ``merge=union``): those are not "about to be committed", but they are repaired
        all the same, and :meth:`_report_broken` names the ones that cannot be.
        """
        repaired = []
        for problem in self.workspace.load_all().problems:
            if FILE_NAME.fullmatch(problem.name) is None or problem.key == "broken.duplicate_id":
                continue
            try:
                repair_file(self.root, problem.name)
            except (MergeError, StoreError, GitError, OSError):
                continue
            repaired.append(problem.name)
            self.result.messages.append(
                i18n.t(
                    "git.sync.rebuilt", name=label(self.root, f"{PARTNERSHIPS_DIR}/{problem.name}")
                )
            )
        if repaired:
            self._commit()

    def _finish_open_merge(self) -> bool:
        """Finish the merge git left open; False (and why) when it must stay open."""
        out = MergeOutcome(state="open", old=head(self.git))
        header = i18n.t("git.commit.merge_finished")
        finish_merge(self.root, self.git, out, header=header, author=self.author)
        note_merge(self.root, out, self.result)
        if out.state == "open":
            self._stay_open()
            return False
        self.result.committed = True
        return True

    def _stay_open(self) -> None:
        self.result.status = "conflicts"
        self.result.messages.append(i18n.t("git.sync.not_pushed"))

    def _exchange(self, up: Upstream) -> None:
        """Fetch, merge under the lock, check what would go out, push; again if rejected."""
        git, result = self.git, self.result
        for attempt in range(PUSH_ATTEMPTS):
            self.say(i18n.t("git.progress.fetch", remote=up.remote))
            try:
                has_remote = fetch(git, up)
            except GitError as exc:
                if not exc.is_offline:
                    raise
                result.status, result.error = "offline", exc
                result.messages.append(i18n.t(exc.key, **exc.params))
                return
            if has_remote:
                self.say(i18n.t("git.progress.merge"))
                with self.workspace.locked():
                    self._commit()  # what was saved while fetching
                    header = i18n.t("git.commit.merge", remote=up.remote)
                    merged = merge_remote(self.root, git, up.tracking, header=header,
                                          author=self.author)  # fmt: skip
                    note_merge(self.root, merged, result)
                if merged.state == "open":
                    self._stay_open()
                    return
            outgoing = changed_paths(git, up.tracking if has_remote else None, "HEAD")
            unreadable = unreadable_in(git, "HEAD", outgoing)
            if unreadable:
                for path, problem in unreadable:
                    reason = i18n.t(problem.key, **problem.params)
                    result.messages.append(i18n.t("git.sync.push_held", file=path, reason=reason))
                    result.held.append(path.rsplit("/", 1)[-1])
                return
            if has_remote and same_commit(git, up.tracking, "HEAD"):
                return
            self.say(i18n.t("git.progress.push", remote=up.remote))
            pushed = push(git, up)
            if pushed.ok:
                result.sent = count(outgoing)
                set_upstream(git, up)
                if not has_remote:  # the first push: a fresh bare remote's HEAD
                    point_remote_head(git, up)
                return
            if was_rejected(pushed):
                if attempt + 1 < PUSH_ATTEMPTS:
                    # Someone pushed in between: fetch and merge again, after a pause that
                    # differs per try so that two advisors do not keep meeting.
                    time.sleep(random.uniform(0.1, 0.5) * (attempt + 1))
                    continue
                raise GitError("git.error.push_raced", attempts=PUSH_ATTEMPTS)
            failure = push_error(pushed)
            if failure.is_offline:
                result.status, result.error = "offline", failure
                result.messages.append(i18n.t(failure.key, **failure.params))
                return
            raise failure

    def _report_broken(self) -> None:
        """Every sync names every partnership file that cannot be read, not only new ones."""
        known = {*self.result.held, *self.result.conflicted}
        for name, sentence in broken_files(self.workspace, already=known):
            self.result.messages.append(sentence)
            self.result.held.append(name)


__all__ = [
    "HistoryEntry",
    "MergeError",
    "Progress",
    "SyncResult",
    "can_rebuild",
    "history",
    "operation_warning",
    "prepare",
    "refresh_changed",
    "repair",
    "rebuildable",
    "sync",
    "sync_running_elsewhere",
    "version_at",
]
