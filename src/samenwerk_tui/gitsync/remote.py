"""The remote side of a sync: which remote and branch, fetch, push, and counting changes.

Counts are what an advisor counts: partnership files (else, when none changed, the other
workspace files), computed from the commits of this sync, never from an earlier one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from samenwerk_tui.gitsync.paths import is_ours, is_partnership_path
from samenwerk_tui.gitsync.runner import Git, GitError, Result, error_for
from samenwerk_tui.gitsync.setup import WORKSPACE_PATHS
from samenwerk_tui.store import codec
from samenwerk_tui.store.workspace import Problem, Workspace


@dataclass(frozen=True)
class Upstream:
    """Where a branch syncs to: ``remote``, its branch, and our tracking ref for it."""

    branch: str
    remote: str
    remote_branch: str

    @property
    def tracking(self) -> str:
        return f"refs/remotes/{self.remote}/{self.remote_branch}"


def current_branch(git: Git) -> str:
    """The checked-out branch ("" when HEAD is detached)."""
    return git.run("symbolic-ref", "--quiet", "--short", "HEAD", check=False).text.strip()


def upstream(git: Git, branch: str) -> Upstream | None:
    """The remote (configured, else ``origin``, else the first) and its branch; None: none."""
    remotes = git.out("remote").split()
    if not remotes:
        return None
    configured = git.run("config", "--get", f"branch.{branch}.remote", check=False).text.strip()
    fallback = "origin" if "origin" in remotes else remotes[0]
    remote = configured if configured in remotes else fallback
    merge = git.run("config", "--get", f"branch.{branch}.merge", check=False).text.strip()
    prefix = "refs/heads/"
    remote_branch = merge[len(prefix) :] if merge.startswith(prefix) else branch
    return Upstream(branch, remote, remote_branch)


def fetch(git: Git, up: Upstream) -> bool:
    """Fetch the remote branch into the tracking ref; False when the remote has none yet."""
    try:
        git.run("fetch", "--quiet", "--no-tags", up.remote,
                f"+refs/heads/{up.remote_branch}:{up.tracking}", network=True)  # fmt: skip
    except GitError as exc:
        if exc.is_offline or "couldn't find remote ref" not in exc.stderr.lower():
            raise
    return git.ok("rev-parse", "-q", "--verify", up.tracking)


def push(git: Git, up: Upstream) -> Result:
    """Push HEAD to the remote branch (the result says whether it was rejected)."""
    return git.run("push", "--quiet", up.remote, f"HEAD:refs/heads/{up.remote_branch}",
                   network=True, check=False)  # fmt: skip


def was_rejected(result: Result) -> bool:
    """The remote moved on since our fetch, or is taking a colleague's push this moment.

    Not: a hook or a permission said no. A push that meets another push at the remote
    gets "cannot lock ref" / "failed to update ref" from it; fetching, merging and pushing
    again is the answer to both.
    """
    low = result.stderr.lower()
    racing = "failed to update ref" in low or ("remote:" in low and "cannot lock ref" in low)
    return "fetch first" in low or "non-fast-forward" in low or racing


def push_error(result: Result) -> GitError:
    return error_for(result)


def set_upstream(git: Git, up: Upstream) -> None:
    """Remember the remote for the branch after a first push (as ``push -u`` would)."""
    if not git.run("config", "--get", f"branch.{up.branch}.remote", check=False).text.strip():
        git.run("config", f"branch.{up.branch}.remote", up.remote, check=False)
        git.run("config", f"branch.{up.branch}.merge", f"refs/heads/{up.remote_branch}",
                check=False)  # fmt: skip


def local_remote_path(git: Git, remote: str) -> Path | None:
    """The folder of ``remote`` when it is on this machine (a path or ``file://``)."""
    url = git.run("remote", "get-url", remote, check=False).text.strip()
    if url.startswith("file://"):
        url = url[len("file://") :]
    elif "://" in url:
        return None  # ssh://, https://, git://
    else:
        colon, slash = url.find(":"), url.find("/")
        if colon > 1 and (slash == -1 or colon < slash):
            return None  # scp-like host:path
    path = Path(url).expanduser()
    if not path.is_absolute() and git.root is not None:
        path = git.root / path
    return path if path.is_dir() else None


def point_remote_head(git: Git, up: Upstream) -> bool:
    """After a first push: make a local bare remote's HEAD name the branch just pushed,
    when its HEAD names a branch it does not have (``git init --bare`` points it at
    ``master`` or ``main``, whatever this git's default is), so that a colleague's
    ``git clone`` checks out the workspace instead of an empty branch. A remote whose
    HEAD names a branch it has is left alone; a remote elsewhere cannot be told from
    here (its HEAD is set where it is hosted). True when HEAD was set.
    """
    path = local_remote_path(git, up.remote)
    if path is None:
        return False
    there = Git(path)
    named = there.run("symbolic-ref", "--quiet", "HEAD", check=False).text.strip()
    if not named or there.ok("rev-parse", "--quiet", "--verify", f"{named}^{{commit}}"):
        return False
    wanted = f"refs/heads/{up.remote_branch}"
    if not there.ok("rev-parse", "--quiet", "--verify", f"{wanted}^{{commit}}"):
        return False
    return there.ok("symbolic-ref", "HEAD", wanted)


def empty_branch(git: Git) -> tuple[str, str] | None:
    """A clone that checked out a branch without commits while its remote has others:
    ``(the empty branch, the remote branch to check out instead)``; None otherwise.

    What ``git clone`` of a remote whose HEAD names a missing branch leaves: an empty
    folder on an unborn branch, the workspace on a branch nobody checked out.
    """
    if git.ok("rev-parse", "--quiet", "--verify", "HEAD"):
        return None
    branch = current_branch(git)
    listed = git.run(
        "for-each-ref", "--format=%(refname:short)", "refs/remotes", check=False
    ).text.split()
    candidates = [ref for ref in listed if not ref.endswith("/HEAD")]
    if not branch or not candidates:
        return None
    preferred = [ref for ref in candidates if ref.split("/", 1)[-1] in ("main", "master")]
    chosen = (preferred or candidates)[0]
    return branch, chosen.split("/", 1)[-1]


def same_commit(git: Git, one: str, two: str) -> bool:
    return git.out("rev-parse", one) == git.out("rev-parse", two)


def head(git: Git) -> str:
    """The commit HEAD names ("" before the first commit)."""
    found = git.run("rev-parse", "-q", "--verify", "HEAD", check=False)
    return found.text.strip() if found.ok else ""


def changed_paths(git: Git, old: str | None, new: str) -> list[str]:
    """Workspace paths that differ between two commits (all of ``new`` when ``old`` is None)."""
    if old is None:
        listing = git.run("ls-tree", "-r", "-z", "--name-only", new, "--", *WORKSPACE_PATHS)
        paths = [p.decode("utf-8", "replace") for p in listing.stdout.split(b"\0") if p]
    else:
        out = git.run("diff", "--name-only", "-z", "--no-renames", old, new, "--",
                      *WORKSPACE_PATHS).stdout  # fmt: skip
        paths = [p.decode("utf-8", "replace") for p in out.split(b"\0") if p]
    return paths


def count(paths: list[str]) -> int:
    """Partnership files if any changed, else the other workspace files."""
    partnerships = [p for p in paths if is_partnership_path(p)]
    return len(partnerships) if partnerships else len([p for p in paths if is_ours(p)])


def new_conflicts(git: Git, old: str | None, paths: list[str]) -> list[str]:
    """Partnership files among ``paths`` whose recorded conflicts grew from ``old`` to HEAD."""
    wanted = [p for p in paths if is_partnership_path(p)]
    blobs = git.blobs([*(f"{old}:{p}" for p in wanted if old), *(f"HEAD:{p}" for p in wanted)])
    found = []
    for path in wanted:
        before = _conflict_keys(blobs.get(f"{old}:{path}") if old else None)
        if _conflict_keys(blobs.get(f"HEAD:{path}")) - before:
            found.append(path)
    return found


def _conflict_keys(data: bytes | None) -> set[str]:
    if data is None:
        return set()
    p = codec.decode_or_none(data)
    if p is None:
        return {"\x00unreadable"}
    return {repr((c.field, c.ours, c.theirs)) for c in p.conflicts}


def unreadable_in(git: Git, rev: str, paths: list[str]) -> list[tuple[str, Problem]]:
    """The partnership files among ``paths`` whose version in ``rev`` does not parse."""
    wanted = [p for p in paths if is_partnership_path(p)]
    blobs = git.blobs([f"{rev}:{p}" for p in wanted])
    found = []
    for path in wanted:
        data = blobs.get(f"{rev}:{path}")
        if data is None:
            continue
        parsed = Workspace.parse(path.rsplit("/", 1)[-1], data)
        if isinstance(parsed, Problem):
            found.append((path, parsed))
    return found
