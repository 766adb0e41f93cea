"""Validation and normalisation follow docs/spec.md: defaults filled, unknown keys,
wrong types and out-of-range values rejected with the field's path."""

import json
from typing import Any

import pytest

from engine.spec import Issue, SpecError, canonical_json, normalise, parse_json


def issues_of(raw: Any) -> list[Issue]:
    with pytest.raises(SpecError) as caught:
        normalise(raw)
    return caught.value.issues


def paths_of(raw) -> list[str]:
    return [issue["path"] for issue in issues_of(raw)]


def minimal(**overrides: Any) -> dict[str, Any]:
    raw = {"version": 1, "model": {"layers": [{"type": "flatten"}, {"type": "dense", "units": 10}]}}
    raw.update(overrides)
    return raw


def test_defaults_are_filled_in():
    spec = normalise(minimal())
    assert spec["seed"] == 42 and spec["budgets"] == [5, 20, 50]
    assert spec["loss"] == {"type": "cross_entropy", "labelSmoothing": 0.0}
    assert spec["optimizer"] == {"type": "adam", "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0.0, "gradClipNorm": None}
    assert spec["schedule"] == {"type": "constant", "lr": 0.001}
    assert spec["data"] == {"batchSize": 32, "shuffle": False, "normalize": "scale", "augment": [], "testTimeFlip": None}
    assert spec["model"]["layers"][1] == {"type": "dense", "units": 10, "bias": True, "activation": None, "init": {"weight": "glorot_uniform", "bias": "zeros"}}


def test_layer_and_augmentation_defaults():
    spec = normalise(
        minimal(
            model={
                "layers": [
                    {"type": "conv2d", "filters": 2, "kernel": 3},
                    {"type": "maxpool", "size": 2},
                    {"type": "activation", "fn": "leaky_relu"},
                    {"type": "flatten"},
                    {"type": "dense", "units": 10},
                ]
            },
            data={"augment": [{"type": "flip", "axis": "cols"}, {"type": "crop"}, {"type": "erase"}]},
            optimizer={"type": "adamw"},
        )
    )
    conv, pool, act = spec["model"]["layers"][:3]
    assert conv == {
        "type": "conv2d",
        "filters": 2,
        "kernel": 3,
        "stride": 1,
        "padding": "same",
        "dilation": 1,
        "groups": 1,
        "bias": True,
        "activation": None,
        "init": {"weight": "glorot_uniform", "bias": "zeros"},
    }
    assert pool == {"type": "maxpool", "size": 2, "stride": 2, "padding": 0}
    assert act == {"type": "activation", "fn": "leaky_relu", "negativeSlope": 0.01}
    assert spec["optimizer"]["weightDecay"] == 0.01
    assert spec["data"]["augment"] == [
        {"type": "flip", "axis": "cols", "p": 0.5, "per": "sample", "redraw": "epoch"},
        {"type": "crop", "padding": 4, "redraw": "epoch"},
        {"type": "erase", "p": 0.25, "scale": [0.02, 0.33], "ratio": [0.3, 3.3], "value": 0.0, "redraw": "epoch"},
    ]


def test_budgets_are_stored_sorted_and_unique():
    assert normalise(minimal(budgets=[50, 5, 5]))["budgets"] == [5, 50]
    assert paths_of(minimal(budgets=[10])) == ["budgets.0"]
    assert paths_of(minimal(budgets=[])) == ["budgets"]


def test_unknown_keys_are_rejected_with_their_path():
    assert paths_of(minimal(colour="blue")) == ["colour"]
    raw = minimal()
    raw["model"]["layers"][1]["unit"] = 10
    assert paths_of(raw) == ["model.layers.1.unit"]


def test_wrong_types_and_ranges_name_the_field():
    raw = minimal(model={"layers": [{"type": "conv2d", "filters": 2000, "kernel": 3}, {"type": "flatten"}, {"type": "dense", "units": "10"}]})
    issues = issues_of(raw)
    assert [i["path"] for i in issues] == ["model.layers.0.filters", "model.layers.2.units"]
    assert "between 1 and 1024" in issues[0]["message"]
    assert "integer" in issues[1]["message"]
    assert paths_of(minimal(data={"batchSize": 4})) == ["data.batchSize"]
    assert paths_of(minimal(seed=True)) == ["seed"]
    assert paths_of(minimal(loss={"labelSmoothing": 1})) == ["loss.labelSmoothing"]


def test_missing_required_fields_and_unknown_types_are_named():
    assert paths_of({"version": 1}) == ["model"]
    assert paths_of(minimal(schedule={"type": "exponential", "lr": 0.1})) == ["schedule.decayRate", "schedule.transitionSteps"]
    assert paths_of(minimal(optimizer={"type": "rmsprop"})) == ["optimizer.type"]
    assert paths_of(minimal(schedule={"type": "warmup", "steps": 10, "then": {"type": "warmup", "steps": 1, "then": {"type": "constant", "lr": 1}}})) == [
        "schedule.then.type"
    ]


def test_an_unsupported_version_names_the_supported_ones():
    issues = issues_of(minimal(version=2))
    assert issues[0]["path"] == "version" and "supported: 1" in issues[0]["message"]


def test_negative_slope_is_only_allowed_for_leaky_relu():
    raw = minimal(model={"layers": [{"type": "flatten"}, {"type": "activation", "fn": "relu", "negativeSlope": 0.2}, {"type": "dense", "units": 10}]})
    assert paths_of(raw) == ["model.layers.1.negativeSlope"]


def test_residual_body_issues_carry_the_nested_path():
    raw = minimal(
        model={
            "layers": [
                {"type": "residual", "body": [{"type": "conv2d", "filters": 1, "kernel": 3, "stride": 0}]},
                {"type": "flatten"},
                {"type": "dense", "units": 10},
            ]
        }
    )
    assert paths_of(raw) == ["model.layers.0.body.0.stride"]


def test_size_nesting_and_non_json_inputs_are_rejected_before_parsing():
    with pytest.raises(SpecError, match="64 KiB"):
        parse_json(b" " * (64 * 1024 + 1))
    with pytest.raises(SpecError, match="deeper than 32"):
        parse_json(b"[" * 40_000)
    with pytest.raises(SpecError, match="not valid JSON"):
        parse_json(b'{"version": NaN}')
    assert parse_json(json.dumps(minimal()).encode()) == minimal()


def test_canonical_json_sorts_keys_without_spaces():
    assert canonical_json({"b": 1, "a": [1, {"d": 2, "c": 3}]}) == '{"a":[1,{"c":3,"d":2}],"b":1}'


def test_normalising_is_idempotent(sean_raw):
    once = normalise(sean_raw)
    assert normalise(json.loads(canonical_json(once))) == once


def test_nesterov_needs_momentum():
    issues = issues_of(minimal(optimizer={"type": "sgd", "nesterov": True}))
    assert issues == [{"path": "optimizer.nesterov", "message": "Nesterov momentum needs momentum > 0"}]
    optimizer = normalise(minimal(optimizer={"type": "sgd", "nesterov": True, "momentum": 0.9}))["optimizer"]
    assert optimizer["type"] == "sgd" and optimizer["nesterov"] is True
