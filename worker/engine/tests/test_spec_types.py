"""A spec the engine has checked (spec_schema.check) has exactly the shape spec_types.py
declares, which is what the type checker holds the engine to: every key, and no other, with
a value of the declared type, for every layer, schedule, optimiser and augmentation the spec
has. So the TypedDicts agree with the schema that lib/spec generates."""

import json
import types
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from engine.spec_types import Schedule, Spec

from .conftest import REPO, sean_spec_from_docs
from .normalised import normalised
from .test_model import LAYER_CASES, _spec
from .test_training import EVERY_CONSTRUCT


def mismatches(value: Any, hint: Any, path: str = "spec") -> list[str]:
    """Where `value` differs from the type `hint` (TypedDicts, unions, literals, lists,
    None and JSON scalars, as spec_types.py uses them); empty when it matches."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = get_args(hint)
        # An object's "type" picks the members it is compared with, as in the spec.
        tagged = [option for option in options if isinstance(value, dict) and is_typeddict(option) and value.get("type") in _tags(option)]
        found = [mismatches(value, option, path) for option in tagged or options]
        return [] if [] in found else min(found, key=len)
    if origin is Literal:
        return [] if isinstance(value, str) and value in get_args(hint) else [f"{path}: {value!r} is not one of {get_args(hint)}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{path}: expected a list, got {value!r}"]
        return [problem for index, item in enumerate(value) for problem in mismatches(item, get_args(hint)[0], f"{path}.{index}")]
    if is_typeddict(hint):
        if not isinstance(value, dict):
            return [f"{path}: expected {hint.__name__}, got {value!r}"]
        fields = get_type_hints(hint)
        missing = [f"{path}.{key}: missing from the spec" for key in sorted(hint.__required_keys__ - value.keys())]
        unknown = [f"{path}.{key}: not in {hint.__name__}" for key in sorted(value.keys() - fields.keys())]
        return missing + unknown + [problem for key in sorted(value.keys() & fields.keys()) for problem in mismatches(value[key], fields[key], f"{path}.{key}")]
    if hint is type(None):
        return [] if value is None else [f"{path}: expected null, got {value!r}"]
    if hint in (int, float, bool, str):
        # bool is an int in Python, so it must match exactly: a flag is no count, a count no flag.
        return [] if type(value) is hint else [f"{path}: expected {hint.__name__}, got {value!r}"]
    raise TypeError(f"{path}: no rule for {hint!r}")


def _tags(typed_dict: Any) -> tuple[str, ...]:
    tag = get_type_hints(typed_dict).get("type")
    return get_args(tag) if get_origin(tag) is Literal else ()


ONE_OF_EACH = [
    {"version": 1, "model": {"layers": [{"type": "flatten"}, {"type": "dense", "units": 10}]}},
    EVERY_CONSTRUCT,
    {
        "version": 1,
        "model": {
            "layers": [
                {"type": "conv2d", "filters": 4, "kernel": 3, "init": {"weight": "he_uniform", "bias": "zeros", "leak": 0.1}},
                {"type": "flatten"},
                {"type": "dense", "units": 10},
            ]
        },
        "optimizer": {"type": "sgd", "momentum": 0.9, "nesterov": True},
        "schedule": {"type": "step", "lr": 0.1, "stepSize": 100},
        "data": {
            "normalize": {"mean": 0.5, "std": 0.5},
            "augment": [{"type": "crop"}, {"type": "erase"}, {"type": "flip", "axis": "rows", "per": "batch", "redraw": "once"}],
        },
    },
    *(
        {"version": 1, "model": {"layers": [{"type": "flatten"}, {"type": "dense", "units": 10}]}, "optimizer": {"type": "adam"}, "schedule": schedule}
        for schedule in [
            {"type": "constant", "lr": 0.01},
            {"type": "exponential", "lr": 0.01, "decayRate": 0.5, "transitionSteps": 10, "staircase": True},
            {"type": "cosine", "lr": 0.01, "finalLr": 0.001},
            {"type": "onecycle", "maxLr": 0.01, "momentumCycle": {"base": 0.8, "max": 0.9}},
            {"type": "warmup", "steps": 5, "then": {"type": "step", "lr": 0.1, "stepSize": 10}},
        ]
    ),
]


def every_spec() -> list[Any]:
    examples = sorted((REPO / "lib" / "spec" / "examples").glob("*.json"))
    return (
        [pytest.param(normalised(sean_spec_from_docs()), id="docs-sean")]
        + [pytest.param(normalised(json.loads(path.read_text())), id=path.stem) for path in examples]
        + [pytest.param(normalised(raw), id=f"one-of-each-{index}") for index, raw in enumerate(ONE_OF_EACH)]
        + [pytest.param(_spec(layers), id=name) for name, layers in LAYER_CASES.items()]
    )


@pytest.mark.parametrize("spec", every_spec())
def test_a_normalised_spec_has_exactly_the_declared_shape(spec):
    assert mismatches(spec, Spec) == []


def test_the_comparison_finds_a_missing_an_unknown_and_a_mistyped_field():
    assert mismatches({"type": "step", "lr": 0.1, "gamma": 1, "stepSize": 10, "extra": True}, Schedule) == [
        "spec.extra: not in StepSchedule",
        "spec.gamma: expected float, got 1",
    ]
    assert mismatches({"type": "cosine", "lr": 0.1}, Schedule) == ["spec.finalLr: missing from the spec"]
