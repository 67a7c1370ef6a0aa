"""The fixed vocabularies of the domain: agreement types, stages and perspectives.

Only identifiers live here. Their names and descriptions in Dutch and English are data
files in ``samenwerk_tui/data`` (see :mod:`samenwerk_tui.i18n`).
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum


class AgreementType(StrEnum):
    """The four types of collaboration agreement."""

    DELIVER = "deliver"
    GOALS = "goals"
    MOVEMENT = "movement"
    PLATFORM = "platform"

    @property
    def digit(self) -> str:
        """The key that sets this type as primary in the TUI (1-4)."""
        return str(list(AgreementType).index(self) + 1)

    @property
    def badge(self) -> str:
        """The one character that identifies the type without colour: its digit.

        A letter cannot serve both languages (a Dutch reader takes ``D`` for *Doelen*,
        while it meant *deliver*); the digit reads the same in both and is also the key
        that sets the type.
        """
        return self.digit


class Stage(StrEnum):
    """The phase a collaboration is in."""

    EXPLORE = "explore"
    SHARE = "share"
    AGREE = "agree"
    SHAPE = "shape"
    EXECUTE = "execute"
    #: Winding down: a phase with its own work (settling, handing over, ending well).
    #: Added after schema 1 was fixed; additive, so files holding it are still schema 1.
    WIND_DOWN = "wind-down"
    #: The end state: nothing is being done any more.
    CLOSED = "closed"


class PerspectiveName(StrEnum):
    """The five perspectives on a collaboration."""

    AMBITION = "ambition"
    INTERESTS = "interests"
    RELATIONSHIP = "relationship"
    ORGANISATION = "organisation"
    PROCESS = "process"


#: Dutch words users may type for types and stages (filters, CLI options).
DUTCH_ALIASES: dict[str, str] = {
    "leveren": "deliver",
    "samen-leveren": "deliver",
    "doelen": "goals",
    "doelen-realiseren": "goals",
    "beweging": "movement",
    "beweging-in-gang-zetten": "movement",
    "platform": "platform",
    "ontmoeting": "platform",
    "platform-voor-ontmoeting": "platform",
    "verkennen": "explore",
    "delen": "share",
    "overeenkomen": "agree",
    "vormgeven": "shape",
    "uitvoeren": "execute",
    "afbouwen": "wind-down",
    "afbouw": "wind-down",
    "winding-down": "wind-down",
    "wind-down": "wind-down",
    "afgesloten": "closed",
    "afgerond": "closed",
    "beeindigd": "closed",
    "beeindigen": "closed",
    "ambitie": "ambition",
    "belangen": "interests",
    "relatie": "relationship",
    "organisatie": "organisation",
    "proces": "process",
}


def _key(value: str) -> str:
    """Lowercase, accents dropped, spaces as dashes: ``"Beëindigd"`` -> ``"closed"``."""
    decomposed = unicodedata.normalize("NFKD", value.strip())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    word = "-".join(plain.split())
    return DUTCH_ALIASES.get(word, word)


def parse_type(value: str) -> AgreementType | None:
    """Return the agreement type named by ``value`` (English id, Dutch word, or the digit
    the type's badge shows), else None."""
    key = _key(value)
    for agreement_type in AgreementType:
        if key == agreement_type.digit:
            return agreement_type
    try:
        return AgreementType(key)
    except ValueError:
        return None


def parse_stage(value: str) -> Stage | None:
    """Return the stage named by ``value`` (English id or Dutch word), else None."""
    key = _key(value)
    try:
        return Stage(key)
    except ValueError:
        return None


def parse_perspective(value: str) -> PerspectiveName | None:
    """Return the perspective named by ``value`` (English id or Dutch word), else None."""
    key = _key(value)
    try:
        return PerspectiveName(key)
    except ValueError:
        return None
