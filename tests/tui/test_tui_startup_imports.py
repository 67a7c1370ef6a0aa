"""Starting the app imports only what the first paint needs.

The forms (and with them Textual's text editor), the dialogs, the detail pane (and with it
the exports and the model's classes), git support and the folder prompt are imported when
first used, after the list is on screen (issue 14: every module imported at start-up is
paid for at every open); reading from the index cache needs neither ``tomllib`` nor
``secrets`` nor the model, and the classes made at start-up are not dataclasses (each costs
up to a millisecond to create). The test runs a real app in a fresh interpreter, headless,
until the list shows its rows, and then opens a form, to show that the lazily imported
parts still come when asked for.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from tests.tui.test_tui_state import generated

SCRIPT = """
import asyncio, json, sys
from pathlib import Path
from samenwerk_tui.services.config import Config
from samenwerk_tui.services.session import Session
from samenwerk_tui.tui.app import SamenwerkApp

LATER = (
    "samenwerk_tui.tui.screens.forms",
    "samenwerk_tui.tui.screens.main_dialogs",
    "samenwerk_tui.tui.screens.folder",
    "samenwerk_tui.tui.editor",
    "samenwerk_tui.tui.widgets.detail",
    "samenwerk_tui.services.export",
    "samenwerk_tui.services.git_session",
    "samenwerk_tui.domain.model",  # the model's classes: with the first model built
    "samenwerk_tui.domain.edits",
)


def stdlib() -> list[str]:
    names = ("tomllib", "secrets", "getpass", "samenwerk_tui.domain.model")
    return sorted(m for m in names if m in sys.modules)


def loaded() -> list[str]:
    return sorted(m for m in LATER if m in sys.modules)


def dataclasses_made() -> list[str]:
    import dataclasses

    found = []
    for name, module in list(sys.modules.items()):
        if name.startswith("samenwerk_tui") and module is not None:
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and value.__module__ == name
                    and dataclasses.is_dataclass(value)
                ):
                    found.append(f"{name}.{value.__qualname__}")
    return sorted(found)


async def main() -> dict[str, object]:
    out: dict[str, object] = {"imported": loaded()}
    session = Session.open(Path(sys.argv[1]), "Anna", create=False)
    out["stdlib_read"] = stdlib()
    out["dataclasses"] = dataclasses_made()  # (those of the app's modules, and the read's)
    app = SamenwerkApp(session, Config(), poll=False, blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        out["rows"] = len(app.main.list.rows)
        await pilot.press("c")  # classify the selected partnership: the form opens
        await pilot.pause()
        out["screen"] = type(app.screen).__name__
        out["after"] = loaded()
    return out


print(json.dumps(asyncio.run(main())))
"""


def test_the_app_starts_without_the_forms_dialogs_detail_pane_or_git(tmp_path: Path) -> None:
    root = generated(tmp_path / "ws", 12)
    time.sleep(2.1)  # files changed under 2 s before the cache is written are not in it
    runs = []
    for _ in range(2):  # the first open reads the files and writes the index cache
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(root)], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
    first, out = runs
    assert first["rows"] == 12
    assert out["imported"] == []  # importing the app imports none of them
    assert out["rows"] == 12
    # Reading again (from the cache) imports not even the standard library's TOML parser
    # (the fast one reads the settings; tomllib only explains a broken file), nor what
    # only writing needs (random names, the login name), nor the model's classes.
    assert out["stdlib_read"] == []
    # Creating a dataclass costs 0.3-1 ms (it compiles its methods), so what the first paint
    # needs is made of named tuples and plain classes; only the config is a dataclass.
    assert out["dataclasses"] == ["samenwerk_tui.services.config.Config"]
    assert out["screen"] == "ClassificationForm"  # and a form still opens when asked for
    assert "samenwerk_tui.tui.screens.forms" in out["after"]
