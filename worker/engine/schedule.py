"""Learning rate as a function of `step` (optimiser steps already taken in this
training run, 0 for the first) and `total` (the run's steps), per docs/spec.md."""

import math


def learning_rate(schedule: dict, step: int, total: int) -> float:
    kind = schedule["type"]
    if kind == "constant":
        return schedule["lr"]
    if kind == "step":
        return schedule["lr"] * schedule["gamma"] ** (step // schedule["stepSize"])
    if kind == "exponential":
        # Optax's exponential_decay (what Axon uses): smooth unless staircase.
        exponent = step / schedule["transitionSteps"]
        return schedule["lr"] * schedule["decayRate"] ** (math.floor(exponent) if schedule["staircase"] else exponent)
    if kind == "cosine":
        final = schedule["finalLr"]
        return final + (schedule["lr"] - final) * (1 + math.cos(math.pi * step / total)) / 2
    if kind == "onecycle":
        return _one_cycle(schedule, step, total)
    if kind == "warmup":
        then, steps = schedule["then"], schedule["steps"]
        if step < steps:
            factor = schedule["startFactor"] + (1 - schedule["startFactor"]) * step / steps
            return learning_rate(then, 0, total - steps) * factor
        return learning_rate(then, step - steps, total - steps)
    raise ValueError(f"unknown schedule type {kind!r}")


def _cosine_between(start: float, end: float, fraction: float) -> float:
    return end + (start - end) / 2 * (math.cos(math.pi * fraction) + 1)


def _one_cycle(schedule: dict, step: int, total: int) -> float:
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
