"""The filter query language shared by ``list``, ``export`` and the TUI filter box.

Words match name, summary, parties, tags and notes, ignoring case and accents.
Qualified terms: ``type:movement`` (primary type), ``tag:zorg`` (also ``#zorg``, as the
app shows tags), ``stage:execute``,
``party:philips``, ``is:unclassified``, ``is:broken``, ``is:conflict``, ``is:changed``,
``is:divergent`` (advisors' assessments disagree). Terms combine with AND; ``-term``
negates. Type and stage values accept Dutch words, and so do the keys and flags
(``soort:beweging``, ``label:zorg``, ``fase:uitvoeren``, ``partij:philips``,
``is:ongetypeerd``, ``is:onleesbaar``, ``is:gewijzigd``, ``is:afwijkend``), so a Dutch
advisor never has to type English. A value or key that names nothing (``fase:xyz``,
``type:foo``, ``kleur:rood``) is an error that lists what exists, never an empty list.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from samenwerk_tui.domain.rules import DomainError, normalize_tag
from samenwerk_tui.domain.text import fold
from samenwerk_tui.domain.types import AgreementType, Stage, parse_stage, parse_type

if TYPE_CHECKING:  # (the model's classes are not needed to list or filter)
    from samenwerk_tui.domain.model import Partnership

FLAGS = ("unclassified", "broken", "conflict", "changed", "divergent")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

#: Dutch words for the keys and the ``is:`` flags.
_KEY_ALIASES = {
    "label": "tag",
    "labels": "tag",
    "fase": "stage",
    "partij": "party",
    "soort": "type",
}
KEYS = ("type", "tag", "stage", "party", "is")
FLAG_ALIASES = {
    "afwijkend": "divergent",
    "uiteenlopend": "divergent",
    "ongetypeerd": "unclassified",
    "onleesbaar": "broken",
    "conflicten": "conflict",
    "gewijzigd": "changed",
}


class Facets(NamedTuple):
    """The few fields of a partnership that the list and the qualified terms look at.

    The store can give these without building the whole model, so filtering 10,000
    partnerships never builds 10,000 models. A named tuple: ten thousand of them are
    made at every open, and a tuple is made several times faster than a dataclass.
    """

    id: str
    name: str
    primary: AgreementType | None
    stage: Stage
    tags: tuple[str, ...]
    parties: tuple[str, ...]  # party names
    conflicts: bool
    scores: tuple[int, ...]  # the classification's 0-5 per type, in AgreementType order
    updated: int  # last change, UTC seconds since 1970 (cheaper than a datetime)
    divergent: bool  # the advisors' latest assessments disagree (domain.divergence)

    @classmethod
    def of(cls, p: Partnership) -> Facets:
        from samenwerk_tui.domain.divergence import divergence  # (not needed to open)

        split = divergence(p.assessments)
        return cls(
            p.id,
            p.name,
            p.primary,
            p.stage,
            p.tags,
            tuple(party.name for party in p.parties),
            bool(p.conflicts),
            tuple(p.classification.score(t).score for t in AgreementType),
            epoch_seconds(p.updated),
            split is not None and split.divergent,
        )

    @property
    def updated_at(self) -> datetime:
        """:attr:`updated` as a datetime in UTC."""
        return _EPOCH + timedelta(seconds=self.updated)


def epoch_seconds(value: datetime) -> int:
    """Whole seconds since 1970 in UTC (works before 1970 too)."""
    return (value - _EPOCH) // timedelta(seconds=1)


class Subject:
    """What a query looks at: a partnership (or None for a broken file) and its state.

    Terms look at ``facets``; given only a partnership, the facets are taken from it.
    Callers that have facets at hand may leave ``partnership`` None. Not changed once
    made (a plain class: it is made at start-up, where a dataclass costs its creation).
    """

    __slots__ = ("partnership", "haystack", "broken", "changed", "conflicted", "facets")

    def __init__(
        self,
        partnership: Partnership | None,
        haystack: str,
        broken: bool = False,
        changed: bool = False,
        conflicted: bool = False,
        facets: Facets | None = None,
    ) -> None:
        if facets is None and partnership is not None:
            facets = Facets.of(partnership)
        self.partnership = partnership
        self.haystack = haystack
        self.broken = broken
        self.changed = changed
        self.conflicted = conflicted
        self.facets = facets


def haystack(p: Partnership) -> str:
    """The folded text that plain words search in."""
    parts = [p.name, p.summary, *p.tags]
    for party in p.parties:
        parts += [party.name, party.role]
    for note in p.notes:
        parts.append(note.text)
        parts += note.tags
    return fold("\n".join(parts))


Predicate = Callable[[Subject], bool]


class Term(NamedTuple):
    text: str
    negated: bool
    test: Predicate
    #: The folded word of a plain word term (no key, not negated); None for the others.
    word: str | None = None


class Query(NamedTuple):
    """A parsed filter: all terms must hold."""

    source: str
    terms: tuple[Term, ...]

    @property
    def is_empty(self) -> bool:
        return not self.terms

    def matches(self, subject: Subject) -> bool:
        for term in self.terms:  # noqa: SIM110 - a plain loop; runs 10,000 times a keystroke
            if term.test(subject) == term.negated:
                return False
        return True

    def narrows(self, wider: Query) -> bool:
        """True when whatever this query matches, ``wider`` matches too: each of
        ``wider``'s terms is one of this query's, or a plain word inside one of its plain
        words. Typing on in the filter box ("zo", "zorg", "zorg r") narrows, so a
        keystroke need only test what the one before let through.
        """
        for old in wider.terms:
            if any(term.text == old.text for term in self.terms):
                continue  # the same text is the same test
            if old.word is None or not any(
                term.word is not None and old.word in term.word for term in self.terms
            ):
                return False
        return True


def _split(text: str) -> list[str]:
    if not text.strip(" \t\r\n"):  # (shlex's whitespace)
        return []  # (the empty filter of every start: no shlex to import)
    import shlex

    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


def parse_query(text: str) -> Query:
    """Parse ``text``; an unknown qualifier value raises :class:`DomainError`."""
    terms = []
    for raw in _split(text):
        negated = raw.startswith("-") and len(raw) > 1
        body = raw[1:] if negated else raw
        test, word = _predicate(body)
        terms.append(Term(raw, negated, test, None if negated else word))
    return Query(text, tuple(terms))


def _predicate(body: str) -> tuple[Predicate, str | None]:
    """The test of one term (without its ``-``), and its folded word if a plain word."""
    if body.startswith("#") and len(body) > 1:  # "#zuid": the tag as the app shows it
        body = "tag:" + body
    key, sep, value = body.partition(":")
    key = key.lower()
    key = _KEY_ALIASES.get(key, key)
    if not sep or key not in KEYS:
        if sep and key.isalpha() and key.isascii() and not value.startswith("//"):
            # "soort:x" before it was a key, "fsae:x": a key that matches nothing would
            # silently empty the list, so it is named instead. Words with a colon that
            # cannot be keys ("10:30", "https://…") stay words.
            raise DomainError("error_filter.unknown_key", name=key, value=value)
        word = fold(body)
        return (lambda s: word in s.haystack), word
    if key == "is":
        flag = fold(value)
        flag = FLAG_ALIASES.get(flag, flag)
        if flag not in FLAGS:
            raise DomainError("error.unknown_filter_flag", value=value, flags=", ".join(FLAGS))
        return _flag(flag), None
    if key == "type":
        if value.lower() in {"none", "geen", ""}:
            return (lambda s: s.facets is not None and s.facets.primary is None), None
        agreement_type = parse_type(value)
        if agreement_type is None:
            raise DomainError("error.unknown_type", value=value)
        return (lambda s: s.facets is not None and s.facets.primary is agreement_type), None
    if key == "stage":
        stage = parse_stage(value)
        if stage is None:
            raise DomainError("error.unknown_stage", value=value)
        return (lambda s: s.facets is not None and s.facets.stage is stage), None
    needle = fold(value)
    if key == "tag":
        needle = normalize_tag(needle)  # as tags are stored: "#Zuid" finds zuid
        return (
            lambda s: (
                s.facets is not None
                and any(needle == fold(t) or fold(t).startswith(needle) for t in s.facets.tags)
            )
        ), None
    return (
        lambda s: s.facets is not None and any(needle in fold(n) for n in s.facets.parties)
    ), None


def _flag(flag: str) -> Predicate:
    if flag == "unclassified":
        return lambda s: s.facets is not None and s.facets.primary is None
    if flag == "broken":
        return lambda s: s.broken
    if flag == "divergent":
        return lambda s: s.facets is not None and s.facets.divergent
    if flag == "conflict":
        return lambda s: s.conflicted or (s.facets is not None and s.facets.conflicts)
    return lambda s: s.changed
