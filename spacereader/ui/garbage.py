"""Python's cyclic garbage collector, run on the GUI thread only.

When the collector runs on a worker thread and frees a Qt object caught in a
reference cycle, the object's C++ destructor runs there: it takes Qt's
connection lock, then waits for the GIL, while the GUI thread holds the GIL and
waits for that lock in a connect() — a deadlock (seen in the widget tests, with
an extractor thread loading the gazetteer). So while the app runs, automatic
collection is off and a timer on the GUI thread collects, generation by
generation, as the collector's own thresholds would. Objects without cycles are
still freed at once by reference counting, on whatever thread drops them.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Turns automatic collection off while it lives, and collects on its timer."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
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
        if generation >= 0:
            gc.collect(generation)
        return generation

    def stop(self) -> None:
        """Collect everything here, then give collection back to Python."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
