"""A per-document time limit: one document that takes too long fails alone, the run goes on.

The rules run in linear time on any input (benchmarks/adversarial.py), but a corpus of
10⁵ scraped files can still hold a document no one foresaw, and one stalled document must
not stall the run. `deadline(seconds)` raises `DocumentTimeout` in the thread that runs
the document once the time is up. It works in any thread (the local runner's main thread,
a Dask worker's task thread): a watchdog thread raises the exception asynchronously with
CPython's `PyThreadState_SetAsyncExc`, which the interpreter delivers at the next bytecode
boundary. Code inside a single C call (one regular expression scan) finishes that call
first; every scan of the rules is bounded, so that is a short wait.

`DocumentTimeout` derives from `BaseException`, not `Exception`, so that spaCy's error
handlers and the runner's own `except Exception` do not mistake it for a failure of the
document's content and retry it.
"""

from __future__ import annotations

import contextlib
import ctypes
import threading
from collections.abc import Iterator

from ..errors import TimeLimitError


class DocumentTimeout(BaseException):
    """The time limit of one document ran out."""


def limit_message(name: str, seconds: float) -> str:
    """The reason a timed-out document's manifest record gives."""
    return str(
        TimeLimitError(
            f"{name}: took longer than the time limit of {seconds:g} s per document and was stopped; "
            "the other documents went on. Raise --time-limit (time_limit=) to give it more time"
        )
    )


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise `DocumentTimeout` in this thread if the block runs longer than `seconds` (None: no limit)."""
    if seconds is None:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"running": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["running"]:
                state["fired"] = True
                _raise_in(target, DocumentTimeout)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["running"] = False
            if state["fired"]:
                _raise_in(target, None)  # withdraw an exception not delivered yet: the block is over
        timer.cancel()


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Schedule `exception` in the thread `thread_id` (None: cancel a scheduled one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception is not None else None
    )
