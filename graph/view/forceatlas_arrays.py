"""ForceAtlas2 on numpy arrays: each iteration's forces as n-by-n array operations, for small graphs.

0.06 s for our 133 concepts where networkx's ``forceatlas2_layout`` takes 0.3 s, and nothing to compile.
The speed control, :func:`speed_control`, is plain Python: this module calls it as it is, and
:mod:`graph.view.forceatlas_compiled` compiles it, so both run the one rule.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["run", "speed_control"]

MIN_EFFICIENCY = 0.05
MAX_RISE = 0.5


def speed_control(n: int, swing: float, traction: float, speed: float, efficiency: float) -> tuple[float, float]:
    """networkx's speed control: slow down while concepts swing, speed up while they move together.

    Plain Python, so the array version calls it as it is and the compiled version compiles it.
    """
    optimal_jitter = 0.05 * math.sqrt(n)
    jitter = max(math.sqrt(optimal_jitter), min(10.0, optimal_jitter * traction / n**2))
    if swing / traction > 2.0:
        if efficiency > MIN_EFFICIENCY:
            efficiency *= 0.5
        jitter = max(jitter, 1.0)
    target = math.inf if swing == 0 else jitter * efficiency * traction / swing
    if swing > jitter * traction:
        if efficiency > MIN_EFFICIENCY:
            efficiency *= 0.7
    elif speed < 1000:
        efficiency *= 1.3
    return speed + min(target - speed, MAX_RISE * speed), efficiency


def _forces(position: np.ndarray, weights: np.ndarray, strength: np.ndarray, mass: np.ndarray,
            scaling_ratio: float, gravity: float) -> np.ndarray:
    """Attraction along relations, repulsion between every pair, and gravity, per concept (n-by-n arrays)."""
    x, y = position[:, 0], position[:, 1]
    dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
    factor = mass[None, :] / np.maximum(dx * dx + dy * dy, 1e-18)  # a concept's term with itself is 0
    force = weights @ position - strength[:, None] * position
    force[:, 0] += scaling_ratio * mass * (factor * dx).sum(axis=1)
    force[:, 1] += scaling_ratio * mass * (factor * dy).sum(axis=1)
    offset = position - position.mean(axis=0)
    norm = np.hypot(offset[:, 0], offset[:, 1])
    pull = np.divide(gravity * mass, norm, out=np.zeros_like(norm), where=norm > 0)
    return force - pull[:, None] * offset


def run(position: np.ndarray, weights: np.ndarray, mass: np.ndarray, iterations: int,
                scaling_ratio: float, gravity: float) -> np.ndarray:
    """Move the concepts ``iterations`` times (or until they stop), in place; return the positions."""
    n = position.shape[0]
    strength = weights.sum(axis=1)
    speed = efficiency = swing = traction = 1.0
    for _ in range(iterations):
        force = _forces(position, weights, strength, mass, scaling_ratio, gravity)
        # networkx sums swing and traction over all iterations so far; kept for the same course
        swing += float((mass * np.hypot(*(position - force).T)).sum())
        traction += 0.5 * float((mass * np.hypot(*(position + force).T)).sum())
        speed, efficiency = speed_control(n, swing, traction, speed, efficiency)
        step = (speed / (1 + np.sqrt(speed * mass * np.hypot(force[:, 0], force[:, 1]))))[:, None] * force
        position += step
        if float(np.abs(step).sum()) < 1e-10:
            break
    return position


