"""Every git call of samenwerk goes through :class:`Git`: one lock, fixed flags, no prompts.

Why one runner: advisors' git configs differ (``pull.rebase=true``, ``pull.ff=only``,
``core.autocrlf``, signing, pagers, editors, credential prompts). A sync must behave the
same everywhere, never wait for a password, and never run two git commands at once on one
repository (git's own ``index.lock`` would make the second one fail). So every call gets
explicit ``-c`` settings, an environment that forbids prompting, no controlling terminal,
stdin closed, and a timeout; failures become :class:`GitError` with a catalog key.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samenwerk_tui.errors import SamenwerkError

#: Serialises every git call of this process (and whole syncs, which hold it throughout).
LOCK = threading.RLock()

LOCAL_TIMEOUT = 60.0
#: A git that finds ``index.lock`` tries again this many times, 0.2 s apart.
INDEX_LOCK_RETRIES = 10
NETWORK_TIMEOUT = 90.0

#: Settings that make git behave the same whatever the user's config says.
FIXED_CONFIG: tuple[str, ...] = (
    "core.autocrlf=false",
    "core.safecrlf=false",
    "core.quotepath=false",
    "core.pager=cat",
    "core.editor=true",
    "core.askPass=",
    "core.hooksPath=/dev/null",
    "commit.gpgsign=false",
    "tag.gpgsign=false",
    "pull.rebase=false",
    "pull.ff=true",
    "merge.ff=true",
    "merge.renames=false",
    "diff.renames=false",
    "merge.conflictStyle=diff3",
    # A refused merge with autostash resets the tree and re-applies a stash taken before:
    # every save made meanwhile would be rewound. Never.
    "merge.autoStash=false",
    "rebase.autoStash=false",
    "rerere.enabled=false",
    "color.ui=false",
    "advice.detachedHead=false",
    "init.defaultBranch=main",
    "gc.auto=0",
    "credential.interactive=never",
)


class GitError(SamenwerkError):
    """A git call that failed; ``key``/``params`` name a plain sentence in ``git.toml``."""

    def __init__(self, key: str, *, stderr: str = "", returncode: int = 0, **params: Any) -> None:
        super().__init__(key, **params)
        self.stderr = stderr
        self.returncode = returncode

    @property
    def is_offline(self) -> bool:
        return self.key in {"git.error.offline", "git.error.timeout", "git.error.auth"}


@dataclass(frozen=True)
class Result:
    """What a finished git call printed."""

    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8", "replace")


# stderr fragments (lower case) -> the sentence that explains them to an advisor.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("terminal prompts disabled", "git.error.auth"),
    ("could not read username", "git.error.auth"),
    ("could not read password", "git.error.auth"),
    ("authentication failed", "git.error.auth"),
    ("permission denied (publickey", "git.error.auth"),
    ("host key verification failed", "git.error.auth"),
    ("could not resolve host", "git.error.offline"),
    ("failed to connect", "git.error.offline"),
    ("connection refused", "git.error.offline"),
    ("connection timed out", "git.error.offline"),
    ("network is unreachable", "git.error.offline"),
    ("could not read from remote repository", "git.error.offline"),
    ("does not appear to be a git repository", "git.error.offline"),
    ("repository not found", "git.error.offline"),
    ("unable to access", "git.error.offline"),
    ("not a git repository", "git.error.not_repo"),
    ("please tell me who you are", "git.error.identity"),
    ("unable to auto-detect email", "git.error.identity"),
    ("index.lock", "git.error.index_lock"),
    ("beyond a symbolic link", "git.error.symlink"),
    ("cannot lock ref", "git.error.locked"),
    ("unable to lock", "git.error.locked"),
    ("would be overwritten by merge", "git.error.dirty"),
)


def classify_stderr(stderr: str) -> str:
    """The catalog key that explains a git failure best (``git.error.failed`` if none)."""
    low = stderr.lower()
    for fragment, key in _PATTERNS:
        if fragment in low:
            return key
    return "git.error.failed"


def first_line(stderr: str) -> str:
    """The most telling line of git's stderr, cleaned for a sentence."""
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    # What the remote itself said (a hook's reason) explains a refused push best.
    for line in lines:
        if line.lower().startswith("remote:") and line[7:].strip():
            return line[7:].strip()[:200]
    for line in lines:
        if line.startswith("! [") and "(" in line:
            return line[line.index("(") :].strip("()")[:200]
    for line in lines:
        if line.lower().startswith(("fatal:", "error:")):
            return line.split(":", 1)[1].strip()[:200]
    return (lines[-1] if lines else "")[:200]


def git_available() -> bool:
    return shutil.which("git") is not None


def ssh_command(configured: str = "") -> str:
    """The user's ssh command (env, else ``core.sshCommand``) with ``BatchMode=yes``."""
    own = os.environ.get("GIT_SSH_COMMAND") or os.environ.get("GIT_SSH") or configured or "ssh"
    return f"{own} -o BatchMode=yes -o ConnectTimeout=15"


def git_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of every git call: no prompt of any kind, stable output."""
    env = dict(os.environ)
    env.update(
        {
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ASKPASS": "",
            "SSH_ASKPASS": "",
            "SSH_ASKPASS_REQUIRE": "never",
            "GCM_INTERACTIVE": "never",
            "GIT_SSH_COMMAND": ssh_command(),
            "GIT_EDITOR": "true",
            "GIT_MERGE_AUTOEDIT": "no",
            "GIT_PAGER": "cat",
            "LC_ALL": "C",
            "LANGUAGE": "C",
            # Paths we pass are file names, never patterns (a colleague's "*.env" is a file).
            "GIT_LITERAL_PATHSPECS": "1",
        }
    )
    env.pop("GIT_SSH", None)
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    env.pop("GIT_INDEX_FILE", None)
    if extra:
        env.update(extra)
    return env


class Git:
    """Runs git in one repository (or, with ``root=None``, anywhere) under the lock."""

    def __init__(self, root: Path | None, *, env: Mapping[str, str] | None = None) -> None:
        self.root = root
        self.extra_env = dict(env or {})
        self._ssh: str | None = None

    def run(
        self,
        *args: str,
        check: bool = True,
        timeout: float | None = None,
        config: Sequence[str] = (),
        input_bytes: bytes | None = None,
        network: bool = False,
        _retries: int = 0,
    ) -> Result:
        """Run ``git <args>``; raise :class:`GitError` on failure when ``check``.

        ``network`` marks calls that talk to a remote: they keep the user's own
        ``core.sshCommand`` but always in batch mode, and get the longer timeout.
        """
        if not git_available():
            raise GitError("git.error.missing_git")
        env = dict(self.extra_env)
        if timeout is None:
            timeout = NETWORK_TIMEOUT if network else LOCAL_TIMEOUT
        if network:
            env["GIT_SSH_COMMAND"] = ssh_command(self._configured_ssh())
        command = ["git"]
        for setting in (*FIXED_CONFIG, *config):
            command += ["-c", setting]
        command += list(args)
        with LOCK:
            try:
                proc = subprocess.Popen(
                    command,
                    cwd=self.root,
                    env=git_env(env),
                    stdin=subprocess.PIPE if input_bytes is not None else subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    start_new_session=os.name == "posix",
                )
            except FileNotFoundError:
                raise GitError("git.error.missing_git") from None
            except OSError as exc:
                raise GitError("git.error.failed", detail=exc.strerror or str(exc)) from None
            try:
                out, err = proc.communicate(input_bytes, timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill(proc)
                raise GitError("git.error.timeout", seconds=int(timeout)) from None
        result = Result(tuple(args), proc.returncode, out, err.decode("utf-8", "replace"))
        if not result.ok and "index.lock" in result.stderr and _retries < INDEX_LOCK_RETRIES:
            # Another git (an editor's plugin, a status in another window) holds the index
            # for a moment; a lock older than the retries is stale and named in the error.
            time.sleep(0.2)
            again = _retries + 1
            return self.run(*args, check=check, timeout=timeout, config=config,
                            input_bytes=input_bytes, network=network, _retries=again)  # fmt: skip
        if check and not result.ok:
            raise error_for(result)
        return result

    def blobs(self, specs: Sequence[str]) -> dict[str, bytes | None]:
        """Many ``rev:path`` contents in one ``git cat-file --batch`` (None: missing)."""
        wanted = [spec for spec in dict.fromkeys(specs) if "\n" not in spec]
        if not wanted:
            return {}
        data = self.run("cat-file", "--batch", input_bytes="".join(f"{s}\n" for s in wanted)
                        .encode("utf-8")).stdout  # fmt: skip
        out: dict[str, bytes | None] = {}
        pos = 0
        for spec in wanted:
            end = data.index(b"\n", pos)
            line = data[pos:end]
            pos = end + 1
            header = line.split()
            if line.endswith((b" missing", b" ambiguous")) or len(header) != 3:
                out[spec] = None
                continue
            size = int(header[2])
            out[spec] = data[pos : pos + size] if header[1] == b"blob" else None
            pos += size + 1
        return out

    def _configured_ssh(self) -> str:
        if self._ssh is None:
            found = self.run("config", "--get", "core.sshCommand", check=False)
            self._ssh = found.text.strip() if found.ok else ""
        return self._ssh

    def out(self, *args: str, **kwargs: Any) -> str:
        """Stdout of ``git <args>`` as text, trailing newline removed."""
        return self.run(*args, **kwargs).text.rstrip("\n")

    def ok(self, *args: str, **kwargs: Any) -> bool:
        """True when ``git <args>`` succeeds (never raises for a git failure)."""
        return self.run(*args, check=False, **kwargs).ok


_LOCK_PATH = re.compile(r"'([^']*index\.lock)'")


def error_for(result: Result) -> GitError:
    key = classify_stderr(result.stderr)
    # Some failures (a commit with nothing to commit) explain themselves on stdout only.
    detail = first_line(result.stderr) or first_line(result.text)
    found = _LOCK_PATH.search(result.stderr)
    return GitError(
        key,
        stderr=result.stderr,
        returncode=result.returncode,
        command=result.args[0] if result.args else "",
        detail=detail or str(result.returncode),
        file=found.group(1) if found else "index.lock",
    )


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Stop a git that ran too long, with everything it started (ssh, helpers)."""
    with contextlib.suppress(OSError):
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired, OSError):
        proc.communicate(timeout=5)
