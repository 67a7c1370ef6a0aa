"""One module per command (or group of commands).

Each module defines ``register(subparsers)``, which adds its parser(s) and sets
``run=<function(ctx) -> int>`` as a default. :func:`modules` finds them all, so adding a
command means adding a file. A module may set ``ORDER`` (an int) to place its command in
``--help``; the rest follow alphabetically.
"""

from __future__ import annotations

from types import ModuleType


def modules() -> list[ModuleType]:
    import importlib
    import pkgutil

    found = []
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            found.append(importlib.import_module(f"{__name__}.{info.name}"))
    return sorted(found, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))
