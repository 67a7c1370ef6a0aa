"""The coloured badge that stands for a type everywhere: its digit on the type's colour."""

from __future__ import annotations

from textual.content import Content

from samenwerk_tui.domain.types import AgreementType


def type_chip(agreement_type: AgreementType | None) -> Content:
    """The coloured digit that stands for a type everywhere (colour *and* digit)."""
    if agreement_type is None:
        return Content.styled(" · ", "$text-muted")
    return Content.styled(
        f" {agreement_type.badge} ", f"bold $background on $type-{agreement_type.value}"
    )
