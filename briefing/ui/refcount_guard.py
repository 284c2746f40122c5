"""A guard against a PySide6 bug that wears away the reference counts of None, True and False.

PySide6 6.12.0 drops one reference to the value a Python override returns (paintEvent, paint,
itemChange...), on every call. On Python 3.12 and later these objects are immortal and nothing
happens; on 3.11 their counts fall with every repaint until Python aborts with "none_dealloc:
deallocating None" (pyqtgraph paints a lot, so a window dies within minutes). This makes them
as good as immortal on 3.11 too, the way 3.12 does, by giving them a very large count. Remove it
once the project requires Python 3.12 or a PySide6 without the bug.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # more references than a process could ever drop


def make_singletons_immortal() -> None:
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt is the first field
        if count.value < _HEADROOM:
            count.value += _HEADROOM
