"""The screens of the workbench: main, forms, confirmation and help.

Only the main screen's styles are read when the app starts (``SamenwerkApp.CSS_PATH``):
Textual parses every rule it is given before the first paint. The other screens carry
:data:`DIALOG_CSS` as their ``CSS_PATH``, so the first one shown has Textual read the
dialogs' style files then (all three, always in this order, so the cascade is the same
whichever dialog comes first).
"""

from pathlib import Path, PurePath

_HERE = Path(__file__).parent

DIALOG_CSS: list[str | PurePath] = [
    _HERE / "forms.tcss",
    _HERE / "decide.tcss",
    _HERE / "welcome.tcss",
]
