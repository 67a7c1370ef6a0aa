"""Text rules shared by every layer: normalising input, slugs, ids and safe display.

User text is data. It is normalised on the way in (NFC, LF, no control characters) and
made visible on the way out (:func:`safe_text`), so that a name such as
``"\\x1b]52;…\\x07[bold]x"`` can never drive the terminal or inject markup.
"""

from __future__ import annotations

import functools
import re
import unicodedata

ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
SLUG_MAX = 40

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", "conin$", "conout$"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)
}


# Every other way of saying "new line" becomes LF before control characters are dropped.
_LINE_BREAKS = str.maketrans({"\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})


def new_id(length: int = 12) -> str:
    """A random identifier of ``length`` characters from ``[a-z0-9]``."""
    import secrets  # (not needed to start: about 1 ms)

    return "".join(secrets.choice(ID_ALPHABET) for _ in range(length))


def is_control(ch: str) -> bool:
    """True for characters that must never reach a terminal raw (C0, DEL, C1, Cf)."""
    code = ord(ch)
    if code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F:
        return True
    category = unicodedata.category(ch)
    # Zl/Zp (U+2028, U+2029) break lines in some renderers: as unsafe as a raw newline.
    return category in ("Zl", "Zp") or (category == "Cf" and ch != "\u200d")


def normalize_text(value: str, *, multiline: bool = True) -> str:
    """Normalise user text for storage: NFC, LF line ends, no control characters.

    Tabs survive; newlines survive only when ``multiline`` is true (single-line fields
    fold them into spaces). Zero-width joiners are kept so emoji sequences stay intact.
    """
    # Fast path (most text): nothing to drop or translate. ``isprintable`` is false for
    # every C0/C1/Cf/Zl/Zp character and for ``\r``, so those all take the slow path.
    probe = value.replace("\n", "").replace("\t", "") if "\n" in value or "\t" in value else value
    if probe.isprintable():
        if not multiline and "\n" in value:
            value = value.replace("\n", " ")
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    value = value.replace("\r\n", "\n").translate(_LINE_BREAKS)
    keep = "\n\t" if multiline else "\t"
    out = []
    for ch in value:
        if ch in keep:
            out.append(ch)
        elif ch == "\n":
            out.append(" ")
        elif is_control(ch):
            continue
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def normalize_line(value: str) -> str:
    """A single-line field: :func:`normalize_text` without newlines, trimmed."""
    return normalize_text(value, multiline=False).strip()


def safe_text(value: str, *, multiline: bool = False) -> str:
    """Make text safe to print: every control or format character becomes visible.

    ``\\x1b`` shows as ``␛``, other C0 as the matching control picture, C1 and Cf as
    ``⟨U+XXXX⟩``. Newlines are kept when ``multiline`` is true, else shown as ``⏎``.
    The result carries no markup meaning only when rendered as plain text; callers in the
    TUI wrap it in ``Content``/``Text``, never in a markup string.
    """
    if value.isascii() and value.isprintable():  # most names: nothing to show differently
        return value
    # Only what is not printable ASCII can need another form; a 5 MB note of plain words
    # is then one regex scan, not five million calls.
    return _NOT_PRINTABLE_ASCII.sub(_VISIBLE_MULTILINE if multiline else _VISIBLE_LINE, value)


def _visible(match: re.Match[str], *, multiline: bool) -> str:
    ch = match.group()
    code = ord(ch)
    if ch == "\n":
        return "\n" if multiline else "⏎"
    if ch == "\t":
        return "\t" if multiline else " "
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "␡"
    if is_control(ch):
        return f"⟨U+{code:04X}⟩"
    return ch


_NOT_PRINTABLE_ASCII = re.compile(r"[^\x20-\x7e]")
_VISIBLE_LINE = functools.partial(_visible, multiline=False)
_VISIBLE_MULTILINE = functools.partial(_visible, multiline=True)


def fold(value: str) -> str:
    """Case- and accent-insensitive form of ``value`` for matching."""
    if value.isascii():  # no accents to strip; casefold equals lower for ASCII
        return value.lower()
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def slugify(value: str, fallback: str = "partnership") -> str:
    """A file-name-safe slug: ``[a-z0-9-]``, 1 to 40 characters, never empty.

    NFC and NFD spellings give the same slug; Windows device names are avoided.
    """
    ascii_text = fold(value).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    slug = slug[:SLUG_MAX].strip("-")
    if not slug:
        slug = fallback
    if slug in _WINDOWS_RESERVED:
        slug = f"{slug}-x"
    return slug


def truncate(value: str, width: int) -> str:
    """Cut ``value`` to ``width`` characters with an ellipsis."""
    if len(value) <= width:
        return value
    return value[: max(0, width - 1)] + "…"
