"""Measure samenwerk against DESIGN §7 and issue 14, each figure beside its floor.

Usage: python benchmarks/run.py [--sizes 1000,10000] [--quick] [--repeat N] [--dir DIR]

Generates (once, kept in ``DIR``, default ``$TMPDIR/samenwerk-bench``) workspaces of the
given sizes with ``generate.py`` (files of about 1.7 kB: four parties, five notes, a full
classification) and one with a 5 MB note, then runs every probe of ``probes.py`` in a
fresh process, ``--repeat`` times (default 5; 3 with ``--quick``), interleaved so that
every figure and its floor see the same machine, and prints medians and ratios.

The index cache goes to a private cache folder under ``DIR`` (``XDG_CACHE_HOME``): a
"first open" starts with it emptied, an "open again" with it warm (the app of the first
open was left open long enough to write it, as a user's would be). The package is
compiled to bytecode first and the probes may write bytecode, as an installed package has
it (``PYTHONDONTWRITEBYTECODE`` is dropped for them).

Open to list = from just before the process is started (``samenwerk -w WS`` through the
CLI's own ``main``, on a pseudo-terminal, so the real terminal driver runs) to just after
the first frame that shows the list's rows is handed to the terminal. The floor is a bare
Textual app measured the same way, to its first frame; VisiData (when installed, never a
dependency) opening a CSV of the same rows is measured to the first screen with all rows.
"""

from __future__ import annotations

import argparse
import compileall
import json
import math
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
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.util import find_spec
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
SAMENWERK = str(Path(PYTHON).with_name("samenwerk"))
#: Bump when generate.py makes other files: old workspaces are then made again.
GENERATION = "2"
BIG_NOTE_BYTES = 5_000_000


def generate(root: Path, count: int) -> Path:
    folder = root / f"ws{count}"
    done = folder / ".generated"
    if not done.exists() or done.read_text() != GENERATION:
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {count} partnerships in {folder} …", file=sys.stderr)
        subprocess.run([PYTHON, str(HERE / "generate.py"), str(folder), str(count)], check=True)
        done.write_text(GENERATION)
        time.sleep(2.1)  # older than the index's racy window, as on any real laptop
    return folder


def generate_big(root: Path) -> tuple[Path, str]:
    """A workspace of three partnerships, one with a note of 5 MB; and that one's id."""
    folder = root / "big"
    done = folder / ".generated"
    if not done.exists() or done.read_text() != GENERATION:
        shutil.rmtree(folder, ignore_errors=True)
        code = (
            "import sys, random\n"
            "from pathlib import Path\n"
            "sys.path.insert(0, sys.argv[2])\n"
            "from generate import generate, make\n"
            "from samenwerk_tui.domain import edits\n"
            "from samenwerk_tui.services.session import Session\n"
            "generate(Path(sys.argv[1]), 2)\n"
            "s = Session.open(Path(sys.argv[1]), 'bench')\n"
            "words = ' '.join(random.Random(1).choice(['zorg', 'regio', 'jeugd', 'water'])"
            " for _ in range(40))\n"
            "text = '\\n\\n'.join(words for _ in range(int(sys.argv[3]) // (len(words) + 2)))\n"
            "c = s.create(edits.new_partnership('Grote notitie'))\n"
            "s.add_note(c.partnership_id, text)\n"
            "print(c.partnership_id)\n"
        )
        out = subprocess.run(
            [PYTHON, "-c", code, str(folder), str(HERE), str(BIG_NOTE_BYTES)],
            check=True,
            capture_output=True,
            text=True,
        )
        (folder / ".big-id").write_text(out.stdout.strip())
        done.write_text(GENERATION)
        time.sleep(2.1)
    return folder, (folder / ".big-id").read_text()


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
    data["first_rows_s"] = data.get("first_rows", data["ready"]) - start
    return data


def probe(env: dict[str, str], *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [PYTHON, str(HERE / "probes.py"), *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def timed(args: list[str], env: dict[str, str]) -> float:
    """Wall time of a command, its output thrown away (exit 1, "found problems", is fine)."""
    start = time.perf_counter()
    done = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{args} exited {done.returncode}")
    return took


class Results:
    """Every measurement by key; medians on demand."""

    def __init__(self) -> None:
        self.values: dict[str, list[Any]] = {}
        self.failures: list[str] = []

    def attempt(self, key: str, run: Callable[..., Any], *args: Any) -> None:
        try:
            self.values.setdefault(key, []).append(run(*args))
        except (RuntimeError, subprocess.CalledProcessError, OSError, ValueError) as exc:
            self.failures.append(f"{key}: {exc}")

    def median(self, key: str, field: str = "open_s") -> float:
        found = self.values.get(key, [])
        numbers = [r[field] if isinstance(r, dict) else r for r in found]
        numbers = [n for n in numbers if n is not None]
        return statistics.median(numbers) if numbers else math.nan

    def first(self, key: str, field: str) -> Any:
        found = self.values.get(key)
        return found[0].get(field) if found else None


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="workspace sizes, comma-separated")
    ap.add_argument("--quick", action="store_true", help="3 repeats instead of 5")
    ap.add_argument("--repeat", type=int)
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "samenwerk-bench")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    largest = max(sizes)
    repeat = args.repeat or (3 if args.quick else 5)
    root: Path = args.dir
    root.mkdir(parents=True, exist_ok=True)
    cache = root / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "SAMENWERK_LANG": "en"}
    env.pop("SAMENWERK_WORKSPACE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode
    import samenwerk_tui

    compileall.compile_dir(Path(samenwerk_tui.__file__).parent, quiet=1)
    workspaces = {n: generate(root, n) for n in sizes}
    big, big_id = generate_big(root)
    have_vd = find_spec("visidata") is not None
    csvs: dict[int, Path] = {}
    if have_vd:
        for n, ws in workspaces.items():
            csvs[n] = root / f"ws{n}.csv"
            with csvs[n].open("w") as out:
                subprocess.run(
                    [SAMENWERK, "-w", str(ws), "list", "--format", "csv"],
                    env=env,
                    check=True,
                    stdout=out,
                )
    results = Results()

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def open_app(ws: Path) -> dict[str, Any]:
        return on_pty([PYTHON, str(HERE / "probes.py"), "open", str(ws)], env)

    def floor() -> dict[str, Any]:
        return on_pty([PYTHON, str(HERE / "probes.py"), "floor"], env)

    def visidata(n: int) -> dict[str, Any]:
        return on_pty([PYTHON, str(HERE / "probes.py"), "visidata", str(csvs[n]), str(n)], env)

    ws_l = workspaces[largest]
    cli = [SAMENWERK, "-w", str(ws_l)]
    commands = {
        "list_table": [*cli, "list"],
        "list_csv": [*cli, "list", "--format", "csv"],
        "list_json": [*cli, "list", "--format", "json"],
        "export_csv": [*cli, "export", "--format", "csv"],
        "export_md": [*cli, "export", "--format", "md"],
    }
    for i in range(repeat):
        print(f"round {i + 1}/{repeat} …", file=sys.stderr)
        for n, ws in workspaces.items():
            results.attempt("floor", floor)
            cold()
            results.attempt(f"open{n}_first", open_app, ws)
            results.attempt(f"open{n}_again", open_app, ws)
            results.attempt(f"open{n}_again", open_app, ws)
            if have_vd:
                results.attempt(f"vd{n}", visidata, n)
        results.attempt("cli_floor", timed, [SAMENWERK, "--help"], env)
        for key, command in commands.items():
            cold()
            results.attempt(f"{key}_first", timed, command, env)
            results.attempt(f"{key}_again", timed, command, env)
        results.attempt("show_big", timed, [SAMENWERK, "-w", str(big), "show", big_id], env)
        results.attempt("interact", probe, env, "interact", str(ws_l))
        results.attempt("detail_big", probe, env, "detail", str(big), big_id)
    # Last: saving and pulling change files, which the next "again" open would re-read.
    results.attempt("save", probe, env, "save", str(ws_l))
    results.attempt("pull", probe, env, "pull", str(ws_l), "50")
    # An open after that pull writes the cache again: the memory it keeps then.
    results.attempt("rewrite", probe, env, "rewrite", str(ws_l))
    print_table(results, sizes, largest, repeat, have_vd)


def print_table(r: Results, sizes: list[int], largest: int, repeat: int, have_vd: bool) -> None:
    med = r.median
    floor = med("floor")
    cli_floor = med("cli_floor", "")
    big = f"{largest:,}"
    rows: list[tuple[str, float, str, float | None, float | None]] = []
    # (measure, value, unit, floor, target ratio or absolute target)

    def add(label: str, value: float, unit: str, base: float | None, target: float | None) -> None:
        rows.append((label, value, unit, base, target))

    for n in sizes:
        add(f"open to list, {n:,}, again (cache)", med(f"open{n}_again"), "s", floor, 1.4)
    for n in sizes:
        first_rows = med(f"open{n}_first", "first_rows_s")
        add(f"open to first rows, {n:,}, first (no cache)", first_rows, "s", floor, 3.0)
    for n in sizes:
        add(f"open to all rows, {n:,}, first (no cache)", med(f"open{n}_first"), "s", floor, None)
    if have_vd:
        for n in sizes:
            add(f"VisiData, the same {n:,} rows as CSV", med(f"vd{n}"), "s", floor, None)
    for key, label in (
        ("list_csv", "list --format csv"),
        ("list_json", "list --format json"),
        ("list_table", "list (table)"),
        ("export_csv", "export --format csv"),
        ("export_md", "export --format md"),
    ):
        target_again = 0.5 if key in ("list_csv", "list_json", "list_table", "export_csv") else None
        target_first = 1.0 if target_again else None
        add(f"`{label}`, {big}, cache", med(f"{key}_again", ""), "s", cli_floor, target_again)
        add(f"`{label}`, {big}, no cache", med(f"{key}_first", ""), "s", cli_floor, target_first)
    add(f"filter keystroke, {big}, median", med("interact", "filter_median_s"), "ms", None, 0.030)
    add(f"filter keystroke, {big}, worst", med("interact", "filter_max_s"), "ms", None, 0.060)
    add(f"filter, first keystroke, {big}", med("interact", "filter_first_s"), "ms", None, 0.060)
    add(f"palette search, {big}, median", med("interact", "palette_median_s"), "ms", None, 0.050)
    add(f"palette search, {big}, worst", med("interact", "palette_max_s"), "ms", None, 0.050)
    add(f"select the next row: list, {big}", med("interact", "select_median_s"), "ms", None, 0.016)
    add(
        f"select the next row: details, {big}",
        med("interact", "select_details_median_s"),
        "ms",
        None,
        None,
    )
    add(f"save one change (session), {big}", r.median("save", "median_s"), "ms", None, 0.010)
    add(f"save one change (screen), {big}", med("interact", "save_ui_median_s"), "ms", None, None)
    add(f"`git pull` of 50 files: poll, {big}", med("pull", "poll_s"), "ms", None, None)
    add("5 MB note: `show`", med("show_big", ""), "s", cli_floor, 0.5)
    add("5 MB note: detail pane", med("detail_big", "detail_s"), "s", None, 0.5)
    add(
        f"RSS with the list shown, {big}, again",
        med(f"open{largest}_again", "rss_mb"),
        "MB",
        None,
        120,
    )
    add(f"peak RSS, {big}, first open", med(f"open{largest}_first", "peak_mb"), "MB", None, 120)
    add(
        f"RSS after showing all {big} once", med("interact", "rss_after_browse_mb"), "MB", None, 120
    )
    add(
        f"RSS after showing all {big} once, the open rewrote the cache",
        med("rewrite", "rss_after_browse_mb"),
        "MB",
        None,
        120,
    )

    load = os.getloadavg() if hasattr(os, "getloadavg") else (math.nan,) * 3
    print(f"\nsamenwerk benchmarks, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, median of {repeat}")
    print(machine())
    print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(
        f"floors: bare Textual app to first paint {floor:.3f} s; "
        f"`samenwerk --help` {cli_floor:.3f} s"
    )
    print("\n| measure | samenwerk | floor | ratio | target | met |\n|---|---|---|---|---|---|")
    for label, value, unit, base, target in rows:
        shown = _fmt(value, unit)
        ratio = value / base if base and not math.isnan(value) else None
        if target is None:
            target_text, met = "—", ""
        elif base is not None and target < 10 and unit == "s" and "open" in label:
            target_text = f"≤ {target:g}× floor"
            met = _yes(ratio is not None and ratio <= target)
        else:
            target_text = f"≤ {_fmt(target, unit)}"
            met = _yes(value <= target)
        print(
            f"| {label} | {shown} | {_fmt(base, unit) if base else '—'} | "
            f"{f'{ratio:.2f}×' if ratio else '—'} | {target_text} | {met} |"
        )
    interact = r.values.get("interact") or [{}]
    print(
        f"\npalette: {r.first('interact', 'palette_models')} models built; "
        f"saves from the screen: {r.first('interact', 'save_full_rebuilds')} full rebuilds of "
        f"the rows; files written per saved change: {r.first('save', 'files_written')}; "
        f"a pull of 50 files parsed {r.first('pull', 'parsed')} files; models kept after "
        f"showing every partnership: {interact[0].get('models_kept')}; RSS before / half / "
        f"after browsing: {interact[0].get('rss_before_browse_mb', 0):.0f} / "
        f"{interact[0].get('rss_half_browse_mb', 0):.0f} / "
        f"{interact[0].get('rss_after_browse_mb', 0):.0f} MB"
    )
    rewrite = r.values.get("rewrite") or [{}]
    print(
        f"an open after the pull read {rewrite[0].get('read_again')} files again and rewrote "
        f"the cache; RSS then before / half / after browsing: "
        f"{rewrite[0].get('rss_before_browse_mb', 0):.0f} / "
        f"{rewrite[0].get('rss_half_browse_mb', 0):.0f} / "
        f"{rewrite[0].get('rss_after_browse_mb', 0):.0f} MB"
    )
    rows_seen = {k: v[0]["rows"] for k, v in r.values.items() if k.startswith(("open", "vd"))}
    print(f"rows shown: {rows_seen}")
    # Every sample of the openings, in the order taken: how much the machine moved.
    for key in ("floor", *(f"open{n}_again" for n in sizes)):
        samples = " ".join(f"{v['open_s']:.3f}" for v in r.values.get(key, []))
        print(f"samples {key}: {samples}")
    for failure in r.failures:
        print(f"FAILED (left out of the medians): {failure}")


def _fmt(value: float | None, unit: str) -> str:
    if value is None or math.isnan(value):
        return "—"
    if unit == "ms":
        return f"{value * 1000:.0f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.2f} s"


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    try:
        vd = f", VisiData {version('visidata')}"
    except PackageNotFoundError:
        vd = ", VisiData not installed"
    return (
        f"{os.cpu_count()} cores (nproc), {cpu}, Python {platform.python_version()}, "
        f"Textual {version('textual')}, toml_rs {version('toml-rs')}{vd}, {platform.system()}"
    )


if __name__ == "__main__":
    main()
