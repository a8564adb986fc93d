"""Start-up without the garbage collector's repeated passes over everything just imported.

Starting the app imports Textual and quiz: tens of thousands of objects (classes, functions, styles)
that live as long as the program. Left alone, Python's collector walks them again and again while the
app starts, about a tenth of a second in bench/startup.py. `hold()` pauses collection while a command
starts. `release()` resumes it; for a long-running program (the app, once it has settled, or the plain
runner) it first collects what start-up left behind, then moves everything still alive into the
permanent generation (gc.freeze), so later passes only look at what is new.

Only the real program start holds (the command line run as a process), never a test calling `main()`.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> bool:
    """Pause collection for start-up, if it is running; True when this call paused it."""
    global _held
    if _held or not gc.isenabled():
        return False
    gc.disable()
    _held = True
    return True


def release(*, freeze: bool = False) -> None:
    """End start-up and collect again; with `freeze`, after one full pass, keep what is left out of
    later passes. Does nothing unless `hold()` paused collection."""
    global _held
    if _held:
        _held = False
        if freeze:
            gc.collect()
            gc.freeze()
        gc.enable()
