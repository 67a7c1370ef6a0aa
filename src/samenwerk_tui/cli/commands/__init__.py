"""One module per command (or group of commands).

Each module defines ``register(subparsers)``, which adds its parser(s) and sets
``run=<function(ctx) -> int>`` as a default. :func:`modules` finds them all, so adding a
command means adding a file.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def modules() -> list[ModuleType]:
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            found.append(importlib.import_module(f"{__name__}.{info.name}"))
    return found
