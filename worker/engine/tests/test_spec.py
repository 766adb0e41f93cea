"""The engine checks the normalised spec it receives against spec.schema.json (generated
from lib/spec's zod schema) and names each wrong field by its path; the layers' fit and the
limits are analysis.py's. lib/spec/engine-schema.test.ts checks that these paths are the
ones lib/spec names, on a whole corpus."""

import json
from typing import Any

import pytest

from engine.analysis import analyse
from engine.spec import Issue, SpecError, parse_json
from engine.spec_schema import check

from .normalised import normalised


def issues_of(spec: Any) -> list[Issue]:
    with pytest.raises(SpecError) as caught:
        analyse(check(spec))
    return caught.value.issues


def paths_of(spec: Any) -> list[str]:
    return [issue["path"] for issue in issues_of(spec)]


def minimal(**overrides: Any) -> Any:
    """A normalised spec (JSON values, freely changed by a test)."""
    raw = {"version": 1, "model": {"layers": [{"type": "flatten"}, {"type": "dense", "units": 10}]}}
    return json.loads(json.dumps(normalised({**raw, **overrides})))


def test_numbers_take_the_type_the_schema_gives_them():
    spec = check(minimal(loss={"labelSmoothing": 0}, schedule={"type": "step", "lr": 1, "stepSize": 100.0}))
    assert spec["loss"]["labelSmoothing"] == 0.0 and type(spec["loss"]["labelSmoothing"]) is float
    schedule = spec["schedule"]
    assert schedule["type"] == "step" and type(schedule["lr"]) is float and type(schedule["stepSize"]) is int
    assert type(spec["version"]) is int and all(type(budget) is int for budget in spec["budgets"])


def test_a_spec_with_defaults_left_out_is_refused_naming_each_missing_field():
    raw = {"version": 1, "model": {"layers": [{"type": "flatten"}, {"type": "dense", "units": 10}]}}
    assert sorted(paths_of(raw)) == [
        "budgets",
        "data",
        "loss",
        "model.layers.1.activation",
        "model.layers.1.bias",
        "model.layers.1.init",
        "optimizer",
        "schedule",
        "seed",
    ]


def test_unknown_keys_are_named_at_their_path():
    assert paths_of({**minimal(), "colour": "blue"}) == ["colour"]
    spec = minimal(model={"layers": [{"type": "residual", "body": [{"type": "batchnorm"}]}, {"type": "flatten"}, {"type": "dense", "units": 10}]})
    spec["model"]["layers"][0]["body"][0]["size"] = 3
    assert issues_of(spec) == [{"path": "model.layers.0.body.0.size", "message": 'unknown field "size"'}]


def test_wrong_types_and_ranges_name_the_field():
    spec = minimal(model={"layers": [{"type": "conv2d", "filters": 4, "kernel": 3}, {"type": "flatten"}, {"type": "dense", "units": 10}]})
    spec["model"]["layers"][0]["filters"] = 2000
    spec["model"]["layers"][2]["units"] = "10"
    spec["data"]["batchSize"] = 4
    spec["seed"] = True
    assert sorted(paths_of(spec)) == ["data.batchSize", "model.layers.0.filters", "model.layers.2.units", "seed"]
    messages = {issue["path"]: issue["message"] for issue in issues_of(spec)}
    assert "1024" in messages["model.layers.0.filters"] and "integer" in messages["model.layers.2.units"]


def test_a_union_names_the_field_inside_the_option_the_value_is_meant_for():
    spec = minimal()
    spec["optimizer"]["type"] = "rmsprop"
    assert issues_of(spec) == [{"path": "optimizer.type", "message": 'unknown type "rmsprop"; expected one of "sgd", "adam", "adamw"'}]
    spec = minimal(model={"layers": [{"type": "flatten"}, {"type": "activation", "fn": "relu"}, {"type": "dense", "units": 10}]})
    spec["model"]["layers"][1]["negativeSlope"] = 0.2  # only leaky_relu and general_relu have one
    assert paths_of(spec) == ["model.layers.1.negativeSlope"]
    spec["model"]["layers"][1] = {"type": "activation", "fn": "swish"}
    assert paths_of(spec) == ["model.layers.1.fn"]
    spec = minimal(schedule={"type": "onecycle", "maxLr": 0.1, "momentumCycle": {}})
    spec["schedule"]["momentumCycle"]["base"] = 1  # a nullable field: the error is inside it
    assert paths_of(spec) == ["schedule.momentumCycle.base"]
    spec = minimal(data={"normalize": {"mean": 0.3, "std": 0.3}})
    spec["data"]["normalize"]["mean"] = 5  # the object form, out of range: zod names the field
    assert paths_of(spec) == ["data.normalize.mean"]
    spec["data"]["normalize"] = {"mean": 0.3}  # neither form: zod names the union
    assert paths_of(spec) == ["data.normalize"]


def test_a_warmup_inside_a_warmup_is_refused_at_the_inner_type():
    spec = minimal(schedule={"type": "warmup", "steps": 10, "then": {"type": "constant", "lr": 1}})
    spec["schedule"]["then"] = {**spec["schedule"], "then": spec["schedule"]["then"]}
    assert paths_of(spec) == ["schedule.then.type"]


def test_leak_belongs_to_he_inits_only_and_is_filled_for_them():
    spec = minimal(model={"layers": [{"type": "flatten"}, {"type": "dense", "units": 10, "init": {"weight": "he_normal"}}]})
    assert spec["model"]["layers"][1]["init"] == {"weight": "he_normal", "bias": "zeros", "leak": 0}
    del spec["model"]["layers"][1]["init"]["leak"]
    assert paths_of(spec) == ["model.layers.1.init.leak"]
    spec["model"]["layers"][1]["init"] = {"weight": "glorot_uniform", "bias": "zeros", "leak": 0.1}
    assert paths_of(spec) == ["model.layers.1.init.leak"]


def test_nesterov_needs_momentum():
    spec = minimal(optimizer={"type": "sgd"})
    spec["optimizer"]["nesterov"] = True
    assert issues_of(spec) == [{"path": "optimizer.nesterov", "message": "Nesterov momentum needs momentum > 0"}]
    spec["optimizer"]["momentum"] = 0.9
    assert check(spec)["optimizer"] == {"type": "sgd", "momentum": 0.9, "nesterov": True, "weightDecay": 0.0, "gradClipNorm": None}


def test_an_unsupported_version_is_named():
    assert paths_of({**minimal(), "version": 2}) == ["version"]


def test_a_pool_padded_beyond_half_its_window_is_refused_when_pytorch_builds_it():
    # A rule JSON Schema cannot state (lib/spec/json-schema.ts lists them): PyTorch's pooling refuses it.
    spec = minimal(model={"layers": [{"type": "maxpool", "size": 2}, {"type": "flatten"}, {"type": "dense", "units": 10}]})
    spec["model"]["layers"][0]["padding"] = 2
    assert paths_of(spec) == ["model.layers.0"]


def test_non_json_nan_and_nesting_beyond_python_are_refused_as_issues():
    for data, words in [(b'{"version": NaN}', "NaN is not valid JSON"), (b"[" * 100_000, "recursion"), (b"\xff", "not valid JSON"), (b"{", "not valid JSON")]:
        with pytest.raises(SpecError, match=words):
            parse_json(data)
    assert parse_json(json.dumps(minimal()).encode()) == minimal()
    block: dict[str, Any] = {"type": "batchnorm"}
    for _ in range(2_000):
        block = {"type": "residual", "body": [block]}
    with pytest.raises(SpecError, match="nests too deeply"):
        check({**minimal(), "model": {"layers": [block]}})
