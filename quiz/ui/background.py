"""Slow work (a passphrase's key derivation, about a second) off the UI thread, so the app stays live.

The work runs in a daemon thread: the screen keeps drawing, and ctrl+q leaves at once without waiting
for it (the thread holds nothing that must be finished or written).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def off_thread(job: Callable[[], T]) -> asyncio.Future[T]:
    """Start `job` in a daemon thread; the future has its result or its exception."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if future.done():  # cancelled meanwhile (the screen went away)
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def run() -> None:
        try:
            result: T | None = job()
            error: BaseException | None = None
        except BaseException as exc:  # handed to the awaiting code, which decides what to say
            result, error = None, exc
        try:
            loop.call_soon_threadsafe(settle, result, error)
        except RuntimeError:  # the app has closed meanwhile (ctrl+q): nobody is waiting
            pass

    threading.Thread(target=run, name="quiz-background", daemon=True).start()
    return future
