"""Run a step of the build in a forked child while the parent goes on with the next ones.

The build has steps that need only what an earlier step made and that nothing later needs until the end
(SHACL validation needs the assembled triples; the HTML view needs the analysis). On a machine that can
fork, each runs in a child that shares the parent's memory copy-on-write, so nothing is pickled but the
result; the parent waits for it only when it writes the outputs. Where fork is not available the step
simply runs at once, in the parent.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

__all__ = ["Alongside", "alongside"]

T = TypeVar("T")


class Alongside(Generic[T]):
    """A step started by :func:`alongside`: :meth:`result` waits for it, and :attr:`seconds` is the time
    it took where it ran."""

    def __init__(self, wait: Callable[[], tuple[T, float]]):
        self._wait = wait
        self._done: tuple[T, float] | None = None

    def result(self) -> T:
        """The step's return value, once it has finished; an exception it raised is raised here."""
        if self._done is None:
            self._done = self._wait()
        return self._done[0]

    @property
    def seconds(self) -> float:
        """Wall seconds the step took in its own process (waits for it)."""
        self.result()
        assert self._done is not None
        return self._done[1]


def _timed(function: Callable[..., T], *args: Any) -> tuple[T, float]:
    """``function(*args)`` and the wall seconds it took."""
    started = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - started


def _child(connection: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """Child process body: run the step and send back ``("value", (value, seconds))`` or
    ``("error", exception)``."""
    try:
        try:
            message: tuple[str, Any] = ("value", _timed(function, *args))
        except Exception as error:
            message = ("error", error)
        connection.send(message)
    finally:
        connection.close()


def alongside(name: str, function: Callable[..., T], *args: Any) -> Alongside[T]:
    """Start ``function(*args)`` in a forked child (at once, here, where fork is not available).

    ``name`` says which step it is in the error raised if the child dies without an answer.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        done = _timed(function, *args)
        return Alongside(lambda: done)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args), daemon=True)
    child.start()
    sender.close()

    def wait() -> tuple[T, float]:
        try:
            kind, payload = receiver.recv()
        except EOFError:
            raise RuntimeError(f"{name} ended without an answer (exit code {child.exitcode})") from None
        finally:
            child.join()
            receiver.close()
        if kind == "error":
            raise payload
        return payload

    return Alongside(wait)
