"""Python's cyclic garbage collector, run on the GUI thread only.

When the collector runs on a worker thread and frees a Qt object caught in a
reference cycle, the object's C++ destructor runs there: it takes Qt's
connection lock, then waits for the GIL, while the GUI thread holds the GIL and
waits for that lock in a connect() — a deadlock (seen in the widget tests, with
an extractor thread loading the gazetteer). So while the app runs, automatic
collection is off and a timer on the GUI thread collects, generation by
generation, as the collector's own thresholds would. Objects without cycles are
still freed at once by reference counting, on whatever thread drops them.

The timer is short: a collection walks every object that came since the last,
and a worker parsing a large text makes hundreds of thousands a second (half a
second of them took 60 ms to walk). As Python itself does, the oldest
generation, which holds everything long-lived, is walked again only once it
has grown by a quarter since it was last walked whole.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 50
# The oldest generation is collected once it has grown by this share since its last collection.
OLDEST_GROWTH = 0.25
# Collectors alive (two app objects may overlap, as in tests), and whether automatic
# collection was on before the first: the last one to stop puts it back.
_alive = 0
_was_enabled = True


class GuiThreadCollector(QObject):
    """Turns automatic collection off while any lives, and collects on its timer."""

    def __init__(self, parent: QObject | None = None) -> None:
        global _alive, _was_enabled  # noqa: PLW0603 - gc's switch is process-wide too
        super().__init__(parent)
        if _alive == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _alive += 1
        self._stopped = False
        self._long_lived = len(gc.get_objects(generation=2))  # after its last collection
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation whose threshold is exceeded; -1 if none is."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = -1
        for number in range(3):
            if counts[number] <= thresholds[number]:
                break
            generation = number
        if generation == 2:
            grown = len(gc.get_objects(generation=2)) - self._long_lived
            if grown <= self._long_lived * OLDEST_GROWTH:
                generation = 1
        if generation >= 0:
            gc.collect(generation)
        if generation == 2:
            self._long_lived = len(gc.get_objects(generation=2))
        return generation

    def stop(self) -> None:
        """Collect everything here; the last collector gives collection back to Python."""
        global _alive  # noqa: PLW0603 - see __init__
        if self._stopped:
            return
        self._stopped = True
        self._timer.stop()
        gc.collect()
        _alive -= 1
        if _alive == 0 and _was_enabled:
            gc.enable()
