"""Rendering partnerships for people and scripts: text, Markdown, JSON and CSV.

Shared by the command line (``show``, ``list``, ``export``) and, later, the TUI. Two rules
shape everything here:

- Text, Markdown and CSV are read in terminals, editors and spreadsheets, so every piece of
  user text goes through :func:`safe_text` (control characters made visible). Markdown also
  escapes its own syntax so a name like ``[x](http://e.vil)`` stays literal, and CSV cells
  that a spreadsheet would run as a formula get a leading apostrophe.
- JSON is for scripts, so it carries the real strings. Control and format characters are
  written as ``\\uXXXX`` escapes, which keeps the bytes terminal-safe while ``json.loads``
  gives back exactly what is in the file.
"""

from samenwerk_tui.services.export.common import (
    conflict_line,
    md,
    problem_location,
    problem_reason,
    safe,
    to_json,
    to_json_lines,
    when,
)
from samenwerk_tui.services.export.partnership import (
    partnership_document,
    render_markdown,
    render_text,
)
from samenwerk_tui.services.export.portfolio import (
    Row,
    export_csv,
    export_json,
    export_markdown,
    list_record,
    render_list_csv,
    render_list_json,
    render_table,
    rows,
    write_export,
)

__all__ = [
    "Row",
    "conflict_line",
    "export_csv",
    "export_json",
    "export_markdown",
    "list_record",
    "md",
    "partnership_document",
    "problem_location",
    "problem_reason",
    "render_list_csv",
    "render_list_json",
    "render_markdown",
    "render_table",
    "render_text",
    "rows",
    "safe",
    "to_json",
    "to_json_lines",
    "when",
    "write_export",
]
