"""One measurement each, run in a fresh process by ``benchmarks/run.py``.

Usage: python benchmarks/probes.py KIND WORKSPACE

Each probe prints one JSON line. The ``open`` and ``floor`` probes are started on a
pseudo-terminal by ``run.py`` (a real terminal driver, real escape sequences) and write
their JSON to the file named by ``$BENCH_REPORT`` instead, since their stdout is the screen.

``open``   the real ``samenwerk -w WORKSPACE`` (the CLI's own ``main``), until the list
           shows its rows: the moment just after the first screen refresh that follows
           the list being given its rows (``call_after_refresh``). It then quits.
``floor``  a bare Textual app that reads and parses the same files with the same parser
           in a thread worker and shows their names in an ``OptionList``; same moment.
``filter`` the app headless (``App.run_test``) on the loaded workspace; the time from
           pressing a key in the filter box to the list showing the new result.
``save``   a loaded session; the time of one ``Session.edit`` (encode, no-blind-overwrite
           check, atomic write with fsync) and how many files changed on disk.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any


def rss_mb() -> dict[str, float]:
    """Resident memory now and at its peak, from ``/proc/self/status`` (Linux)."""
    out = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return {"rss_mb": out.get("VmRSS", 0.0), "peak_mb": out.get("VmHWM", 0.0)}


def report(data: dict[str, Any]) -> None:
    target = os.environ.get("BENCH_REPORT")
    text = json.dumps(data)
    if target:
        Path(target).write_text(text)
    else:
        print(text, flush=True)


def probe_open(workspace: str) -> None:
    import samenwerk_tui.tui as tui
    from samenwerk_tui.cli.main import main

    run_tui = tui.run_tui

    # The hook goes in when the CLI starts the app, not before: importing the screens
    # here would import Textual before the CLI starts reading, which it never does.
    def hooked(*args: Any, **kwargs: Any) -> int:
        hook_main_screen()
        return run_tui(*args, **kwargs)

    tui.run_tui = hooked  # type: ignore[assignment]
    sys.exit(main(["-w", workspace]))


def hook_main_screen() -> None:
    """Report (and quit) just after the first screen refresh that shows the list's rows."""
    from samenwerk_tui.tui.screens.main import MainScreen

    original = MainScreen.refresh_data
    reported = False

    # Hooked on refresh_data, not data_loaded: the load may finish before the screen is
    # mounted, and then the rows are first built by on_mount.
    def refresh_data(self: MainScreen, keep: str | None = None) -> None:
        nonlocal reported
        original(self, keep)
        if reported or not self.loaded:
            return
        reported = True
        rows = len(self.list.rows)

        def ready() -> None:
            report({"ready": time.time(), "rows": rows, **rss_mb()})
            self.app.exit(0)

        self.app.call_after_refresh(ready)
        self.list.refresh()  # a refresh is already due; this makes sure one comes

    MainScreen.refresh_data = refresh_data  # type: ignore[method-assign]


def probe_floor(workspace: str) -> None:
    from textual import work
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    from samenwerk_tui.store import parser

    folder = Path(workspace) / "partnerships"

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList()

        def on_mount(self) -> None:
            self.load()

        @work(thread=True)
        def load(self) -> None:
            names = []
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                doc = parser.loads_fast(Path(entry.path).read_bytes().decode("utf-8"))
                names.append(str(doc["name"]) if doc else entry.name)
            self.call_from_thread(self.show, names)

        def show(self, names: list[str]) -> None:
            self.query_one(OptionList).add_options(names)

            def ready() -> None:
                report({"ready": time.time(), "rows": len(names), **rss_mb()})
                self.exit()

            self.call_after_refresh(ready)
            self.query_one(OptionList).refresh()

    Floor().run()


def probe_filter(workspace: str) -> None:
    from textual.widgets import Input

    from samenwerk_tui.services.config import Config
    from samenwerk_tui.services.session import Session
    from samenwerk_tui.tui.app import SamenwerkApp
    from samenwerk_tui.tui.screens.main import MainScreen

    # The keystroke is done when the screen refresh after the new list has happened: the
    # filter's own handler ends in ``apply_filter``, which we follow with that moment.
    shown_at: list[float] = []
    original = MainScreen.apply_filter

    def apply_filter(self: MainScreen, keep: str | None = None) -> None:
        original(self, keep)
        self.app.call_after_refresh(lambda: shown_at.append(time.perf_counter()))
        self.list.refresh()

    MainScreen.apply_filter = apply_filter  # type: ignore[method-assign]

    async def run() -> dict[str, Any]:
        session = Session.open(Path(workspace), "bench", create=False)
        app = SamenwerkApp(session, Config(), poll=False, blink=False)
        times: dict[str, list[float]] = {}
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("slash")
            for label, text in (("word", "zorg regio"), ("qualified", "type:goals")):
                app.query_one("#filter", Input).value = ""
                await pilot.pause()
                for ch in text:
                    shown_at.clear()
                    start = time.perf_counter()
                    await pilot.press("space" if ch == " " else ch)
                    await pilot.pause()
                    if shown_at:  # a key that changes no query (a space) redraws nothing
                        times.setdefault(label, []).append(shown_at[0] - start)
            shown = len(app.main.list.rows)
        every = [t for ts in times.values() for t in ts]
        return {
            "median_s": statistics.median(every),
            "max_s": max(every),
            "word_median_s": statistics.median(times["word"]),
            "qualified_median_s": statistics.median(times["qualified"]),
            "shown": shown,
            **rss_mb(),
        }

    report(asyncio.run(run()))


def probe_save(workspace: str) -> None:
    from samenwerk_tui.services.session import Session

    session = Session.open(Path(workspace), "bench", create=False)
    session.wait_for_index()
    records = session.sorted_records()[:: max(1, len(session.records) // 15)][:15]
    times = []
    written = []
    for i, record in enumerate(records):
        before = session.workspace.scan()
        start = time.perf_counter()
        session.edit(record.id, summary=f"{record.facets.name}: benchmark edit {i} {time.time()}")
        times.append(time.perf_counter() - start)
        after = session.workspace.scan()
        written.append(sum(1 for name, st in after.items() if before.get(name) != st))
    report(
        {
            "median_s": statistics.median(times),
            "max_s": max(times),
            "files_written": sorted(set(written)),
        }
    )


PROBES = {"open": probe_open, "floor": probe_floor, "filter": probe_filter, "save": probe_save}

if __name__ == "__main__":
    PROBES[sys.argv[1]](sys.argv[2])
