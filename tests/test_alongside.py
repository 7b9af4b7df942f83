"""A build step run alongside, in a forked child: its value, its errors, and a child that dies."""

from __future__ import annotations

import os

import pytest

from graph.alongside import alongside


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
