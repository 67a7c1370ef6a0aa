"""Report sections shared by the text, Markdown and HTML renderings: the advisors'
diagnoses side by side, and the portfolio (counts, stage × type, profile, lists)."""

from __future__ import annotations

from collections.abc import Sequence

from samenwerk_tui import i18n
from samenwerk_tui.domain.diagnosis import round_half_away
from samenwerk_tui.domain.divergence import DIVERGENCE_POINTS, Divergence, latest_by_rater
from samenwerk_tui.domain.divergence import compare as compare_raters
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.services.export.common import fit, md, safe, short_stage, when
from samenwerk_tui.services.portfolio import Item, Portfolio

ADVISOR_CELLS = 16


def type_title(t: AgreementType | None) -> str:
    """``D Samen leveren``; for None ``· Nog niet getypeerd``."""
    if t is None:
        return f"· {i18n.t('portfolio.unclassified')}"
    return f"{t.badge} {i18n.type_name(t.value)}"


# --------------------------------------------------------------------------- several advisors


def divergence_sentence(split: Divergence) -> str:
    """Why the advisors disagree, or that they agree (one sentence)."""
    if len(split.raters) < 2:
        return i18n.t("assessments.single")
    if not split.divergent:
        return i18n.t("assessments.agree")
    reasons = []
    if split.leading_differs:
        reasons.append(i18n.t("assessments.leading_differs"))
    if split.far_apart:
        names = ", ".join(i18n.type_name(t.value) for t in split.far_apart)
        reasons.append(i18n.t("assessments.far_apart", types=names, points=DIVERGENCE_POINTS))
    return i18n.t("assessments.divergent", reasons="; ".join(reasons))


def advisors(p: Partnership) -> Divergence | None:
    """The advisors' latest diagnoses compared (also with one advisor); None without any."""
    raters = latest_by_rater(p.assessments)
    return compare_raters(raters) if raters else None


def assessment_lines(p: Partnership) -> list[str]:
    """The diagnoses as a text table: one column per advisor (latest), types as rows."""
    split = advisors(p)
    if split is None:
        return []
    out = [i18n.t("assessments.title")]
    names = {t: f"{t.badge} {i18n.type_name(t.value)}" for t in AgreementType}
    names_w = max(len(n) for n in names.values())

    def row(label: str, cells: list[str]) -> str:
        return (
            "  " + fit(label, names_w) + "".join("  " + fit(c, ADVISOR_CELLS) for c in cells)
        ).rstrip()

    for start in range(0, len(split.raters), 3):  # three advisors fit in 80 columns
        raters = split.raters[start : start + 3]
        out.append(row("", [safe(r.by) for r in raters]))
        for t in AgreementType:
            out.append(row(names[t], [str(r.scores[t]) if t in r.scores else "–" for r in raters]))
        out.append(row(i18n.t("assessments.when"), [when(r.at)[:10] for r in raters]))
    earlier = [r for r in split.raters if r.count > 1]
    for r in earlier:
        out.append(f"  {safe(r.by)}: {i18n.t('assessments.earlier', count=r.count - 1)}")
    if len(split.raters) > 1:
        out.append("  " + divergence_sentence(split))
    return out


def assessment_markdown(p: Partnership) -> list[str]:
    """The same table in Markdown."""
    split = advisors(p)
    if split is None:
        return []
    head = [i18n.t("export.type"), *(md(r.by) for r in split.raters)]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for t in AgreementType:
        cells = [str(r.scores[t]) if t in r.scores else "–" for r in split.raters]
        out.append(f"| {t.badge} {i18n.type_name(t.value)} | " + " | ".join(cells) + " |")
    dates = [when(r.at)[:10] for r in split.raters]
    out.append(f"| {i18n.t('assessments.when')} | " + " | ".join(dates) + " |")
    if len(split.raters) > 1:
        out += ["", md(divergence_sentence(split))]
    return out


# --------------------------------------------------------------------------- portfolio


def profile_value(value: float) -> str:
    """A mean score with one decimal, in the language's own notation (3,5 / 3.5)."""
    tenths = round_half_away(value * 10)  # 3.25 -> 3.3, as everywhere in the product
    text = f"{tenths // 10}.{tenths % 10}"
    return text.replace(".", ",") if i18n.language() == "nl" else text


def columns() -> list[AgreementType | None]:
    return [*AgreementType, None]


def portfolio_markdown(pf: Portfolio, level: int = 2) -> list[str]:
    """The portfolio sections in Markdown: counts, matrix, profile and the four lists."""
    h = "#" * level
    out = [f"{h} {i18n.t('portfolio.by_type')}", ""]
    for t in columns():
        out.append(f"- {type_title(t)}: {pf.by_type[t]}")
    out += ["", f"{h} {i18n.t('portfolio.matrix')}", ""]
    head = [i18n.t("portfolio.stage"), *(t.badge if t else "·" for t in columns()),
            i18n.t("portfolio.total")]  # fmt: skip
    out += ["| " + " | ".join(head) + " |", "|---" + "|---:" * (len(head) - 1) + "|"]
    for stage in pf.stages_in_use:
        row = pf.matrix[stage]
        cells = [str(row[t]) for t in columns()] + [str(sum(row.values()))]
        out.append(f"| {i18n.stage_name(stage.value)} | " + " | ".join(cells) + " |")
    out += ["", f"{h} {i18n.t('portfolio.profile')}", ""]
    if pf.profile is None:
        out.append(i18n.t("portfolio.no_profile"))
    else:
        out.append(i18n.t("portfolio.profile_note", count=pf.classified))
        out.append("")
        out += [f"- {type_title(t)}: {profile_value(v)}" for t, v in pf.profile.items()]
    for title, items in portfolio_lists(pf):
        out += ["", f"{h} {title}", ""]
        out += [f"- {item_markdown(i)}" for i in items] or [f"*{i18n.t('portfolio.none')}*"]
    return out


def portfolio_lists(pf: Portfolio) -> list[tuple[str, Sequence[Item]]]:
    """The four lists with their titles, in the order reports show them."""
    return [
        (i18n.t("portfolio.unclassified"), pf.unclassified),
        (i18n.t("portfolio.divergent"), pf.divergent),
        (i18n.t("portfolio.conflicting"), pf.conflicting),
        (i18n.t("portfolio.stale", days=pf.stale_days), pf.stale),
    ]


def item_markdown(item: Item) -> str:
    return (
        f"{md(item.name)} · {short_stage(item.stage)} · "
        f"{i18n.t('portfolio.last_updated', when=when(item.updated))}"
    )
