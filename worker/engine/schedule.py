"""Learning rate as a function of `step` (optimiser steps already taken in this
training run, 0 for the first) and `total` (the run's steps), per docs/spec.md."""

import math
from typing import assert_never

from .spec_types import OneCycleSchedule, Schedule


def learning_rate(schedule: Schedule, step: int, total: int) -> float:
    if schedule["type"] == "constant":
        return schedule["lr"]
    if schedule["type"] == "step":
        return schedule["lr"] * schedule["gamma"] ** (step // schedule["stepSize"])
    if schedule["type"] == "exponential":
        # Optax's exponential_decay (what Axon uses): smooth unless staircase.
        exponent = step / schedule["transitionSteps"]
        return schedule["lr"] * schedule["decayRate"] ** (math.floor(exponent) if schedule["staircase"] else exponent)
    if schedule["type"] == "cosine":
        final = schedule["finalLr"]
        return final + (schedule["lr"] - final) * (1 + math.cos(math.pi * step / total)) / 2
    if schedule["type"] == "onecycle":
        return _one_cycle(schedule, step, total)
    if schedule["type"] == "warmup":
        then, steps = schedule["then"], schedule["steps"]
        if step < steps:
            factor = schedule["startFactor"] + (1 - schedule["startFactor"]) * step / steps
            return learning_rate(then, 0, total - steps) * factor
        return learning_rate(then, step - steps, total - steps)
    assert_never(schedule)


def momentum(schedule: Schedule, step: int, total: int) -> float | None:
    """SGD's momentum or Adam's β1 before `step` when a one-cycle schedule cycles it
    (PyTorch's cycle_momentum: max → base while the rate rises, then back); None when
    nothing cycles and the optimiser's own value holds. A warm-up holds the first value."""
    inner = schedule["then"] if schedule["type"] == "warmup" else schedule
    if inner["type"] != "onecycle" or inner["momentumCycle"] is None:
        return None
    if schedule["type"] == "warmup":
        step, total = max(0, step - schedule["steps"]), total - schedule["steps"]
    cycle = inner["momentumCycle"]
    warm_end = inner["pctStart"] * total - 1
    last = total - 1
    if step <= warm_end:
        return _cosine_between(cycle["max"], cycle["base"], step / warm_end if warm_end > 0 else 1.0)
    span = last - warm_end
    return _cosine_between(cycle["base"], cycle["max"], min(1.0, (step - warm_end) / span) if span > 0 else 1.0)


def _cosine_between(start: float, end: float, fraction: float) -> float:
    return end + (start - end) / 2 * (math.cos(math.pi * fraction) + 1)


def _one_cycle(schedule: OneCycleSchedule, step: int, total: int) -> float:
    """PyTorch's OneCycleLR (cosine annealing, two phases), written out so the value
    depends only on (step, total): phase one ends at step pctStart·total − 1."""
    peak = schedule["maxLr"]
    start = peak / schedule["divFactor"]
    final = start / schedule["finalDivFactor"]
    warm_end = schedule["pctStart"] * total - 1
    last = total - 1
    if step <= warm_end:
        return _cosine_between(start, peak, step / warm_end if warm_end > 0 else 1.0)
    span = last - warm_end
    return _cosine_between(peak, final, (step - warm_end) / span if span > 0 else 1.0)
