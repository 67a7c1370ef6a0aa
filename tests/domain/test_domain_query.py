"""The filter language an advisor types in the TUI filter box and after ``--filter``."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samenwerk_tui import i18n
from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Conflict, DomainError, Partnership, Party
from samenwerk_tui.domain.query import Subject, haystack, parse_query
from samenwerk_tui.domain.types import AgreementType, Stage

T0 = datetime(2026, 11, 26, 9, 12, tzinfo=UTC)


def make(name: str, **kw: object) -> Partnership:
    primary = kw.pop("primary", None)
    note = kw.pop("note", None)
    p = edits.new_partnership(name, now=T0, **kw)  # type: ignore[arg-type]
    if primary is not None:
        p = edits.classify(p, by="Anna", primary=primary, now=T0)
    if note is not None:
        p, _ = edits.add_note(p, str(note), author="Anna", tags=["Risico"], now=T0)
    return p


SENSEO = make(
    "Senseo",
    summary="Koffiezetapparaat voor thuis",
    tags=["consumer", "product"],
    parties=[Party("Philips", "co-principal"), Party("Douwe Egberts", "co-principal")],
    stage=Stage.EXECUTE,
    primary=AgreementType.DELIVER,
    note="Contract herzien in 2027",
)
JOGG = make(
    "Jongeren Op Gezond Gewicht",
    summary="Gezonde leefstijl in gemeenten",
    tags=["zorg", "jeugd"],
    parties=[Party("Gemeente Zwolle", "regie")],
    stage=Stage.SHAPE,
    primary=AgreementType.MOVEMENT,
)
ZORG = make("Zoë's zorgnetwerk", summary="Palliatieve zorg", tags=["zorgnetwerk"])
ALL = [SENSEO, JOGG, ZORG]


def names(
    query: str,
    partnerships: list[Partnership] = ALL,
    *,
    changed: bool = False,
    conflicted: bool = False,
) -> list[str]:
    """The names ``query`` lets through, each partnership in the given git state."""
    q = parse_query(query)
    return [
        p.name
        for p in partnerships
        if q.matches(Subject(p, haystack(p), changed=changed, conflicted=conflicted))
    ]


def test_an_empty_query_matches_everything() -> None:
    assert parse_query("").is_empty
    assert names("  ") == [p.name for p in ALL]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("senseo", ["Senseo"]),  # name
        ("koffiezet", ["Senseo"]),  # summary, part of a word
        ("philips", ["Senseo"]),  # party name
        ("co-principal", ["Senseo"]),  # party role
        ("jeugd", ["Jongeren Op Gezond Gewicht"]),  # tag
        ("contract", ["Senseo"]),  # note text
        ("risico", ["Senseo"]),  # note tag
    ],
)
def test_words_search_name_summary_parties_tags_and_notes(query: str, expected: list[str]) -> None:
    assert names(query) == expected


def test_words_ignore_case_and_accents() -> None:
    assert names("ZOE") == names("zoë") == names("Zoe\u0308") == ["Zoë's zorgnetwerk"]
    assert names("SENSEO") == ["Senseo"]


def test_terms_combine_with_and_and_minus_negates() -> None:
    assert names("zorg gemeenten") == ["Jongeren Op Gezond Gewicht"]
    assert names("zorg -gemeenten") == ["Zoë's zorgnetwerk"]
    assert names("-zorg") == ["Senseo"]


def test_quoted_phrases_match_as_one_term() -> None:
    assert names('"douwe egberts"') == ["Senseo"]
    assert names('"egberts douwe"') == []
    assert names("'voor thuis'") == ["Senseo"]


def test_an_unbalanced_quote_still_searches_instead_of_failing() -> None:
    assert names("zoë's") == ["Zoë's zorgnetwerk"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type:deliver", ["Senseo"]),
        ("type:movement", ["Jongeren Op Gezond Gewicht"]),
        ("type:beweging", ["Jongeren Op Gezond Gewicht"]),
        ("TYPE:Leveren", ["Senseo"]),
        ("type:none", ["Zoë's zorgnetwerk"]),
        ("type:geen", ["Zoë's zorgnetwerk"]),
        ("-type:deliver", ["Jongeren Op Gezond Gewicht", "Zoë's zorgnetwerk"]),
        ("type:goals", []),
    ],
)
def test_type_filters_the_primary_type_in_english_or_dutch(query: str, expected: list[str]) -> None:
    assert names(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stage:execute", ["Senseo"]),
        ("stage:uitvoeren", ["Senseo"]),
        ("stage:vormgeven", ["Jongeren Op Gezond Gewicht"]),
        ("stage:verkennen", ["Zoë's zorgnetwerk"]),
        ("-stage:explore", ["Senseo", "Jongeren Op Gezond Gewicht"]),
    ],
)
def test_stage_filters_in_english_or_dutch(query: str, expected: list[str]) -> None:
    assert names(query) == expected


def test_tag_matches_whole_tags_or_their_beginning() -> None:
    assert names("tag:zorg") == ["Jongeren Op Gezond Gewicht", "Zoë's zorgnetwerk"]
    assert names("tag:zorgnetwerk") == ["Zoë's zorgnetwerk"]
    assert names("tag:duct") == []
    assert names("tag:PRODUCT") == ["Senseo"]


def test_a_tag_written_as_shown_with_a_hash_finds_it() -> None:
    zuid = make("Zuid", tags=["#zuid"])  # typed with its hash, stored without
    assert zuid.tags == ("zuid",)
    assert names("tag:zuid", [*ALL, zuid]) == ["Zuid"]
    assert names("#zuid", [*ALL, zuid]) == ["Zuid"]
    assert names("tag:#zuid", [*ALL, zuid]) == ["Zuid"]
    assert names("-#zorg") == ["Senseo"]


def test_party_matches_part_of_a_party_name() -> None:
    assert names("party:philips") == ["Senseo"]
    assert names("party:zwolle") == ["Jongeren Op Gezond Gewicht"]
    assert names("party:regie") == []  # roles are not party names


def test_is_flags() -> None:
    assert names("is:unclassified") == ["Zoë's zorgnetwerk"]
    assert names("is:changed", [SENSEO], changed=True) == ["Senseo"]
    assert names("is:changed", [SENSEO]) == []
    assert names("-is:changed", [SENSEO]) == ["Senseo"]
    assert names("is:conflict") == []
    conflicted = SENSEO.replace(conflicts=(Conflict("stage", "execute", "shape"),))
    assert names("is:conflict", [conflicted]) == ["Senseo"]
    assert names("is:conflict", [SENSEO], conflicted=True) == ["Senseo"]


def test_broken_files_match_by_file_name_and_is_broken_only() -> None:
    broken = Subject(None, "senseo-k3f9qa.toml", broken=True)
    assert parse_query("is:broken").matches(broken)
    assert parse_query("senseo").matches(broken)
    assert not parse_query("type:deliver").matches(broken)
    assert not parse_query("tag:zorg").matches(broken)
    assert not parse_query("is:unclassified").matches(broken)
    assert not parse_query("is:broken").matches(Subject(SENSEO, haystack(SENSEO)))


def test_qualifiers_combine() -> None:
    assert names("tag:zorg type:beweging -party:utrecht stage:shape") == [JOGG.name]


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("is:nonsense", "error.unknown_filter_flag"),
        ("type:project", "error.unknown_type"),
        ("-type:project", "error.unknown_type"),
        ("stage:later", "error.unknown_stage"),
        ("stage:", "error.unknown_stage"),
    ],
)
def test_unknown_flags_types_and_stages_are_errors_not_empty_results(query: str, key: str) -> None:
    with pytest.raises(DomainError) as info:
        parse_query(query)
    assert info.value.key == key


def test_urls_and_times_are_plain_words_but_an_unknown_key_is_named() -> None:
    assert names("https://example.org") == []
    assert names("10:30") == []
    # "kleur:rood" would silently empty the list; it says which keys there are instead.
    for text in ("kleur:rood", "foo:bar", "-kleur:rood"):
        with pytest.raises(DomainError) as raised:
            parse_query(text)
        assert raised.value.key == "error_filter.unknown_key"
        assert raised.value.params["name"] == text.lstrip("-").split(":")[0]


def test_dutch_keys_and_values_say_which_values_exist() -> None:
    p = edits.new_partnership("Gezond Opgroeien", now=T0, stage=Stage.SHARE)
    subject = Subject(p, haystack="")
    assert parse_query("soort:geen").matches(subject)
    assert parse_query("fase:delen").matches(subject)
    assert not parse_query("soort:beweging").matches(subject)
    for text, key in (("fase:xyz", "error.unknown_stage"), ("soort:foo", "error.unknown_type")):
        with pytest.raises(DomainError) as raised:
            parse_query(text)
        assert raised.value.key == key
        i18n.set_language("nl")
        try:
            sentence = i18n.text_of(raised.value)
        finally:
            i18n.set_language("en")
        assert "gebruik" in sentence  # the values that exist, in Dutch


def test_a_dutch_advisor_can_filter_without_typing_english() -> None:
    p = edits.new_partnership("Gezond Opgroeien", now=T0, stage=Stage.AGREE, tags=["zorg"])
    subject = Subject(p, haystack="")
    for text in ("label:zorg", "fase:overeenkomen", "is:ongetypeerd", "-fase:afgerond"):
        assert parse_query(text).matches(subject), text
    assert not parse_query("fase:afbouwen").matches(subject)
    assert not parse_query("is:onleesbaar").matches(subject)


# ---------------------------------------------------------------- typing on narrows


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("z", "zo"),
        ("zo", "zorg"),
        ("zorg", "zorg r"),
        ("zorg r", "zorg regio"),
        ("org", "zorg"),  # a word inside a longer one
        ("type:goals", "type:goals zorg"),
        ("-zorg", "-zorg regio"),  # the same negated term, and one more
        ("", "zorg"),
    ],
)
def test_typing_on_narrows_the_query(before: str, after: str) -> None:
    assert parse_query(after).narrows(parse_query(before))


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("zorg", "zo"),  # a shorter word finds more
        ("zorg regio", "zorg"),  # a word taken away
        ("-zo", "-zorg"),  # negating a longer word leaves more
        ("zo", "-zorg"),
        ("type:", "type:goals"),  # "type:" alone is "no type"
        ("tag:z", "tag:zo"),  # qualified terms only narrow by being the same
        ("zorg", "type:goals"),
    ],
)
def test_other_changes_do_not_narrow(before: str, after: str) -> None:
    assert not parse_query(after).narrows(parse_query(before))


WORDS = st.text(alphabet="abzorgé -", min_size=0, max_size=12)


@given(haystacks=st.lists(WORDS, min_size=1, max_size=8), before=WORDS, typed=WORDS)
def test_a_narrowing_query_never_matches_what_the_wider_one_does_not(
    haystacks: list[str], before: str, typed: str
) -> None:
    """The law the filter box relies on to test only what the last keystroke let through."""
    wider, narrower = parse_query(before), parse_query(before + typed)
    if not narrower.narrows(wider):
        return
    for text in haystacks:
        subject = Subject(None, text)
        if narrower.matches(subject):
            assert wider.matches(subject)
