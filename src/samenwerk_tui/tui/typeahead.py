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

One key at a time: a key handed to a widget is "in flight" until it is done, and the
keys read meanwhile wait. Textual runs a widget's *bindings* (``end``, ``home``, arrows,
``backspace`` in a text area) only when the key has bubbled back up to the app, one
message queue per hop, while the keys behind it go straight into the widget's queue:
without this, ``end`` followed by text puts the text where the cursor was. A key is done
when a marker posted behind it has followed its way up (widget, parents, screen) and
has been handled by the app: every queue is first in, first out, so by then the key was
either taken by a widget on the way or handled by the app. Two short cuts: a key that
comes back up to the app is done once the app has run its binding, and a key a widget
stopped is done there. A marker whose widget is closed (removed before it got there)
counts as done, so nothing waits for it.
"""

from __future__ import annotations

import weakref
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
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
        # The key handed on last, while it is on its way (None: nothing is):
        # (the key, where its marker is now).
        self._flight: tuple[events.Key, MessagePump] | None = None

    def screen_changed(self, screen: Screen[Any]) -> None:
        """Another screen is on top (pushed, or back after a pop): keys wait until it has
        been drawn once. Subscribed to the app's ``screen_change_signal``, immediate."""
        self._settling = screen
        self._flight = None  # a key still on its way belongs to a screen that was left
        if not screen.call_after_refresh(self._settled, screen):
            self._settling = None  # it is closing: nothing will be drawn

    async def takes(self, event: events.Event) -> bool:
        """Whether ``event`` is taken here (the app must not handle it itself).

        Called for every event the app gets: a key it reads from the terminal is handed on
        and followed, or waits while a screen is being set up or a key before it is still
        on its way; a key that comes back unhandled from a screen that is no longer on top
        waits for the new one.
        """
        if not isinstance(event, events.Key):
            self._check_flight()
            return False
        if event.is_forwarded:
            read_on = self._read_on.pop(event, None)
            if read_on is None or read_on is self.app.screen:
                return False  # the app handles it, then says so (:meth:`returned`)
            event.stop()
            if self._in_flight(event):
                self._flight = None
            self.late(event)
            return True
        settling = self._settling
        if settling is not None and settling is not self.app.screen:
            self._settling = None  # gone (or covered) before it was drawn
            self.app.call_later(self.release)
        self._check_flight()
        if self._settling is None and self._flight is None and not self._late and not self._held:
            await self.handle(event)
            return True
        self._held.append(event)
        return True

    async def returned(self, event: events.Event) -> None:
        """The app has handled ``event``; a key on its way that came back up to the app
        (its bindings ran) is done: the next one goes now."""
        if isinstance(event, events.Key) and self._in_flight(event):
            self._flight = None
            await self.release()

    async def handle(self, event: events.Key) -> None:
        """Hand one key read from the terminal on (as Textual would) and follow it."""
        self._read_on[event] = self.app.screen
        await self._forward(event)
        if event.is_forwarded:  # not a priority binding the app ran at once
            target: MessagePump = self.app.focused or self.app.screen
            self._follow(event, target)

    def _in_flight(self, event: events.Key) -> bool:
        return self._flight is not None and self._flight[0] is event

    def _follow(self, event: events.Key, node: MessagePump) -> None:
        """Post a marker behind ``event`` in ``node``'s queue."""
        self._flight = (event, node)
        if not node.call_later(self._marker, event, node):
            self._landed(event)  # ``node`` is closing (or disabled): the key goes no further

    async def _marker(self, event: events.Key, node: MessagePump) -> None:
        """``node`` has handled the key: it stopped there, or it waits in the parent's
        queue, ahead of the marker posted there now."""
        if not self._in_flight(event):
            return
        parent = node._parent
        if node is self.app:  # the app's task: the next key can go at once
            self._flight = None
            await self.release()
        elif parent is None or (event._stop_propagation and parent is not self.app):
            # Taken here. (Below the screen a stop means it went no further; the screen
            # stops a key it still hands to the app, its sender, so there the marker
            # follows it up.)
            self._landed(event)
        else:
            self._follow(event, parent)

    def _landed(self, event: events.Key) -> None:
        if self._in_flight(event):
            self._flight = None
            self.app.call_later(self.release)

    def _check_flight(self) -> None:
        """A marker in the queue of a widget that was closed never runs: the key is done."""
        if self._flight is not None:
            key, node = self._flight
            if node._closing or node._closed:
                self._landed(key)

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
        """Hand the next kept key on; the one after it goes when it is done (or at once
        when the app ran it as a priority binding). Nothing goes while a screen is set up."""
        while self._settling is None and self._flight is None and (self._late or self._held):
            event = (self._late or self._held).popleft()
            await self.handle(event)
