"""``samenwerk diagnose REF [--answers 5,4,-,…] [--apply|--store] [--primary TYPE]
[--format text|json]``: the sixteen statements, scored per type.

Without ``--answers`` the statements are asked one by one on the terminal (the questions
go to stderr, so stdout carries only the result). In a pipe there is nobody to ask, so
that is a usage error. Without ``--apply`` or ``--store`` nothing is written: the result
is only printed.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from samenwerk_tui import i18n
from samenwerk_tui.cli import values
from samenwerk_tui.cli.context import Context, UsageError
from samenwerk_tui.domain.text import safe_text

if TYPE_CHECKING:
    from samenwerk_tui.domain.diagnosis import Diagnosis, DiagnosisModel
    from samenwerk_tui.domain.types import AgreementType

ORDER = 65
FORMATS = ("text", "json")
BACK = ("b", "back", "terug", "t")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "diagnose", help=i18n.t("cli.diagnose.help"), description=i18n.t("cli.diagnose.help")
    )
    parser.add_argument("ref", metavar="REF", help=i18n.t("cli.opt_ref"))
    parser.add_argument("--answers", metavar="5,4,-,…", help=i18n.t("cli.diagnose.answers"))
    saving = parser.add_mutually_exclusive_group()
    saving.add_argument("--apply", action="store_true", help=i18n.t("cli.diagnose.apply"))
    saving.add_argument("--store", action="store_true", help=i18n.t("cli.diagnose.store"))
    parser.add_argument("--primary", metavar="TYPE", help=i18n.t("cli.diagnose.primary"))
    parser.add_argument("--format", choices=FORMATS, default="text", help=i18n.t("cli.opt_format"))
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    from samenwerk_tui.domain.assessing import chosen_primary
    from samenwerk_tui.domain.diagnosis import diagnose, parse_answers
    from samenwerk_tui.services import diagnosis as service

    args = ctx.args
    model = service.load_model()
    # Every check on the command line comes before the workspace is touched.
    answers = parse_answers(args.answers, model) if args.answers is not None else None
    if answers is None and not sys.stdin.isatty():
        raise UsageError("cli.diagnose.needs_answers")
    pick = values.agreement_type(args.primary) if args.primary is not None else None
    if pick is not None and not args.apply:
        raise UsageError("error.primary_needs_apply")
    session = ctx.session(write=bool(args.apply or args.store))
    record = ctx.resolve(args.ref)
    asked = answers is None
    if answers is None:
        answers = ask(model, record.partnership.name)
    result = diagnose(model, answers)
    if asked and args.apply and not result.decided and pick is None:
        pick = ask_primary(result)
    if args.apply:
        chosen_primary(result, pick)  # a pick outside the leading types: exit 2, no write
    saved_line = ""
    if args.apply or args.store:
        change = service.assess(session, record.id, answers, apply=args.apply, primary=pick)
        saved_line = _saved_line(change.name, change.file, args.apply)
        if args.apply and not result.decided and pick is None:
            saved_line += "\n" + _primary_kept(result)
    if args.format == "json":
        from samenwerk_tui.services.export import to_json
        from samenwerk_tui.store.workspace import PARTNERSHIPS_DIR

        document = {
            "id": record.id,
            "name": record.partnership.name,
            "file": f"{PARTNERSHIPS_DIR}/{record.name}",
            **service.diagnosis_document(result, answers),
            "stored": bool(args.apply or args.store),
            "applied": bool(args.apply),
        }
        ctx.emit(to_json(document))
        if saved_line:
            sys.stderr.write(safe_text(saved_line, multiline=True) + "\n")
        return 0
    ctx.emit(render(result, record.partnership.name))
    if saved_line:
        ctx.emit(safe_text(saved_line, multiline=True))
    else:
        ctx.emit(i18n.t("cli.diagnose.not_stored"))
    return 0


def render(result: Diagnosis, name: str) -> str:
    """The result for a terminal: scores with bars, label, secondary types, explanation."""
    import textwrap

    from samenwerk_tui.services.diagnosis import explanation_lines, label_meaning, label_name

    lines = [safe_text(name), i18n.t("diagnosis.answered", answered=result.answered,
                                     total=result.total), ""]  # fmt: skip
    lines += score_lines(result)
    label = label_name(result.label)
    meaning = label_meaning(result.label)
    lines += ["", f"{i18n.t('diagnosis.label')}: {label}" + (f" — {meaning}" if meaning else "")]
    secondary = ", ".join(i18n.type_name(t.value) for t in result.secondary)
    lines.append(f"{i18n.t('diagnosis.secondary')}: {secondary or i18n.t('diagnosis.none')}")
    lines += ["", i18n.t("diagnosis.explanation")]
    lines += [
        textwrap.fill(sentence, 78, initial_indent="  ", subsequent_indent="    ")
        for sentence in explanation_lines(result)
    ]
    return "\n".join(lines) + "\n"


def score_lines(result: Diagnosis, cells: int = 20) -> list[str]:
    """One line per type: letter, name, a bar of ``cells`` cells (0-100), the score."""
    from samenwerk_tui.domain.types import AgreementType
    from samenwerk_tui.services.export.common import fit

    out = []
    names = {t: i18n.type_name(t.value) for t in AgreementType}
    name_w = max(len(n) for n in names.values())
    for t in AgreementType:
        score = result.score(t)
        mark = "*" if t is result.primary else " "
        if score is None:
            out.append(f" {mark}{t.badge} {fit(names[t], name_w)}  {i18n.t('diagnosis.no_score')}")
            continue
        full = (score * cells + 50) // 100
        bar = "■" * full + "□" * (cells - full)
        out.append(f" {mark}{t.badge} {fit(names[t], name_w)}  {bar} {score:>3}")
    return out


def ask(model: DiagnosisModel, name: str) -> dict[str, int | None]:
    """Ask the statements one by one on the terminal; ``b`` goes back one statement.

    The end of the input (ctrl+d) stops without writing anything (exit 2).
    """
    from samenwerk_tui.services.diagnosis import statement_text

    out = sys.stderr
    total = len(model.statements)
    out.write(safe_text(i18n.t("cli.diagnose.intro", name=name, total=total)) + "\n")
    answers: dict[str, int | None] = {}
    index = 0
    while index < total:
        statement = model.statements[index]
        text = statement_text(statement.id)
        out.write(f"\n{text.number} ({index + 1}/{total}) {text.text}\n")
        for value, label in enumerate(text.scale, start=1):
            out.write(f"  {value}  {label}\n")
        while True:
            out.write(i18n.t("cli.diagnose.ask"))
            out.flush()
            line = sys.stdin.readline()
            if not line:
                out.write("\n")
                raise UsageError("cli.diagnose.stopped")
            reply = line.strip().lower()
            if reply in BACK:
                index = max(0, index - 1)
                break
            if reply == "-":
                answers[statement.id] = None
                index += 1
                break
            if reply in ("1", "2", "3", "4", "5"):
                answers[statement.id] = int(reply)
                index += 1
                break
            out.write(i18n.t("cli.diagnose.bad_input") + "\n")
    return answers


def ask_primary(result: Diagnosis) -> AgreementType | None:
    """After a tie or an unclear result on a terminal: which leading type is primary?

    Enter keeps the current primary type.
    """
    from samenwerk_tui.services.diagnosis import label_name, type_with_score

    out = sys.stderr
    out.write("\n" + i18n.t("cli.diagnose.choose", label=label_name(result.label)) + "\n")
    for number, t in enumerate(result.candidates, start=1):
        out.write(f"  {number}  {type_with_score(t, result.score(t))}\n")
    while True:
        out.write(i18n.t("cli.diagnose.ask_primary"))
        out.flush()
        line = sys.stdin.readline()
        if not line:
            out.write("\n")
            raise UsageError("cli.diagnose.stopped")
        reply = line.strip()
        if not reply:
            return None
        if reply.isdigit() and 1 <= int(reply) <= len(result.candidates):
            return result.candidates[int(reply) - 1]
        out.write(i18n.t("cli.diagnose.bad_choice", count=len(result.candidates)) + "\n")


def _saved_line(name: str, file: str, applied: bool) -> str:
    from samenwerk_tui.store.workspace import PARTNERSHIPS_DIR

    key = "cli.diagnose.applied" if applied else "cli.diagnose.stored"
    return i18n.t(key, name=name, file=f"{PARTNERSHIPS_DIR}/{file}")


def _primary_kept(result: Diagnosis) -> str:
    from samenwerk_tui.services.diagnosis import label_name

    choices = ", ".join(typable(t) for t in result.candidates)
    return i18n.t("cli.diagnose.primary_kept", label=label_name(result.label), choices=choices)


def typable(agreement_type: AgreementType) -> str:
    """The word a user types for a type in the current language (``leveren``, ``goals``)."""
    from samenwerk_tui.domain.types import DUTCH_ALIASES

    if i18n.language() == "nl":
        for word, ident in DUTCH_ALIASES.items():
            if ident == agreement_type.value:
                return word
    return agreement_type.value
