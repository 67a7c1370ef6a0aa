"""Soak: three advisors, one bare remote, writing and syncing at once for N minutes.

Usage: python benchmarks/soak.py [--minutes 15] [--dir DIR] [--partnerships 40]

Sets up a bare remote and three clones (anna, bram, cees) of one workspace. For each clone
it starts, as separate processes, for the whole run:

- a writer: ``samenwerk note ID TEXT`` through the CLI's own ``main`` as fast as it can, on a
  random partnership, now and then a ``classify`` or ``edit --tag`` as well (recorded
  conflicts), and a new partnership every 50 notes; it logs every note that printed "Saved";
- a sync loop: ``samenwerk sync`` every 1-4 seconds;

and on anna's clone also "the app": one long-lived ``Session`` used the way the TUI uses it
(``poll()`` every half second, a note through ``session.add_note`` every second, and every
ten seconds ``services.sync.sync(session)`` on a worker thread followed by
``reload_names``), logging its saved notes too.

At the end every process stops, the clones sync in turn until they agree, and the run checks:
every note reported saved is in every clone; all clones hold identical files; every file
parses; no commit in the remote's history holds conflict markers or an unreadable
partnership file. It prints the figures as one JSON object and exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

PYTHON = sys.executable
HERE = Path(__file__).resolve()
ADVISORS = ("anna", "bram", "cees")


def env_for(name: str, home: Path) -> dict[str, str]:
    email = f"{name}@example.invalid"
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": name.title(),
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name.title(),
        "GIT_COMMITTER_EMAIL": email,
        "SAMENWERK_LANG": "en",
    }


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    """``samenwerk -w ROOT ARGS`` in this process, as the command line runs it."""
    from samenwerk_tui.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["-w", str(root), *args])
    return code, out.getvalue(), err.getvalue()


def ids_of(root: Path) -> list[str]:
    from samenwerk_tui.store.workspace import Workspace

    return [r.id for r in Workspace(root).load_all().records]


# --------------------------------------------------------------------------- roles


def writer(root: Path, label: str, deadline: float, log: Path) -> None:
    rng = random.Random(label)
    i = 0
    with log.open("a", encoding="utf-8") as saved:
        while time.time() < deadline:
            ids = ids_of(root)
            if not ids:
                time.sleep(0.2)
                continue
            pid = rng.choice(ids)
            text = f"{label}-{i}"
            code, out, _err = cli(root, "note", pid, text)
            if code == 0 and out.startswith("Saved"):
                saved.write(text + "\n")
                saved.flush()
            i += 1
            roll = rng.random()
            if roll < 0.05:
                cli(root, "classify", pid, "--primary", rng.choice(["deliver", "goals"]))
            elif roll < 0.10:
                cli(root, "edit", pid, "--tag", rng.choice(["zorg", "energie", "wonen"]))
            if i % 50 == 0:
                cli(root, "new", f"{label} partnership {i}")


def sync_loop(root: Path, label: str, deadline: float, log: Path) -> None:
    rng = random.Random(label + "sync")
    with log.open("a", encoding="utf-8") as out:
        while time.time() < deadline:
            time.sleep(rng.uniform(1, 4))
            started = time.time()
            code, stdout, stderr = cli(root, "sync", "-q")
            out.write(json.dumps({"code": code, "seconds": round(time.time() - started, 2),
                                  "out": stdout, "err": stderr}) + "\n")  # fmt: skip
            out.flush()


def app(root: Path, label: str, deadline: float, log: Path, sync_log: Path) -> None:
    """The TUI's use of a session: poll, save through the session, sync in a worker."""
    from samenwerk_tui.services import sync as git_service
    from samenwerk_tui.services.session import Session
    from samenwerk_tui.store.workspace import StoreError

    session = Session.open(root, label.title(), create=False)
    lock = threading.RLock()  # the app's lock around its session
    git_service.prepare(session)
    rng = random.Random(label + "app")
    results: list[Any] = []

    def run_sync() -> None:
        started = time.time()
        result = git_service.sync(session)
        with lock:
            session.reload_names(result.changed_names)
        results.append((result, round(time.time() - started, 2)))

    worker: threading.Thread | None = None
    next_sync = time.time() + 10
    i = 0
    with log.open("a", encoding="utf-8") as saved, sync_log.open("a", encoding="utf-8") as synced:
        while time.time() < deadline:
            with lock:
                session.poll()
                ids = list(session.records)
            if ids and (worker is None or not worker.is_alive()):
                # The app refuses edits while its own sync runs (tui.sync.busy); so do we.
                text = f"{label}-app-{i}"
                try:
                    with lock:
                        session.add_note(rng.choice(ids), text)
                    saved.write(text + "\n")
                    saved.flush()
                except StoreError:
                    pass
                i += 1
            if time.time() > next_sync and (worker is None or not worker.is_alive()):
                worker = threading.Thread(target=run_sync)
                worker.start()
                next_sync = time.time() + 10
            while results:
                result, seconds = results.pop()
                synced.write(json.dumps({"code": result.exit_code, "seconds": seconds,
                                         "out": result.summary(), "app": True}) + "\n")  # fmt: skip
                synced.flush()
            time.sleep(0.5)
        if worker is not None:
            worker.join()


# --------------------------------------------------------------------------- the run


def setup(base: Path, partnerships: int) -> dict[str, Path]:
    from samenwerk_tui.domain import edits
    from samenwerk_tui.gitsync.setup import init_repo
    from samenwerk_tui.services.session import Session

    remote = base / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "--initial-branch=main", str(remote)],
                   check=True)  # fmt: skip
    roots = {name: base / name for name in ADVISORS}
    first = roots[ADVISORS[0]]
    init_repo(first)
    subprocess.run(["git", "-C", str(first), "remote", "add", "origin", str(remote)], check=True)
    session = Session.open(first, "Anna", create=False)
    for n in range(partnerships):
        session.create(edits.new_partnership(f"Partnership {n:02d}", tags=["soak"]))
    assert cli(first, "sync", "-q")[0] == 0
    for name in ADVISORS[1:]:
        subprocess.run(["git", "clone", "-q", str(remote), str(roots[name])], check=True)
    return roots


def converge(roots: dict[str, Path]) -> int:
    """Sync the clones in turn until all are on one commit; how many rounds it took."""
    for rounds in range(1, 8):
        for root in roots.values():
            cli(root, "sync", "-q")
        heads = {
            subprocess.run(["git", "-C", str(r), "rev-parse", "HEAD"], capture_output=True,
                           text=True).stdout.strip()
            for r in roots.values()
        }  # fmt: skip
        if len(heads) == 1:
            return rounds
    return 0  # did not agree: the checks below will say how


def check(base: Path, roots: dict[str, Path], logs: list[Path]) -> dict[str, Any]:
    from samenwerk_tui.store import codec

    saved: set[str] = set()
    for log in logs:
        saved |= {line.strip() for line in log.read_text("utf-8").splitlines() if line.strip()}
    figures: dict[str, Any] = {"notes_saved": len(saved)}
    contents: dict[str, dict[str, bytes]] = {}
    unreadable = 0
    lost: dict[str, int] = {}
    for name, root in roots.items():
        files = {p.name: p.read_bytes() for p in sorted((root / "partnerships").glob("*.toml"))}
        contents[name] = files
        notes: set[str] = set()
        for data in files.values():
            p = codec.decode_or_none(data)
            if p is None:
                unreadable += 1
                continue
            notes |= {n.text for n in p.notes}
        lost[name] = len(saved - notes)
    figures["lost_per_clone"] = lost
    figures["clones_identical"] = all(c == contents[ADVISORS[0]] for c in contents.values())
    figures["unreadable_files"] = unreadable
    figures["partnerships"] = len(contents[ADVISORS[0]])
    remote = base / "remote.git"
    commits = subprocess.run(["git", "-C", str(remote), "rev-list", "--all"], capture_output=True,
                             text=True, check=True).stdout.split()  # fmt: skip
    marked = 0
    for commit in commits:
        grep = subprocess.run(
            ["git", "-C", str(remote), "grep", "-l", "-E", "^(<<<<<<<|>>>>>>>)( |$)", commit,
             "--", "partnerships"], capture_output=True, text=True,
        )  # fmt: skip
        if grep.stdout.strip():
            marked += 1
    figures["commits"] = len(commits)
    figures["commits_with_markers"] = marked
    return figures


def per_process(sync_logs: list[Path], saved_logs: list[Path]) -> dict[str, Any]:
    """Syncs (all / exit 0) and notes saved, per writer and sync loop: nobody starves."""
    out: dict[str, Any] = {}
    for sync_log, saved_log in zip(sync_logs, saved_logs, strict=True):
        runs = [json.loads(line) for line in sync_log.read_text("utf-8").splitlines()]
        name = sync_log.name.removesuffix("-syncs.log")
        out[name] = {
            "syncs": len(runs),
            "syncs_ok": sum(1 for r in runs if r["code"] == 0),
            "notes_saved": len(saved_log.read_text("utf-8").splitlines()),
        }
    return out


def sync_figures(logs: list[Path]) -> dict[str, Any]:
    runs = [json.loads(line) for log in logs for line in log.read_text("utf-8").splitlines()]
    codes: dict[str, int] = {}
    for run in runs:
        codes[str(run["code"])] = codes.get(str(run["code"]), 0) + 1
    seconds = sorted(r["seconds"] for r in runs)
    return {
        "syncs": len(runs),
        "sync_exit_codes": codes,
        "sync_seconds_median": seconds[len(seconds) // 2] if seconds else None,
        "sync_seconds_max": seconds[-1] if seconds else None,
        "sync_failures": [r for r in runs if r["code"] not in (0, 1)][:5],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=15)
    parser.add_argument("--partnerships", type=int, default=40)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--role", choices=["writer", "sync", "app"], help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--deadline", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--log", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--log2", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role:
        label = args.root.name
        if args.role == "writer":
            writer(args.root, label, args.deadline, args.log)
        elif args.role == "sync":
            sync_loop(args.root, label, args.deadline, args.log)
        else:
            app(args.root, label, args.deadline, args.log, args.log2)
        return 0

    base = args.dir or Path(tempfile.mkdtemp(prefix="samenwerk-soak-"))
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    home = base / "home"
    os.environ.update(env_for("anna", home))
    roots = setup(base, args.partnerships)
    deadline = time.time() + args.minutes * 60
    procs: list[subprocess.Popen[bytes]] = []
    saved_logs: list[Path] = []
    sync_logs: list[Path] = []

    def start(role: str, name: str, log: Path, log2: Path | None = None) -> None:
        command = [PYTHON, str(HERE), "--role", role, "--root", str(roots[name]),
                   "--deadline", str(deadline), "--log", str(log)]  # fmt: skip
        if log2 is not None:
            command += ["--log2", str(log2)]
        procs.append(subprocess.Popen(command, env=env_for(name, home)))

    for name in ADVISORS:
        saved_logs.append(base / f"{name}-saved.log")
        sync_logs.append(base / f"{name}-syncs.log")
        start("writer", name, saved_logs[-1])
        start("sync", name, sync_logs[-1])
    saved_logs.append(base / "app-saved.log")
    sync_logs.append(base / "app-syncs.log")
    start("app", ADVISORS[0], saved_logs[-1], sync_logs[-1])
    for log in [*saved_logs, *sync_logs]:
        log.touch()
    started = time.time()
    for proc in procs:
        proc.wait()
    rounds = converge(roots)
    figures = {
        "minutes": round((time.time() - started) / 60, 1),
        "git": subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip(),
        "converge_rounds": rounds,
        **sync_figures(sync_logs),
        "per_process": per_process(sync_logs, saved_logs),
        **check(base, roots, saved_logs),
        "dir": str(base),
    }
    print(json.dumps(figures, indent=2))
    ok = (
        all(n == 0 for n in figures["lost_per_clone"].values())
        and figures["clones_identical"]
        and figures["unreadable_files"] == 0
        and figures["commits_with_markers"] == 0
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
