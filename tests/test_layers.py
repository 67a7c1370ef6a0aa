"""The layers of DESIGN §3, as a contract over the import graph of the package.

domain imports nothing of ours but the domain; store imports the domain; gitsync imports
store and domain; services import everything below; cli and tui import services and the
domain (its types and pure functions), never store or gitsync, except through the named
exceptions below, each with its reason. ``errors``, ``i18n`` (with ``i18n_cache``, which
keeps the parsed catalogs) and ``cachefile`` (how any cache file is written) import nothing
of ours beyond each other and the package root, so every layer may use them. The graph
has no circles, no screen or widget imports the app module, and the layers below the front
ends never import Textual or Rich.

Every import counts, including those inside functions and under ``TYPE_CHECKING``: a
lazy import is still a dependency, only a later one.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import samenwerk_tui

PACKAGE = Path(samenwerk_tui.__file__).parent
ROOT = "samenwerk_tui"
LOWER_LAYERS = ("domain", "store", "services", "gitsync")

#: The modules any layer may import: the package root (its version), the error family,
#: the message catalogs (and their cache), the writing of cache files. None imports anything
#: of ours but these.
FOUNDATION = {
    ROOT,
    f"{ROOT}.errors",
    f"{ROOT}.i18n",
    f"{ROOT}.i18n_cache",
    f"{ROOT}.cachefile",
}

#: What each layer may import besides itself and the foundation.
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "store": {"domain"},
    "gitsync": {"store", "domain"},
    "services": {"gitsync", "store", "domain"},
    "cli": {"services", "domain"},
    "tui": {"services", "domain"},
    "data": set(),
}

#: The named exceptions: (importing module, imported module) and why.
EXCEPTIONS: dict[tuple[str, str], str] = {
    # The CLI's thin commands on the workspace folder itself.
    ("cli.context", "store.workspace"): "Workspace.is_workspace and a read-only Workspace "
    "(list, show, check, export open without creating or sweeping); PARTNERSHIPS_DIR for "
    "the file paths messages name",
    ("cli.saving", "store.workspace"): "PARTNERSHIPS_DIR for the path a save names",
    ("cli.commands.check", "store.workspace"): "PARTNERSHIPS_DIR for file:line:col output",
    ("cli.commands.delete", "store.workspace"): "PARTNERSHIPS_DIR for the path it names",
    ("cli.commands.note", "store.workspace"): "PARTNERSHIPS_DIR for the path a note delete names",
    ("cli.commands.diagnose", "store.workspace"): "PARTNERSHIPS_DIR for the path it names",
    ("cli.commands.new", "store.workspace"): "Workspace.is_workspace: say when new creates one",
    ("cli.commands.init", "store.workspace"): "Workspace.is_workspace: init says if one existed",
    ("cli.commands.sync", "store.workspace"): "Workspace.is_workspace and sweep before a sync",
    ("cli.commands.export", "store.workspace"): "StoreError for an export file it cannot write",
    ("cli.commands.init", "gitsync.setup"): "init --git makes the folder a repository",
    ("cli.commands.merge_file", "gitsync.driver"): "the command is git's merge driver itself",
    # The one way from the command line into the terminal app.
    ("cli.commands.open", "tui"): "run_tui, the TUI's only entry point",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def modules(layer: str) -> list[str]:
    """Every module of a layer, sub-packages included."""
    return sorted(m for m in MODULES if m.startswith(f"{ROOT}.{layer}."))


def imports_of(name: str) -> Iterator[str]:
    """The modules of ours that ``name`` imports (``from a import b`` is ``a.b`` if a module)."""
    path = MODULES[name]
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_package else name.split(".")[:-1]
                here = here[: len(here) - (node.level - 1)]
                base = ".".join([*here, base] if base else here)
            targets = [f"{base}.{alias.name}" for alias in node.names]
            targets = [t if t in MODULES else base for t in targets]
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                yield target


GRAPH = {name: set(imports_of(name)) for name in MODULES}


def layer_of(name: str) -> str:
    return name.split(".")[1] if name.count(".") else ""


def short(name: str) -> str:
    return name.removeprefix(f"{ROOT}.")


def test_every_import_stays_within_its_layer_or_below() -> None:
    wrong = []
    for name, targets in sorted(GRAPH.items()):
        layer = layer_of(name)
        if name in FOUNDATION or layer not in ALLOWED:
            continue
        for target in sorted(targets):
            target_layer = layer_of(target)
            if target in FOUNDATION and not (layer == "domain" and target != f"{ROOT}.errors"):
                continue
            if target_layer == layer or target_layer in ALLOWED[layer]:
                continue
            if (short(name), short(target)) in EXCEPTIONS:
                continue
            wrong.append(f"{short(name)} imports {short(target)}")
    assert wrong == []


def test_every_named_exception_is_still_needed() -> None:
    """An exception nobody uses any more is removed, so the list stays the truth."""
    used = {(short(n), short(t)) for n, targets in GRAPH.items() for t in targets}
    assert sorted(set(EXCEPTIONS) - used) == []


def test_the_foundation_imports_nothing_of_ours() -> None:
    for name in FOUNDATION:
        assert GRAPH[name] <= FOUNDATION - {name}, f"{name} imports {GRAPH[name]}"


def test_the_import_graph_has_no_circles() -> None:
    """Tarjan's strongly connected components: every one must be a single module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(short(c) for c in component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert circles == []


def test_no_screen_or_widget_imports_the_app_module() -> None:
    app = f"{ROOT}.tui.app"
    for name in [*modules("tui.screens"), *modules("tui.widgets")]:
        assert app not in GRAPH[name], f"{short(name)} imports the app module"


def test_the_tui_reaches_git_and_files_only_through_services() -> None:
    for name in [f"{ROOT}.tui", *modules("tui")]:
        for target in GRAPH[name]:
            assert layer_of(target) not in ("store", "gitsync"), f"{short(name)} -> {target}"


def test_lower_layers_do_not_import_textual_or_rich_in_a_fresh_interpreter() -> None:
    names = [m for layer in LOWER_LAYERS for m in modules(layer)]
    assert f"{ROOT}.store.codec" in names and f"{ROOT}.services.session" in names
    script = (
        "import importlib, json, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'rich'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


def test_the_domain_does_no_io() -> None:
    for name in modules("domain"):
        for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                names.append(getattr(node, "module", None) or "")
                for imported in names:
                    top = imported.split(".")[0]
                    assert top not in {"textual", "rich", "os", "subprocess", "pathlib"}, (
                        f"{short(name)} imports {imported}"
                    )
