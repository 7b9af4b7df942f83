"""Pause Python's cycle collector while a step builds many objects that hold no cycles.

The collector runs whenever enough new containers have been made, and its full passes walk every live
object; reading 2,000 concepts makes several hundred thousand dicts, lists and nodes, and assembling
makes one Oxigraph triple per statement, so the passes cost a large share of both steps while finding
nothing to free (none of these objects refer back to each other in a loop). Pausing it for the step
and resuming it after frees the same memory, only later.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cycle collector paused, and resume it after (if it was running before).

    >>> with paused_gc():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
