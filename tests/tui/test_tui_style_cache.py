"""Textual's parsed style sheets are kept between runs (``tui/style_cache.py``).

The app's second start takes every style sheet from the cache file instead of parsing
it, and looks exactly as the first; a cache that is damaged, made by another Textual or
Python, or writable by others is not used (the app parses as always, and writes it anew).
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from samenwerk_tui.services.config import cache_dir
from samenwerk_tui.tui.style_cache import STYLES_FILE
from tests.tui.tui_fixture import build_workspace, make_app


async def start(root: Path) -> tuple[int, int, str, str]:
    """Run the app to its first screen; what it parsed and kept, its rules and its look."""
    app = make_app(root)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        parsed = app.style_cache.parsed
        rules = "\n".join(
            f"{rule.selectors} {sorted(rule.styles.get_rules().items())!r}"
            for rule in app.stylesheet.rules
        )
        screen = app.export_screenshot()
    used = len(app.style_cache._used)
    app.style_cache.save()
    return parsed, used, rules, screen


async def test_the_second_start_parses_no_style_sheet_and_looks_the_same(tmp_path: Path) -> None:
    root = build_workspace(tmp_path / "ws")
    parsed, used, rules, screen = await start(root)
    assert parsed > 10 and used == parsed  # ours and Textual's widgets'
    cache = cache_dir() / STYLES_FILE
    assert cache.is_file()
    assert cache.stat().st_mode & 0o077 == 0  # the user's own
    again = await start(root)
    assert again[0] == 0  # nothing parsed: everything came from the cache
    assert again[1:] == (used, rules, screen)


async def test_a_damaged_foreign_or_shared_cache_is_not_used(tmp_path: Path) -> None:
    root = build_workspace(tmp_path / "ws")
    first = await start(root)
    cache = cache_dir() / STYLES_FILE
    good = cache.read_bytes()
    stamp, kept = pickle.loads(good)
    for bad in (
        good[: len(good) // 2],  # cut short
        b"not a pickle",
        pickle.dumps((("another", "textual"), kept)),  # made by another Textual
    ):
        cache.write_bytes(bad)
        parsed, _, rules, screen = await start(root)
        assert parsed == first[0] and (rules, screen) == first[2:]
        assert cache.read_bytes() != bad  # written anew
    if hasattr(os, "getuid"):
        cache.chmod(0o666)  # anyone may write it: never loaded
        assert (await start(root))[0] == first[0]
