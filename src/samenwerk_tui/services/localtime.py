"""Times as a person reads them: in the local time zone of the machine.

Files, JSON and CSV keep UTC (DESIGN §2); what a person reads on screen (the app's notes,
history and dates; ``samenwerk show`` and the Markdown and HTML reports) is in local
time, the report forms labelled with the zone, so a Dutch advisor reads 10:41 for a note
saved at 09:41 UTC in winter. The zone is the machine's (``TZ`` where set).
"""

from __future__ import annotations

from datetime import datetime


def local(value: datetime) -> datetime:
    """``value`` (aware) in the machine's local time zone."""
    return value.astimezone()


def minute(value: datetime) -> str:
    """``2026-03-04 10:41`` in local time (on screen, where the zone goes without saying)."""
    return local(value).strftime("%Y-%m-%d %H:%M")


def day(value: datetime) -> str:
    """``2026-03-04``, the local date."""
    return local(value).strftime("%Y-%m-%d")


def labelled(value: datetime) -> str:
    """``2026-03-04 10:41 CET``: local time with its zone (text and reports)."""
    moment = local(value)
    zone = moment.tzname() or moment.strftime("%z")
    return f"{moment.strftime('%Y-%m-%d %H:%M')} {zone}"
