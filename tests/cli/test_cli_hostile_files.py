"""Hand-made files built to hurt the reader: one broken file, never a crash.

A file with lists nested a hundred thousand deep made the fast TOML extension overflow
the machine stack (a segmentation fault: no sentence, no exit code, and not one
partnership listed); tomllib gave up with ``RecursionError`` ("something went wrong that
samenwerk did not expect") and needed memory quadratic in a long dotted key (100,000
parts: the process was killed). Each is now one broken file with its line, and the other
partnerships keep working.
"""

from __future__ import annotations

import pytest

from .conftest import Samenwerk

DEPTH = 100_000


@pytest.mark.parametrize(
    ("label", "hostile"),
    [
        ("nested lists", "deep = " + "[" * DEPTH + "]" * DEPTH + "\n"),
        ("nested inline tables", "deep = " + "{a=" * DEPTH + "1" + "}" * DEPTH + "\n"),
        ("a long dotted key", "x" + ".x" * DEPTH + " = 1\n"),
        ("a long table header", "[x" + '."y"' * DEPTH + "]\n"),
    ],
    ids=["lists", "inline-tables", "dotted-key", "table-header"],
)
def test_a_file_nested_beyond_reason_is_one_broken_file(
    samenwerk: Samenwerk, label: str, hostile: str
) -> None:
    keep = samenwerk("new", "Keep me").out.strip()
    pid = samenwerk("new", "Hostile").out.strip()
    (path,) = (samenwerk.workspace / "partnerships").glob(f"*-{pid[:6]}.toml")
    path.write_text(path.read_text("utf-8") + hostile, "utf-8")
    before = path.read_bytes()

    check = samenwerk("check", expect=1)
    listed = samenwerk("list", expect=1)
    note = samenwerk("note", keep, "still fine", expect=0)

    assert f"partnerships/{path.name}:" in check.out, (label, check.out)
    assert "nested too deeply" in check.out, (label, check.out)
    assert "Keep me" in listed.out
    assert note.out.startswith("Saved Keep me")
    assert path.read_bytes() == before


def test_a_file_where_the_partnerships_folder_belongs_is_named(samenwerk: Samenwerk) -> None:
    """Every command said "something went wrong that samenwerk did not expect
    (NotADirectoryError …)"; now one sentence names the file, and nothing is written."""
    samenwerk("new", "Alpha")
    folder = samenwerk.workspace / "partnerships"
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.write_text("not a folder\n", "utf-8")

    for args in (("list",), ("check",), ("new", "Beta"), ("show", "alpha"), ("export",)):
        run = samenwerk(*args, expect=1)
        run.assert_one_sentence()
        assert "partnerships should be the folder of the partnership files" in run.err, run
    assert folder.read_text("utf-8") == "not a folder\n"
