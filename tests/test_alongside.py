"""A build step run alongside, in a forked child: its value, its errors, and a child that dies."""

from __future__ import annotations

import os

import pytest

from graph.alongside import alongside, standing_by


def _square_and_pid(value: int) -> tuple[int, int]:
    """The square of ``value`` and the process it was worked out in."""
    return value * value, os.getpid()


def _refuse(message: str) -> None:
    raise ValueError(message)


def _die() -> None:
    os._exit(3)


def test_the_value_comes_back_from_another_process() -> None:
    step = alongside("squaring", _square_and_pid, 12)
    value, pid = step.result()
    assert value == 144
    assert pid != os.getpid()
    assert step.seconds >= 0
    assert step.result() == (144, pid)  # waiting twice gives the same answer


def test_an_error_in_the_child_is_raised_in_the_parent() -> None:
    step = alongside("refusing", _refuse, "no such concept")
    with pytest.raises(ValueError, match="no such concept"):
        step.result()


def test_a_child_that_dies_is_named_with_its_exit_code() -> None:
    step = alongside("the HTML view", _die)
    with pytest.raises(RuntimeError, match=r"the HTML view ended without an answer \(exit code 3\)"):
        step.result()


def _note_pid(path: str) -> None:
    """A preparation that leaves a mark: the process it ran in."""
    with open(path, "w", encoding="utf-8") as mark:
        mark.write(str(os.getpid()))


def _pid() -> int:
    return os.getpid()


def test_a_child_standing_by_prepares_first_then_runs_what_it_is_sent(tmp_path) -> None:
    mark = tmp_path / "prepared"
    waiting = standing_by("the test step", _note_pid, str(mark))
    step = waiting.run(_square_and_pid, 9)
    value, pid = step.result()
    assert value == 81 and pid != os.getpid()
    assert int(mark.read_text()) == pid  # prepared in the same child that then ran the step


def test_an_error_sent_back_by_a_child_standing_by_is_raised() -> None:
    with pytest.raises(ValueError, match="unknown type"):
        standing_by("the test step", _pid).run(_refuse, "unknown type").result()


def test_a_child_never_given_its_step_is_stopped() -> None:
    waiting = standing_by("the test step", _pid)
    child = waiting._child
    waiting.cancel()
    assert not child.is_alive()
