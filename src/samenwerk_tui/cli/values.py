"""Turning command-line words into domain values, or a one-sentence usage error.

Types, stages and perspectives accept the English ids and the Dutch words
(``leveren``, ``uitvoeren``, ``ambitie``). Anything else is bad input: exit 2, nothing
written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from samenwerk_tui.cli.context import UsageError
from samenwerk_tui.domain.types import (
    AgreementType,
    PerspectiveName,
    Stage,
    parse_perspective,
    parse_stage,
    parse_type,
)

if TYPE_CHECKING:
    from samenwerk_tui.domain.query import Query

NONE_WORDS = {"none", "geen", "-"}


def agreement_type(value: str) -> AgreementType:
    found = parse_type(value)
    if found is None:
        raise UsageError("error.unknown_type", value=value)
    return found


def optional_type(value: str) -> AgreementType | None:
    """A type, or None for ``none``/``geen`` (clears the primary type)."""
    if value.strip().lower() in NONE_WORDS:
        return None
    return agreement_type(value)


def stage(value: str) -> Stage:
    found = parse_stage(value)
    if found is None:
        raise UsageError("error.unknown_stage", value=value)
    return found


def perspective(value: str) -> PerspectiveName:
    found = parse_perspective(value)
    if found is None:
        raise UsageError("error.unknown_perspective", value=value)
    return found


def whole_number(value: str, what: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise UsageError("cli.not_a_number", value=value, what=what) from None


def type_pair(spec: str, option: str) -> tuple[AgreementType, str]:
    """``deliver=4`` or ``leveren=some text`` -> (type, right-hand side)."""
    left, sep, right = spec.partition("=")
    if not sep:
        raise UsageError("cli.bad_pair", value=spec, option=option)
    return agreement_type(left), right


def query(text: str | None) -> Query:
    """The filter; an unknown ``type:``/``stage:``/``is:`` value is a usage error."""
    from samenwerk_tui.domain.query import parse_query

    return parse_query(text or "")
