"""Sync a workspace through git: commit, fetch, merge, push, in plain words.

One call does what an advisor means by "sync": finish any merge git left half done,
commit the workspace's own files (never ``git add .``) with a message naming what
changed, merge the colleagues' work (never rebase, whatever the user's git config says),
keep a partnership that was deleted on one side but changed on the other, and push.
It never waits for input: the front end passes a ``progress`` callback and gets a
:class:`SyncResult` back, including the file names the merge changed so that exactly
those can be reloaded (``Session.reload_names``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.gitsync import describe
from samenwerk_tui.gitsync.merge import MergeError, MergeResult
from samenwerk_tui.gitsync.repair import RepairReport, repair_file, repair_unmerged
from samenwerk_tui.gitsync.resolve import settle
from samenwerk_tui.gitsync.runner import LOCK, Git, GitError, error_for
from samenwerk_tui.gitsync.setup import (
    WORKSPACE_PATHS,
    commit,
    ensure_attributes,
    ensure_driver,
    identity,
    is_repo,
)
from samenwerk_tui.gitsync.status import HistoryEntry, changed_files, show_at
from samenwerk_tui.gitsync.status import history as git_history
from samenwerk_tui.store import codec
from samenwerk_tui.store.workspace import PARTNERSHIPS_DIR

if TYPE_CHECKING:
    from samenwerk_tui.services.session import Change, Session

Progress = Callable[[str], None]
PUSH_ATTEMPTS = 3


@dataclass
class SyncResult:
    """What a sync did. ``status``: ok, no_remote, offline, conflicts or error."""

    status: str = "ok"
    committed: bool = False
    sent: int = 0
    received: int = 0
    changed_names: list[str] = field(default_factory=list)  # partnership files to reload
    conflicted: list[str] = field(default_factory=list)  # partnership files needing a look
    messages: list[str] = field(default_factory=list)  # plain sentences, in order
    error: GitError | None = None

    @property
    def exit_code(self) -> int:
        """0 done; 1 remote unreachable, conflicts left or git failed (DESIGN §4)."""
        return 0 if self.status in ("ok", "no_remote") else 1

    def summary(self) -> str:
        """One sentence for the status line or the terminal."""
        if self.status == "no_remote":
            return i18n.t("git.sync.no_remote")
        if self.status == "offline":
            return i18n.t("git.sync.offline")
        if self.status == "error":
            return i18n.t("git.sync.error")
        sentence = i18n.t("git.sync.counts", sent=self.sent, received=self.received)
        if self.conflicted:
            n = len(self.conflicted)
            key = "git.sync.conflicts_one" if n == 1 else "git.sync.conflicts_many"
            sentence = f"{sentence}; {i18n.t(key, count=n)}"
        return sentence


def _error_sentence(exc: GitError) -> str:
    return i18n.t(exc.key, **exc.params)


def sync(
    root: Path,
    *,
    message: str = "",
    author: str = "",
    progress: Progress | None = None,
) -> SyncResult:
    """Commit, pull (merge) and push the workspace at ``root``. Never raises GitError."""
    result = SyncResult()
    say = progress or (lambda _text: None)
    with LOCK:
        try:
            _sync(root, message, author, say, result)
        except GitError as exc:
            result.error = exc
            result.messages.append(_error_sentence(exc))
            if result.status not in ("offline", "conflicts"):
                result.status = "offline" if exc.is_offline else "error"
    return result


def _sync(root: Path, message: str, author: str, say: Progress, result: SyncResult) -> None:
    git = Git(root)
    if not is_repo(root):
        raise GitError("git.error.not_repo")
    gitdir = Path(git.out("rev-parse", "--absolute-git-dir"))
    if (gitdir / "rebase-merge").exists() or (gitdir / "rebase-apply").exists():
        raise GitError("git.error.rebase")
    branch = git.run("symbolic-ref", "--quiet", "--short", "HEAD", check=False).text.strip()
    if not branch:
        raise GitError("git.error.detached")
    ensure_driver(root)
    ensure_attributes(root)

    say(i18n.t("git.progress.commit"))
    report = repair_unmerged(root, git)
    _note_repair(root, report, result)
    result.committed = _commit_local(root, git, message, author, result)

    remote = _remote_for(git, branch)
    if remote is None:
        result.status = "no_remote"
        _finish_conflicts(root, result)
        return
    remote_branch = _remote_branch(git, branch)
    tracking = f"refs/remotes/{remote}/{remote_branch}"
    for attempt in range(PUSH_ATTEMPTS):
        say(i18n.t("git.progress.fetch", remote=remote))
        try:
            git.run("fetch", "--quiet", "--no-tags", remote,
                    f"+refs/heads/{remote_branch}:{tracking}", network=True)  # fmt: skip
        except GitError as exc:
            if exc.is_offline:
                result.status, result.error = "offline", exc
                result.messages.append(_error_sentence(exc))
                _finish_conflicts(root, result)
                return
            if "couldn't find remote ref" not in exc.stderr.lower():
                raise
        has_remote_branch = git.ok("rev-parse", "-q", "--verify", tracking)
        if has_remote_branch:
            say(i18n.t("git.progress.merge"))
            if not _merge(root, git, tracking, remote, author, result):
                return
        _finish_conflicts(root, result)
        if any(not _readable(root, name) for name in result.conflicted):
            result.status = "conflicts"
            result.messages.append(i18n.t("git.sync.not_pushed"))
            return
        result.sent = _count_diff(git, tracking if has_remote_branch else None, "HEAD")
        if result.sent == 0 and has_remote_branch and _same(git, tracking, "HEAD"):
            break
        say(i18n.t("git.progress.push", remote=remote))
        pushed = git.run("push", "--quiet", remote, f"HEAD:refs/heads/{remote_branch}",
                         network=True, check=False)  # fmt: skip
        if pushed.ok:
            _set_upstream(git, branch, remote, remote_branch)
            break
        low = pushed.stderr.lower()
        if ("rejected" in low or "fetch first" in low) and attempt + 1 < PUSH_ATTEMPTS:
            continue  # someone pushed in between: fetch and merge again
        failure = error_for(pushed)
        if failure.is_offline:
            result.status, result.error = "offline", failure
            result.messages.append(_error_sentence(failure))
            return
        raise failure
    if result.conflicted:
        result.status = "conflicts"


# --------------------------------------------------------------------------- steps


def _note_repair(root: Path, report: RepairReport, result: SyncResult) -> None:
    for path in report.kept_here:
        result.messages.append(i18n.t("git.sync.kept_here", name=_label(root, path)))
    for path in report.kept_there:
        result.messages.append(i18n.t("git.sync.kept_there", name=_label(root, path)))
    for path in report.kept_ours:
        result.messages.append(i18n.t("git.sync.kept_ours", file=describe.clean(path, 80)))
    for path in report.touched:
        name = path.rsplit("/", 1)[-1]
        if path.startswith(f"{PARTNERSHIPS_DIR}/") and name not in result.changed_names:
            result.changed_names.append(name)
    for path in [*report.recorded, *report.failed]:
        name = path.rsplit("/", 1)[-1]
        if name not in result.conflicted:
            result.conflicted.append(name)


def _label(root: Path, path: str) -> str:
    """The partnership's name for a message, else its file name."""
    try:
        return describe.clean(codec.decode((root / path).read_bytes()).name, 80)
    except (OSError, codec.FormatError):
        return describe.clean(path.rsplit("/", 1)[-1], 80)


def _stage(root: Path, git: Git) -> None:
    tracked = {p for p in WORKSPACE_PATHS if git.run("ls-files", "--", p, check=False).text.strip()}
    present = [p for p in WORKSPACE_PATHS if (root / p).exists() or p in tracked]
    if present:
        git.run("add", "--all", "--", *present)


def _commit_local(root: Path, git: Git, message: str, author: str, result: SyncResult) -> bool:
    """Stage the workspace's files and commit them; True if a commit was made."""
    _stage(root, git)
    has_head = git.ok("rev-parse", "-q", "--verify", "HEAD")
    merging = git.ok("rev-parse", "-q", "--verify", "MERGE_HEAD")
    diff_args = ["diff", "--cached", "--name-status", "-z", "--no-renames"]
    out = git.run(*diff_args, *(["HEAD"] if has_head else [])).stdout
    parts = [p.decode("utf-8", "replace") for p in out.split(b"\0") if p]
    changed = list(zip(parts[0::2], parts[1::2], strict=False))
    if not changed and not merging:
        return False
    ours = [(s, p) for s, p in changed if p.startswith(f"{PARTNERSHIPS_DIR}/")]
    blobs = git.blobs(
        [f"HEAD:{p}" for s, p in ours if has_head and s != "A"]
        + [f":{p}" for s, p in ours if s != "D"]
    )
    lines = [
        describe.describe_file(path.rsplit("/", 1)[-1], blobs.get(f"HEAD:{path}"),
                               blobs.get(f":{path}"))
        for _status, path in ours
    ]  # fmt: skip
    text = describe.commit_message(lines, message)
    if merging:
        text = i18n.t("git.commit.merge_finished") + "\n\n" + text
    commit(git, text, author=author)
    return True


def _show(git: Git, rev: str, path: str) -> bytes | None:
    found = git.run("cat-file", "blob", f"{rev}:{path}", check=False)
    return found.stdout if found.ok else None


def _remote_for(git: Git, branch: str) -> str | None:
    remotes = git.out("remote").split()
    if not remotes:
        return None
    configured = git.run("config", "--get", f"branch.{branch}.remote", check=False).text.strip()
    if configured in remotes:
        return configured
    return "origin" if "origin" in remotes else remotes[0]


def _remote_branch(git: Git, branch: str) -> str:
    merge = git.run("config", "--get", f"branch.{branch}.merge", check=False).text.strip()
    prefix = "refs/heads/"
    return merge[len(prefix) :] if merge.startswith(prefix) else branch


def _set_upstream(git: Git, branch: str, remote: str, remote_branch: str) -> None:
    if not git.run("config", "--get", f"branch.{branch}.remote", check=False).text.strip():
        git.run("config", f"branch.{branch}.remote", remote, check=False)
        git.run("config", f"branch.{branch}.merge", f"refs/heads/{remote_branch}", check=False)


def _same(git: Git, one: str, two: str) -> bool:
    return git.out("rev-parse", one) == git.out("rev-parse", two)


def _count_diff(git: Git, old: str | None, new: str) -> int:
    """Changes as an advisor counts them: partnership files (else other workspace files)."""
    if old is None:
        listing = git.run("ls-tree", "-r", "-z", "--name-only", new, "--", *WORKSPACE_PATHS)
        paths = [p.decode("utf-8", "replace") for p in listing.stdout.split(b"\0") if p]
    else:
        paths = _diff_names(git, old, new, WORKSPACE_PATHS)
    return _count(paths)


def _count(paths: list[str]) -> int:
    partnerships = [p for p in paths if p.startswith(f"{PARTNERSHIPS_DIR}/")]
    return len(partnerships) if partnerships else len(paths)


def _diff_names(git: Git, old: str, new: str, paths: tuple[str, ...]) -> list[str]:
    out = git.run("diff", "--name-only", "-z", "--no-renames", old, new, "--", *paths).stdout
    return [p.decode("utf-8", "replace") for p in out.split(b"\0") if p]


def _merge(root: Path, git: Git, tracking: str, remote: str, author: str,
           result: SyncResult) -> bool:  # fmt: skip
    """Merge the fetched branch; False when git could not even start the merge."""
    old = git.out("rev-parse", "HEAD") if git.ok("rev-parse", "-q", "--verify", "HEAD") else ""
    if old and git.ok("merge-base", "--is-ancestor", tracking, "HEAD"):
        return True  # nothing new from the colleagues
    if not old:
        git.run("reset", "--quiet", "--keep", tracking)
        _received(root, git, None, result)
        return True
    merged = git.run(
        "merge", "--no-commit", "--ff", "--no-edit", "--no-squash", "--no-stat", "--quiet",
        "--allow-unrelated-histories", tracking,
        check=False, config=identity(git, author),
    )  # fmt: skip
    merging = git.ok("rev-parse", "-q", "--verify", "MERGE_HEAD")
    if not merged.ok and not merging:
        raise error_for(merged)
    if merging:
        report = repair_unmerged(root, git)
        _note_repair(root, report, result)
        _stage(root, git)
        text = i18n.t("git.commit.merge", remote=remote)
        notes = list(result.messages)
        if notes:
            text += "\n\n" + "\n".join(describe.clean(m, 200) for m in notes)
        commit(git, text + "\n", author=author)
    _received(root, git, old, result)
    return True


def _received(root: Path, git: Git, old: str | None, result: SyncResult) -> None:
    """Count what the merge brought and list the partnership files to reload."""
    if old is None:
        names = [p for p in git.run("ls-tree", "-r", "-z", "--name-only", "HEAD").text.split("\0")
                 if p]  # fmt: skip
    else:
        names = _diff_names(git, old, "HEAD", WORKSPACE_PATHS)
    result.received = _count(names)
    paths = [p for p in names if p.startswith(f"{PARTNERSHIPS_DIR}/")]
    blobs = git.blobs([*(f"{old}:{p}" for p in paths if old), *(f"HEAD:{p}" for p in paths)])
    for path in paths:
        name = path.rsplit("/", 1)[-1]
        if name not in result.changed_names:
            result.changed_names.append(name)
        before = _conflict_keys(blobs.get(f"{old}:{path}") if old else None)
        after = _conflict_keys(blobs.get(f"HEAD:{path}"))
        if after - before and name not in result.conflicted:
            result.conflicted.append(name)


def _conflict_keys(data: bytes | None) -> set[str]:
    if data is None:
        return set()
    try:
        p = codec.decode(data)
    except codec.FormatError:
        return {"\x00unreadable"}
    return {repr((c.field, c.ours, c.theirs)) for c in p.conflicts}


def _readable(root: Path, name: str) -> bool:
    try:
        codec.decode((root / PARTNERSHIPS_DIR / name).read_bytes())
    except (OSError, codec.FormatError):
        return False
    return True


def _finish_conflicts(root: Path, result: SyncResult) -> None:
    if result.conflicted and result.status == "ok":
        result.status = "conflicts"


# --------------------------------------------------------------------------- for front ends


def refresh_changed(session: Session) -> set[str]:
    """Fill ``session.changed_files`` from git (``is:changed``); returns the set."""
    session.changed_files = changed_files(session.workspace.root)
    return session.changed_files


def repair(root: Path, name: str) -> MergeResult:
    """Rebuild a partnership file that holds text conflict markers from its two sides.

    Raises :class:`MergeError` (catalog key) when that is not possible; nothing is
    written then.
    """
    with LOCK:
        return repair_file(root, name)


def prepare(root: Path) -> bool:
    """Call on every open: register the merge driver if ``root`` is a git repository.

    A fresh clone lacks it and a moved virtualenv needs the new path. Never raises;
    True when the workspace is a repository.
    """
    try:
        if not is_repo(root):
            return False
        with LOCK:
            ensure_driver(root)
        return True
    except (GitError, OSError):
        return False


def history(root: Path, name: str, limit: int = 200) -> list[HistoryEntry]:
    """Who changed the partnership file ``name``, when, and why (newest first)."""
    return git_history(root, name, limit)


def version_at(root: Path, commit: str, name: str) -> Partnership | None:
    """The partnership as committed in ``commit`` (None if absent or unreadable)."""
    return codec.decode_or_none(show_at(root, commit, name))


def settle_conflict(session: Session, pid: str, index: int, side: str) -> Change:
    """Settle recorded conflict ``index`` of a partnership: keep ``ours`` or take ``theirs``.

    Saved through the session (no blind overwrite, undoable) like every other change.
    """
    return session.update(pid, lambda p: settle(p, index, side), "resolved")


__all__ = [
    "HistoryEntry",
    "MergeError",
    "Progress",
    "SyncResult",
    "history",
    "prepare",
    "refresh_changed",
    "repair",
    "settle_conflict",
    "sync",
    "version_at",
]
