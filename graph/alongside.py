"""Run a step of the build in a forked child while the parent goes on with the next ones.

The build has steps that need only what an earlier step made and that nothing later needs until the end
(SHACL validation needs the assembled triples; the HTML view needs the analysis). On a machine that can
fork, each runs in a child that shares the parent's memory copy-on-write, so nothing is pickled but the
result; the parent waits for it only when it writes the outputs. Where fork is not available the step
simply runs at once, in the parent.

A step whose child has slow preparations of its own (imports, loading compiled code) can be forked
before its input exists (:func:`standing_by`): the child prepares while the parent reads and assembles,
on the core that is otherwise idle then, and the parent sends it its input when it has it.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

__all__ = ["Alongside", "StandingBy", "alongside", "standing_by"]

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


def _answer(connection: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """Run the step and send back ``("value", (value, seconds))`` or ``("error", exception)``."""
    try:
        message: tuple[str, Any] = ("value", _timed(function, *args))
    except Exception as error:  # any failure goes back to the parent, which raises it
        message = ("error", error)
    connection.send(message)


def _child(connection: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """Child process body: run the step and send its answer back."""
    try:
        _answer(connection, function, args)
    finally:
        connection.close()


def _standing_child(connection: Connection, parent_end: Connection, prepare: Callable[..., Any],
                    args: tuple[Any, ...]) -> None:
    """Child process body of :func:`standing_by`: prepare, wait for the step and its input, answer.

    The parent's end of the pipe is closed here, so that the child sees the end of the pipe (and stops)
    when the parent goes away without sending anything."""
    parent_end.close()
    try:
        prepare(*args)
        try:
            message = connection.recv()
        except EOFError:
            return
        if message is not None:
            _answer(connection, *message)
    finally:
        connection.close()


def _receiver(name: str, connection: Connection, child: Any) -> Callable[[], tuple[Any, float]]:
    """A function that waits for the child's answer, reaps the child, and returns or raises the answer."""
    def wait() -> tuple[Any, float]:
        try:
            kind, payload = connection.recv()
        except EOFError:
            child.join()  # reaped first: the pipe can close before the child's exit code is known
            raise RuntimeError(f"{name} ended without an answer (exit code {child.exitcode})") from None
        finally:
            child.join()
            connection.close()
        if kind == "error":
            raise payload
        return payload

    return wait


class StandingBy:
    """A child forked by :func:`standing_by`: it prepares at once; :meth:`run` gives it its step."""

    def __init__(self, name: str, connection: Connection | None, child: Any) -> None:
        self._name, self._connection, self._child = name, connection, child

    def run(self, function: Callable[..., T], *args: Any) -> Alongside[T]:
        """Send the child ``function`` and ``args`` (pickled: they must be) and return the running step;
        where fork is not available, run it here at once."""
        if self._connection is None:
            done = _timed(function, *args)
            return Alongside(lambda: done)
        connection, self._connection = self._connection, None
        connection.send((function, args))
        return Alongside(_receiver(self._name, connection, self._child))

    def cancel(self) -> None:
        """Stop a child that was never given its step (the build failed before it could)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
            self._child.terminate()
            self._child.join()


def standing_by(name: str, prepare: Callable[..., Any], *args: Any) -> StandingBy:
    """Fork a child that runs ``prepare(*args)`` now and then waits for :meth:`StandingBy.run`.

    Where fork is not available nothing is prepared ahead: the step runs in the parent when it is given.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return StandingBy(name, None, None)
    context = multiprocessing.get_context("fork")
    parent_end, child_end = context.Pipe(duplex=True)
    child = context.Process(target=_standing_child, args=(child_end, parent_end, prepare, args), daemon=True)
    child.start()
    child_end.close()
    return StandingBy(name, parent_end, child)


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
    return Alongside(_receiver(name, receiver, child))
