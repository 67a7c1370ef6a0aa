"""Measure samenwerk against DESIGN §7, beside the floor, and print one table.

Usage: python benchmarks/run.py [--quick] [--repeat N] [--dir DIR]

Generates (once, kept in ``DIR``, default ``$TMPDIR/samenwerk-bench``) workspaces of 1,000
and 10,000 partnerships with ``generate.py``, then runs every probe of ``probes.py`` in a
fresh process, ``--repeat`` times (default 5; 3 with ``--quick``), and reports medians.
The index cache goes to a private cache folder under ``DIR`` (``XDG_CACHE_HOME``): a
"first open" starts with it emptied, an "unchanged re-open" with it warm.

Open to interactive list = from just before the process is started (``samenwerk -w WS``,
through the CLI's own ``main`` with a hook that only notes the moment and quits,
on a pseudo-terminal, so the real terminal driver runs) to just after the first screen
refresh that shows the list's rows. The floor is a bare Textual app measured the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
SAMENWERK = str(Path(PYTHON).with_name("samenwerk"))


def generate(root: Path, count: int) -> Path:
    folder = root / f"ws{count}"
    done = folder / ".generated"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {count} partnerships in {folder} …", file=sys.stderr)
        subprocess.run([PYTHON, str(HERE / "generate.py"), str(folder), str(count)], check=True)
        done.write_text(str(count))
        time.sleep(2.1)  # older than the index's racy window, as on any real laptop
    return folder


def on_pty(args: list[str], env: dict[str, str], timeout: float = 120.0) -> dict[str, Any]:
    """Run ``args`` on a 120×40 pseudo-terminal; return its report and the start time."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        report = Path(handle.name)
    report.unlink()
    env = {**env, "BENCH_REPORT": str(report), "TERM": "xterm-256color"}
    env.update(COLUMNS="120", LINES="40")
    main_fd, child_fd = pty.openpty()
    os.set_blocking(main_fd, False)
    start = time.time()
    proc = subprocess.Popen(
        args, stdin=child_fd, stdout=child_fd, stderr=child_fd, env=env, close_fds=True
    )
    os.close(child_fd)
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([main_fd], [], [], 0.05)
            if ready:
                try:
                    os.read(main_fd, 65536)  # the screen; drained so the app never blocks
                except OSError:
                    break  # the child closed the terminal: it is exiting
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise RuntimeError(f"{args} did not finish in {timeout} s") from None
    finally:
        os.close(main_fd)
    if not report.exists():
        raise RuntimeError(f"{args} exited {proc.returncode} without a report")
    data = json.loads(report.read_text())
    report.unlink()
    data["open_s"] = data["ready"] - start
    return data


def probe(kind: str, workspace: Path, env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run(
        [PYTHON, str(HERE / "probes.py"), kind, str(workspace)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="3 repeats instead of 5")
    ap.add_argument("--repeat", type=int)
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "samenwerk-bench")
    args = ap.parse_args()
    repeat = args.repeat or (3 if args.quick else 5)
    root: Path = args.dir
    root.mkdir(parents=True, exist_ok=True)
    cache = root / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "SAMENWERK_LANG": "en"}
    env.pop("SAMENWERK_WORKSPACE", None)
    workspaces = {n: generate(root, n) for n in (1000, 10_000)}

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def open_app(ws: Path) -> dict[str, Any]:
        return on_pty([PYTHON, str(HERE / "probes.py"), "open", str(ws)], env)

    def floor(ws: Path) -> dict[str, Any]:
        return on_pty([PYTHON, str(HERE / "probes.py"), "floor", str(ws)], env)

    results: dict[str, list[Any]] = {}
    failures: list[str] = []

    def add(key: str, value: Any) -> None:
        results.setdefault(key, []).append(value)

    def attempt(key: str, run: Any, *run_args: Any) -> None:
        try:
            add(key, run(*run_args))
        except (RuntimeError, subprocess.CalledProcessError) as exc:
            failures.append(f"{key}: {exc}")

    for i in range(repeat):
        print(f"round {i + 1}/{repeat} …", file=sys.stderr)
        for n, ws in workspaces.items():
            cold()
            attempt(f"open{n}_first", open_app, ws)
            time.sleep(2)  # the TUI writes its index cache 1.5 s after loading
            attempt(f"open{n}_again", open_app, ws)
            attempt(f"floor{n}", floor, ws)
        ws = workspaces[10_000]
        cold()
        attempt("list_first", timed, [SAMENWERK, "-w", str(ws), "list"], env)
        attempt("list_again", timed, [SAMENWERK, "-w", str(ws), "list"], env)
        attempt("filter", probe, "filter", ws, env)
    # Last: saving changes files, which the next "unchanged" open would have to re-read.
    save = probe("save", workspaces[10_000], env)

    def m(key: str, field: str = "open_s") -> float:
        return median([r[field] if isinstance(r, dict) else r for r in results[key]])

    rows = [
        ("open to list, 1,000, first open", "≤ 0.50 s", m("open1000_first"), m("floor1000")),
        ("open to list, 1,000, unchanged", "≤ 0.50 s", m("open1000_again"), m("floor1000")),
        ("open to list, 10,000, first open", "≤ 1.00 s", m("open10000_first"), m("floor10000")),
        ("open to list, 10,000, unchanged", "≤ 0.60 s", m("open10000_again"), m("floor10000")),
        ("filter keystroke, 10,000 (median)", "≤ 0.050 s", m("filter", "median_s"), None),
        ("filter keystroke, 10,000 (worst)", "≤ 0.050 s", m("filter", "max_s"), None),
        ("one change saved, 10,000 (median)", "≤ 0.010 s", save["median_s"], None),
        ("RSS at list, 10,000, first open", "≤ 200 MB", m("open10000_first", "rss_mb"), None),
        ("RSS at list, 10,000, unchanged", "≤ 200 MB", m("open10000_again", "rss_mb"), None),
        ("peak RSS, 10,000, first open", "≤ 200 MB", m("open10000_first", "peak_mb"), None),
        ("samenwerk list, 10,000, first", "≤ 1.00 s", m("list_first", ""), None),
        ("samenwerk list, 10,000, unchanged", "≤ 1.00 s", m("list_again", ""), None),
    ]
    floor_rss = m("floor10000", "rss_mb")
    print(f"\nsamenwerk benchmarks, {date.today()}, median of {repeat}")
    print(machine())
    print("\n| measure | target | samenwerk | floor |\n|---|---|---|---|")
    for label, target, value, floor_value in rows:
        unit = "MB" if "MB" in target else "s"
        fmt = (lambda v: f"{v:.0f} MB") if unit == "MB" else (lambda v: f"{v:.3f} s")
        if label.startswith("RSS at list, 10,000, first"):
            floor_value = floor_rss
        shown_floor = fmt(floor_value) if floor_value is not None else "—"
        print(f"| {label} | {target} | {fmt(value)} | {shown_floor} |")
    print(f"\nfiles written per saved change: {save['files_written']}")
    rows_seen = {k: results[k][0]["rows"] for k in results if k.startswith(("open", "floor"))}
    print(f"rows shown: {rows_seen}")
    for failure in failures:
        print(f"FAILED (left out of the medians): {failure}")


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{os.cpu_count()} cores ({cpu}), load {load:.2f}, Python {platform.python_version()}, "
        f"Textual {version('textual')}, toml_rs {version('toml-rs')}, {platform.system()}"
    )


if __name__ == "__main__":
    main()
