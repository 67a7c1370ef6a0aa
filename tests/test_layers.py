"""The layers of DESIGN §3: domain, store, services and gitsync never import Textual, and
the domain imports nothing from the layers above it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import samenwerk_tui

PACKAGE = Path(samenwerk_tui.__file__).parent
LOWER_LAYERS = ("domain", "store", "services", "gitsync")


def modules(layer: str) -> list[str]:
    """Every module of a layer, sub-packages included."""
    out = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


def test_lower_layers_do_not_import_textual_or_rich_in_a_fresh_interpreter() -> None:
    names = [m for layer in LOWER_LAYERS if (PACKAGE / layer).is_dir() for m in modules(layer)]
    assert "samenwerk_tui.store.codec" in names and "samenwerk_tui.services.session" in names
    script = (
        "import importlib, json, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


def imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.add("." * node.level + (node.module or ""))
    return found


def test_the_domain_imports_nothing_from_store_services_or_front_ends() -> None:
    for path in (PACKAGE / "domain").rglob("*.py"):
        for name in imported(path):
            assert not name.startswith("."), f"{path.name}: relative import {name}"
            if name.startswith("samenwerk_tui") and name != "samenwerk_tui.errors":
                assert name.startswith("samenwerk_tui.domain"), f"{path.name} imports {name}"
            assert name.split(".")[0] not in {"textual", "rich", "os", "subprocess"}, (
                f"{path.name} imports {name}"
            )


def test_store_and_gitsync_import_no_services_or_front_ends() -> None:
    for layer in ("store", "gitsync"):
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in imported(path):
                for above in ("services", "cli", "tui"):
                    assert not name.startswith(f"samenwerk_tui.{above}"), (
                        f"{layer}/{path.name} imports {name}"
                    )


def test_services_import_no_front_end() -> None:
    for path in (PACKAGE / "services").rglob("*.py"):
        for name in imported(path):
            assert not name.startswith(("samenwerk_tui.cli", "samenwerk_tui.tui", "textual")), (
                f"services/{path.name} imports {name}"
            )
