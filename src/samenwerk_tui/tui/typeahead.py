"""Keys typed while a new screen is still being set up wait for it, then reach it in order.

A terminal hands the app a burst of keys at once: ``a`` and the first words of a note,
typed fast or pasted. Textual hands every key to the widget that has focus *when it reads
the key*, so without this the letters behind ``a`` are lost in two ways:

- read before ``a`` took effect, they went to the list, which had focus then; they come
  back to the app (no widget takes them) after the note form is already on top, where
  they are nobody's;
- read after the form was pushed but before it was drawn, they go to a screen whose
  field has no focus yet, and are dropped.

:class:`TypeAhead` keeps both in order and hands them to the new screen once it has been
drawn (and has given focus to its first field), as if they had been typed then: first the
keys read for the screen that was left ("late"), then those read while the new one was
set up ("held"). A key is "late" when it comes back to the app unhandled while another
screen than the one it was read on is on top. Nothing waits on a clock: a screen that is
gone before it was drawn releases the keys too.
"""

from __future__ import annotations

import weakref
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.screen import Screen

Forward = Callable[[events.Event], Awaitable[None]]


class TypeAhead:
    """The keys waiting for a screen that is being set up."""

    def __init__(self, app: App[Any], forward: Forward) -> None:
        """``forward``: how the app handles a key it reads (Textual's own ``on_event``)."""
        self.app = app
        self._forward = forward
        self._settling: Screen[Any] | None = None
        self._late: deque[events.Key] = deque()
        self._held: deque[events.Key] = deque()
        self._read_on: weakref.WeakKeyDictionary[events.Key, Screen[Any]] = (
            weakref.WeakKeyDictionary()
        )

    def screen_changed(self, screen: Screen[Any]) -> None:
        """Another screen is on top (pushed, or back after a pop): keys wait until it has
        been drawn once. Subscribed to the app's ``screen_change_signal``, immediate."""
        self._settling = screen
        if not screen.call_after_refresh(self._settled, screen):
            self._settling = None  # it is closing: nothing will be drawn

    def holds(self, event: events.Event) -> bool:
        """Whether the app must not handle ``event`` now (it is kept, and handed on later).

        Called for every message the app gets: a key it reads from the terminal waits
        while a screen is being set up (or while keys before it wait); a key that comes
        back unhandled from a screen that is no longer on top waits for the new one.
        """
        if not isinstance(event, events.Key):
            return False
        if event.is_forwarded:
            read_on = self._read_on.pop(event, None)
            if read_on is None or read_on is self.app.screen:
                return False
            event.stop()
            self.late(event)
            return True
        settling = self._settling
        if settling is not None and settling is not self.app.screen:
            self._settling = None  # gone (or covered) before it was drawn
            self.app.call_later(self.release)
        if self._settling is None and not self._late and not self._held:
            self._read_on[event] = self.app.screen
            return False
        self._held.append(event)
        return True

    def late(self, event: events.Key) -> None:
        """A key read for a screen that is no longer on top: it goes to the one that is,
        before the keys read after it."""
        self._late.append(events.Key(event.key, event.character))
        if self._settling is None:
            self.app.call_later(self.release)

    def _settled(self, screen: Screen[Any]) -> None:
        if self._settling is screen:
            self._settling = None
            self.app.call_later(self.release)

    async def release(self) -> None:
        """Hand the kept keys on in order; stop at a key that brings another screen up."""
        while self._settling is None and (self._late or self._held):
            event = (self._late or self._held).popleft()
            self._read_on[event] = self.app.screen
            await self._forward(event)
