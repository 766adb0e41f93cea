"""Every schedule type's learning rate at chosen steps (docs/spec.md, "Schedule")."""

import math

import pytest
import torch

from engine.schedule import learning_rate, momentum
from engine.spec_types import CosineSchedule, ExponentialSchedule, MomentumCycle, OneCycleSchedule, StepSchedule, WarmupSchedule


def test_seans_exponential_decay_halves_every_1850_steps(sean):
    schedule = sean["schedule"]
    assert learning_rate(schedule, 0, 9350) == pytest.approx(5e-3, rel=1e-12)
    assert learning_rate(schedule, 1850, 9350) == pytest.approx(2.5e-3, rel=1e-12)
    assert learning_rate(schedule, 3700, 9350) == pytest.approx(1.25e-3, rel=1e-12)
    # not staircase: between the marks it decays smoothly
    assert learning_rate(schedule, 925, 9350) == pytest.approx(5e-3 * 0.5**0.5, rel=1e-12)


def test_staircase_exponential_floors_the_exponent():
    schedule: ExponentialSchedule = {"type": "exponential", "lr": 1.0, "decayRate": 0.5, "transitionSteps": 10, "staircase": True}
    assert [learning_rate(schedule, s, 100) for s in (0, 9, 10, 25)] == [1.0, 1.0, 0.5, 0.25]


def test_constant_and_step():
    assert learning_rate({"type": "constant", "lr": 0.3}, 12345, 1) == 0.3
    step: StepSchedule = {"type": "step", "lr": 1.0, "gamma": 0.1, "stepSize": 100}
    assert [learning_rate(step, s, 1000) for s in (0, 99, 100, 250)] == pytest.approx([1.0, 1.0, 0.1, 0.01])


def test_cosine_goes_from_lr_to_final_lr_over_the_total():
    schedule: CosineSchedule = {"type": "cosine", "lr": 1.0, "finalLr": 0.1}
    assert learning_rate(schedule, 0, 100) == pytest.approx(1.0)
    assert learning_rate(schedule, 50, 100) == pytest.approx(0.55)
    assert learning_rate(schedule, 100, 100) == pytest.approx(0.1)


def test_onecycle_matches_pytorchs_one_cycle_lr():
    schedule: OneCycleSchedule = {"type": "onecycle", "maxLr": 0.1, "pctStart": 0.3, "divFactor": 25.0, "finalDivFactor": 1e4, "momentumCycle": None}
    total = 200
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    reference = torch.optim.lr_scheduler.OneCycleLR(
        optimizer,
        max_lr=0.1,
        total_steps=total,
        pct_start=0.3,
        anneal_strategy="cos",
        div_factor=25.0,
        final_div_factor=1e4,
        three_phase=False,
        cycle_momentum=False,
    )
    expected = []
    for _ in range(total):
        expected.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        reference.step()
    assert [learning_rate(schedule, s, total) for s in range(total)] == pytest.approx(expected, rel=1e-9)


def test_warmup_ramps_linearly_then_hands_over_with_the_remaining_total():
    then: CosineSchedule = {"type": "cosine", "lr": 1.0, "finalLr": 0.0}
    schedule: WarmupSchedule = {"type": "warmup", "steps": 10, "startFactor": 0.0, "then": then}
    assert learning_rate(schedule, 0, 110) == 0.0
    assert learning_rate(schedule, 5, 110) == pytest.approx(0.5)
    assert learning_rate(schedule, 10, 110) == pytest.approx(1.0)
    assert learning_rate(schedule, 60, 110) == pytest.approx((1 + math.cos(math.pi * 50 / 100)) / 2)
    started: WarmupSchedule = {**schedule, "startFactor": 0.2}
    assert learning_rate(started, 0, 110) == pytest.approx(0.2)


def test_momentum_cycle_matches_pytorch_cycle_momentum_on_adamw_beta1():
    cycle: MomentumCycle = {"base": 0.85, "max": 0.95}
    schedule: OneCycleSchedule = {"type": "onecycle", "maxLr": 0.01, "pctStart": 0.3, "divFactor": 25.0, "finalDivFactor": 1e4, "momentumCycle": cycle}
    total = 5 * 59
    optimizer = torch.optim.AdamW([torch.zeros(1, requires_grad=True)], lr=0.01)
    reference = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.01, total_steps=total, pct_start=0.3)
    expected_lr, expected_beta1 = [], []
    for _ in range(total):
        expected_lr.append(optimizer.param_groups[0]["lr"])
        expected_beta1.append(optimizer.param_groups[0]["betas"][0])
        optimizer.step()
        reference.step()
    assert [learning_rate(schedule, s, total) for s in range(total)] == pytest.approx(expected_lr, rel=1e-9)
    assert [momentum(schedule, s, total) for s in range(total)] == pytest.approx(expected_beta1, rel=1e-12)


def test_no_momentum_without_a_cycle():
    assert momentum({"type": "onecycle", "maxLr": 0.1, "pctStart": 0.3, "divFactor": 25.0, "finalDivFactor": 1e4, "momentumCycle": None}, 3, 100) is None
    assert momentum({"type": "constant", "lr": 0.1}, 3, 100) is None


def test_a_cycled_momentum_lands_where_onecyclelr_writes_it():
    from engine.train import set_momentum

    parameter = [torch.zeros(1, requires_grad=True)]
    adam = torch.optim.AdamW(parameter, betas=(0.9, 0.99))
    sgd = torch.optim.SGD(parameter, lr=0.1, momentum=0.9)
    set_momentum(adam.param_groups[0], 0.85)
    set_momentum(sgd.param_groups[0], 0.85)
    assert adam.param_groups[0]["betas"] == (0.85, 0.99)
    assert sgd.param_groups[0]["momentum"] == 0.85
