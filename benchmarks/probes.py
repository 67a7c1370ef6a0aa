"""One measurement each, run in a fresh process by ``benchmarks/run.py``.

Usage: python benchmarks/probes.py KIND ARG...

Each probe prints one JSON line. The probes that open a screen (``open``, ``floor``,
``visidata``) are started on a pseudo-terminal by ``run.py`` (a real terminal driver, real
escape sequences) and write their JSON to the file named by ``$BENCH_REPORT`` instead,
since their stdout is the screen.

``open WS``        the real ``samenwerk -w WS`` (the CLI's own ``main``), until the list
                   shows its rows: the moment the first frame that shows them (the main
                   screen, loaded, with the list laid out) is handed to the terminal
                   (``App._display``). It quits. Also reported: the first frame with any
                   rows (a first open shows the partnerships read so far as they come).
``floor``          a bare Textual app (one label), until its first frame is handed to
                   the terminal the same way: what any Textual app pays to start and paint.
``visidata CSV N`` VisiData (when installed) opening a CSV of the same N rows, until the
                   first screen drawn with all N rows loaded.
``interact WS``    the app headless (``App.run_test``) on the loaded workspace: filter
                   keystrokes (the first one included), the palette's partnership search
                   (and the models it builds), moving the cursor one row (to the list's
                   paint, and to the detail pane's), saving one change from the screen
                   (and the full rebuilds of the rows it made), memory before and after
                   showing every partnership once in the detail pane.
``save WS``        a loaded session; the time of one ``Session.edit`` (encode,
                   no-blind-overwrite check, atomic write with fsync) and the files changed.
``pull WS N``      a loaded session; N files changed behind its back (as a ``git pull``
                   would), then one ``poll``: its time and how many files it parsed.
``detail WS REF``  the app headless; the time to show one (big) partnership in the detail
                   and notes panes.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
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


def cpu_s() -> float:
    """CPU time of this process so far (user + system), all threads."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def report(data: dict[str, Any]) -> None:
    target = os.environ.get("BENCH_REPORT")
    text = json.dumps(data)
    if target:
        Path(target).write_text(text)
    else:
        print(text, flush=True)


# --------------------------------------------------------------------------- opening


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
    """Report (and quit) just after the first frame handed to the terminal that shows the
    list's rows: the first ``App._display`` of the main screen once it has them."""
    from textual.app import App

    from samenwerk_tui.tui.screens.main import MainScreen

    display = App._display
    reported = False
    first_rows: float | None = None

    def hooked(self: App[Any], screen: Any, renderable: Any) -> None:
        nonlocal reported, first_rows
        display(self, screen, renderable)
        if reported or renderable is None or not isinstance(screen, MainScreen):
            return
        if screen.list.size.height == 0:
            return
        if first_rows is None and len(screen.list.rows) and not screen.list.loading:
            first_rows = time.time()  # rows shown, maybe those read so far (a first open)
        if not screen.state.loaded:
            return
        reported = True
        rows = len(screen.list.rows)
        now = time.time()
        data = {"ready": now, "first_rows": first_rows or now, "rows": rows, "cpu_s": cpu_s()}
        report({**data, **rss_mb()})
        self.exit(0)

    App._display = hooked  # type: ignore[method-assign]


def probe_floor() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    display = App._display

    class Floor(App[None]):
        reported = False

        def compose(self) -> ComposeResult:
            yield Label("floor")

        def _display(self, screen: Any, renderable: Any) -> None:
            display(self, screen, renderable)
            if renderable is not None and not self.reported:
                self.reported = True
                report({"ready": time.time(), "rows": 0, "cpu_s": cpu_s(), **rss_mb()})
                self.exit()

    Floor().run()


def probe_visidata(csv: str, rows: str) -> None:
    import curses

    from visidata import VisiData  # type: ignore[import-not-found]
    from visidata.main import vd_cli  # type: ignore[import-not-found]

    expected = int(rows)
    draw_all = VisiData.draw_all

    def drawn(vd: Any) -> None:
        draw_all(vd)
        sheet = vd.activeSheet
        if sheet is not None and getattr(sheet, "nRows", 0) >= expected:
            report({"ready": time.time(), "rows": sheet.nRows, "cpu_s": cpu_s(), **rss_mb()})
            curses.endwin()
            os._exit(0)

    VisiData.draw_all = drawn
    sys.argv = ["vd", "-N", csv]  # -N: no user config or plugins
    vd_cli()


# --------------------------------------------------------------------------- in the app


def probe_interact(workspace: str) -> None:
    from textual.widgets import Input

    from samenwerk_tui.services.config import Config
    from samenwerk_tui.services.session import Session
    from samenwerk_tui.store import records as store_records
    from samenwerk_tui.tui import list_rows
    from samenwerk_tui.tui.app import SamenwerkApp
    from samenwerk_tui.tui.providers import PartnershipsProvider
    from samenwerk_tui.tui.screens.main import MainScreen
    from samenwerk_tui.tui.widgets.partnership_list import PartnershipList

    # A keystroke (or a move, or a save) is done when the screen refresh after the new
    # list has happened: the handlers end in ``apply_filter`` / ``show_selected``, which
    # are followed by that moment.
    shown_at: list[float] = []

    def after(name: str) -> None:
        original = getattr(MainScreen, name)

        def hooked(self: MainScreen, *args: Any, **kwargs: Any) -> None:
            original(self, *args, **kwargs)
            self.app.call_after_refresh(lambda: shown_at.append(time.perf_counter()))
            self.list.refresh()

        setattr(MainScreen, name, hooked)

    after("apply_filter")
    # A move is seen when the list has painted its cursor; the detail and notes panes
    # fill in after that paint (``_fill_panes``), measured on their own.
    filled_at: list[float] = []
    move = PartnershipList._move

    def moved(self: PartnershipList, index: int) -> None:
        move(self, index)
        self.app.call_after_refresh(lambda: shown_at.append(time.perf_counter()))

    PartnershipList._move = moved  # type: ignore[method-assign]
    fill = MainScreen._fill_panes

    def filled(self: MainScreen) -> None:
        fill(self)
        self.app.call_after_refresh(lambda: filled_at.append(time.perf_counter()))

    MainScreen._fill_panes = filled  # type: ignore[method-assign]
    rebuilt = [0]
    rebuild = list_rows.ListRows.rebuild

    def counting_rebuild(self: list_rows.ListRows, *args: Any, **kwargs: Any) -> None:
        rebuilt[0] += 1
        rebuild(self, *args, **kwargs)

    list_rows.ListRows.rebuild = counting_rebuild  # type: ignore[method-assign]

    async def timed(pilot: Any, key: str, details: list[float] | None = None) -> float | None:
        shown_at.clear()
        filled_at.clear()
        start = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        if details is not None:
            await pilot.pause(0.1)
            if filled_at:
                details.append(filled_at[-1] - start)
        return shown_at[0] - start if shown_at else None

    async def run() -> dict[str, Any]:
        session = Session.open(Path(workspace), "bench", create=False, load=False)
        session.preload()
        app = SamenwerkApp(session, Config(), load=True, poll=False, blink=False)
        out: dict[str, Any] = {}
        async with app.run_test(size=(120, 40)) as pilot:
            while not app.state.loaded:
                await pilot.pause(0.05)
            await pilot.pause()
            # Filter keystrokes, from the very first one.
            await pilot.press("slash")
            times: dict[str, list[float]] = {}
            for label, text in (("word", "zorg regio"), ("qualified", "type:goals")):
                app.query_one("#filter", Input).value = ""
                await pilot.pause()
                for ch in text:
                    took = await timed(pilot, "space" if ch == " " else ch)
                    if took is not None:  # a key that changes no query redraws nothing
                        times.setdefault(label, []).append(took)
            every = [t for ts in times.values() for t in ts]
            out.update(
                filter_first_s=times["word"][0],
                filter_median_s=statistics.median(every),
                filter_max_s=max(every),
            )
            await pilot.press("escape")
            await pilot.pause()
            # The palette's partnership search: the provider's whole answer for a query.
            built_before = store_records.models_built
            provider = PartnershipsProvider(app.main, None)
            searches = []
            for query in ("zorg", "regio 12", "alliantie water 9", "x"):
                start = time.perf_counter()
                hits = [hit async for hit in provider.search(query)]
                searches.append(time.perf_counter() - start)
            out.update(
                palette_median_s=statistics.median(searches),
                palette_max_s=max(searches),
                palette_hits=len(hits),
                palette_models=store_records.models_built - built_before,
            )
            # Moving the cursor one row (the detail and notes panes follow).
            app.main.list.focus()
            moves: list[float] = []
            details: list[float] = []
            for _ in range(15):
                took = await timed(pilot, "down", details)
                if took is not None:
                    moves.append(took)
            out.update(
                select_median_s=statistics.median(moves),
                select_max_s=max(moves),
                select_details_median_s=statistics.median(details),
            )
            # Saving one change from the screen: the time, and the full rebuilds it made.
            saves = []
            rebuilt[0] = 0
            for i in range(10):
                record = app.main.selected_record()
                assert record is not None
                shown_at.clear()
                start = time.perf_counter()
                app.main.save_and_tell(lambda s, r=record, i=i: s.edit(r.id, summary=f"edit {i}"))
                await pilot.pause()
                if shown_at:
                    saves.append(shown_at[0] - start)
            out.update(
                save_ui_median_s=statistics.median(saves),
                save_full_rebuilds=rebuilt[0],
            )
            # Memory while every partnership is shown once in the detail pane.
            out.update(await browse_every_row(app, pilot))
        return out

    report(asyncio.run(run()))


async def browse_every_row(app: Any, pilot: Any) -> dict[str, Any]:
    """Show every partnership once in the detail pane; the memory before, halfway, after."""
    from samenwerk_tui.store import records as store_records

    screen = app.main
    keys = [row.key for row in screen.list.rows]
    before = rss_mb()["rss_mb"]
    half = None
    for n, key in enumerate(keys):
        screen.list.select_key(key)
        screen.show_selected(only_if_changed=True)
        if n % 100 == 0:  # let the app handle the moves, as it would between keys
            await pilot.pause()
        if n == len(keys) // 2:
            half = rss_mb()["rss_mb"]
    return {
        "rss_before_browse_mb": before,
        "rss_half_browse_mb": half,
        "rss_after_browse_mb": rss_mb()["rss_mb"],
        "models_kept": len(store_records._models),
        "rows": len(keys),
    }


def probe_rewrite(workspace: str) -> None:
    """The memory of an open that rewrote the index cache (files changed since it was
    written, as after a pull): once the write is done, and after showing every row."""
    from samenwerk_tui.services.config import Config
    from samenwerk_tui.services.session import Session
    from samenwerk_tui.tui.app import SamenwerkApp

    async def run() -> dict[str, Any]:
        session = Session.open(Path(workspace), "bench", create=False, load=False)
        session.preload()
        app = SamenwerkApp(session, Config(), load=True, poll=False, blink=False)
        async with app.run_test(size=(120, 40)) as pilot:
            while not app.state.loaded:
                await pilot.pause(0.05)
            read_again = len(session.records) - session.from_index
            await asyncio.get_running_loop().run_in_executor(None, session.wait_for_index)
            await pilot.pause()
            return {"read_again": read_again, **await browse_every_row(app, pilot)}

    report(asyncio.run(run()))


def probe_detail(workspace: str, ref: str) -> None:
    from samenwerk_tui.services.config import Config
    from samenwerk_tui.services.session import Session
    from samenwerk_tui.tui.app import SamenwerkApp
    from samenwerk_tui.tui.screens.main import MainScreen

    shown_at: list[float] = []
    original = MainScreen.show_selected

    def show_selected(self: MainScreen, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.app.call_after_refresh(lambda: shown_at.append(time.perf_counter()))

    MainScreen.show_selected = show_selected  # type: ignore[method-assign]

    async def run() -> dict[str, Any]:
        session = Session.open(Path(workspace), "bench", create=False)
        pid = session.resolve(ref).id
        app = SamenwerkApp(session, Config(), poll=False, blink=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.main.list.action_cursor_bottom()  # another partnership first
            await pilot.pause()
            assert app.main.selected_key != pid
            shown_at.clear()
            start = time.perf_counter()
            app.main.jump_to(pid)
            await pilot.pause()
            await pilot.pause()
            took = shown_at[-1] - start if shown_at else float("nan")
        return {"detail_s": took, **rss_mb()}

    report(asyncio.run(run()))


# --------------------------------------------------------------------------- sessions


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


def probe_pull(workspace: str, count: str) -> None:
    from samenwerk_tui.services.session import Session
    from samenwerk_tui.store.workspace import Workspace

    session = Session.open(Path(workspace), "bench", create=False)
    session.wait_for_index()
    names = sorted(r.name for r in session.records.values())[
        :: max(1, len(session.records) // int(count))
    ]
    names = names[: int(count)]
    for name in names:  # what a pull does: other bytes in these files
        path = session.workspace.path_of(name)
        path.write_bytes(path.read_bytes().replace(b'rationale = "', b'rationale = "Pulled. ', 1))
    parsed = [0]
    parse = Workspace.parse

    def counting(name: str, data: bytes) -> Any:
        parsed[0] += 1
        return parse(name, data)

    Workspace.parse = staticmethod(counting)  # type: ignore[method-assign]
    start = time.perf_counter()
    refresh = session.poll()
    took = time.perf_counter() - start
    report({"poll_s": took, "parsed": parsed[0], "changed": len(refresh.changed)})


PROBES = {
    "open": probe_open,
    "floor": probe_floor,
    "visidata": probe_visidata,
    "interact": probe_interact,
    "detail": probe_detail,
    "save": probe_save,
    "pull": probe_pull,
    "rewrite": probe_rewrite,
}

if __name__ == "__main__":
    PROBES[sys.argv[1]](*sys.argv[2:])  # type: ignore[operator]
