"""Validates an entry spec and fills its defaults, exactly as docs/spec.md states.

Mirrors the zod schema in lib/spec: unknown keys, wrong types and out-of-range values
are issues `{"path": "model.layers.2.filters", "message": ...}`. This module checks
each value on its own; whether the layers fit together (shapes, limits) is
analysis.py's job. `parse_spec_text` runs both.
"""

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn, TypedDict, cast

from .spec_types import Schedule, Spec

SUPPORTED_VERSIONS = (1,)
BUDGETS = (5, 20, 50)
MAX_SPEC_BYTES = 64 * 1024
BATCH_SIZES = (8, 1024)  # data.batchSize, inclusive
MAX_JSON_DEPTH = 32
ACTIVATIONS = ("relu", "leaky_relu", "gelu", "silu", "tanh", "sigmoid", "softmax")
INITS = ("glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "zeros", "default")



class Issue(TypedDict):
    path: str
    message: str


class SpecError(Exception):
    def __init__(self, issues: list[Issue]):
        super().__init__("; ".join(f"{i['path'] or '(spec)'}: {i['message']}" for i in issues))
        self.issues = issues


class _Invalid(Exception):
    """One field's value is wrong; collected into the issue list by `_object`."""


def _join(path: str, key: str | int) -> str:
    return f"{path}.{key}" if path else str(key)


# A checker takes (value, path, issues) and returns the normalised value, raising
# _Invalid for its own field or appending nested issues and raising _Invalid("").
Checker = Callable[[Any, str, list[Issue]], Any]
ObjectChecker = Callable[[Any, str, list[Issue]], dict[str, Any]]
REQUIRED = object()


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def integer(low: int, high: int | None = None) -> Checker:
    def check(value: Any, path: str, issues: list[Issue]) -> int:
        if not _is_number(value) or float(value) != int(value):
            raise _Invalid(f"expected an integer, got {_type_name(value) if not _is_number(value) else value}")
        whole = int(value)
        if whole < low or (high is not None and whole > high):
            raise _Invalid(f"must be {_range_text(low, high)}, got {whole}")
        return whole

    return check


def _range_text(low: float, high: float | None) -> str:
    return f"at least {low}" if high is None else f"between {low} and {high}"


def number(low: float, high: float | None = None, *, low_open: bool = False, high_open: bool = False) -> Checker:
    def check(value: Any, path: str, issues: list[Issue]) -> float:
        if not _is_number(value):
            raise _Invalid(f"expected a finite number, got {_type_name(value)}")
        too_low = value <= low if low_open else value < low
        too_high = high is not None and (value >= high if high_open else value > high)
        if too_low or too_high:
            lower = f"{'>' if low_open else '≥'} {low}"
            upper = "" if high is None else f" and {'<' if high_open else '≤'} {high}"
            raise _Invalid(f"must be {lower}{upper}, got {value}")
        return float(value)

    return check


def boolean(value: Any, path: str, issues: list[Issue]) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"expected true or false, got {_type_name(value)}")
    return value


def one_of(*choices: Any) -> Checker:
    def check(value: Any, path: str, issues: list[Issue]) -> Any:
        if isinstance(value, bool) or value not in choices:
            shown = ", ".join(json.dumps(c) for c in choices)
            raise _Invalid(f"must be one of {shown}, got {json.dumps(value)}")
        return value

    return check


def nullable(inner: Checker) -> Checker:
    return lambda value, path, issues: None if value is None else inner(value, path, issues)


def either(first: Checker, second: Checker, message: str) -> Checker:
    def check(value: Any, path: str, issues: list[Issue]) -> Any:
        for candidate in (first, second):
            try:
                return candidate(value, path, [])
            except _Invalid:
                pass
        raise _Invalid(f"{message}, got {json.dumps(value)}")

    return check


def array(item: Checker, *, min_items: int = 0, max_items: int | None = None) -> Checker:
    def check(value: Any, path: str, issues: list[Issue]) -> list[Any]:
        if not isinstance(value, list):
            raise _Invalid(f"expected an array, got {_type_name(value)}")
        if len(value) < min_items:
            raise _Invalid(f"needs at least {min_items} item{'s' if min_items != 1 else ''}")
        if max_items is not None and len(value) > max_items:
            raise _Invalid(f"allows at most {max_items} items, got {len(value)}")
        before = len(issues)
        result = []
        for index, element in enumerate(value):
            try:
                result.append(item(element, _join(path, index), issues))
            except _Invalid as invalid:
                if str(invalid):
                    issues.append({"path": _join(path, index), "message": str(invalid)})
        if len(issues) > before:
            raise _Invalid("")
        return result

    return check


def interval(low: float, high: float | None) -> Checker:
    """A pair [a, b] with low < a ≤ b (≤ high)."""
    bound = number(low, high, low_open=True)

    def check(value: Any, path: str, issues: list[Issue]) -> list[float]:
        pair: list[float] = array(bound, min_items=2, max_items=2)(value, path, issues)
        if pair[0] > pair[1]:
            raise _Invalid(f"the first value must not exceed the second, got {json.dumps(value)}")
        return pair

    return check


@dataclass(frozen=True)
class Field:
    check: Checker
    default: Any = REQUIRED


def _object(fields: dict[str, Field]) -> ObjectChecker:
    def check(value: Any, path: str, issues: list[Issue]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise _Invalid(f"expected an object, got {_type_name(value)}")
        before = len(issues)
        for key in value:
            if key not in fields:
                issues.append({"path": _join(path, key), "message": f"unknown key {json.dumps(key)}; allowed: {', '.join(fields)}"})
        result = {}
        for key, field in fields.items():
            if key not in value and field.default is REQUIRED:
                issues.append({"path": _join(path, key), "message": "is required"})
                continue
            raw = value[key] if key in value else _fresh(field.default)
            try:
                result[key] = field.check(raw, _join(path, key), issues)
            except _Invalid as invalid:
                if str(invalid):
                    issues.append({"path": _join(path, key), "message": str(invalid)})
        if len(issues) > before:
            raise _Invalid("")
        return result

    return check


def _fresh(default: Any) -> Any:
    # Defaults are plain JSON; copy them so no two normalised specs share a list or dict.
    return json.loads(json.dumps(default))


def tagged(kinds: dict[str, dict[str, Field]], *, tag: str = "type") -> ObjectChecker:
    """An object whose `tag` field selects which fields it has."""
    checkers = {name: _object({tag: Field(one_of(name)), **fields}) for name, fields in kinds.items()}

    def check(value: Any, path: str, issues: list[Issue]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise _Invalid(f"expected an object, got {_type_name(value)}")
        if tag not in value:
            issues.append({"path": _join(path, tag), "message": f"is required: one of {', '.join(kinds)}"})
            raise _Invalid("")
        kind = value[tag]
        if not isinstance(kind, str) or kind not in kinds:
            issues.append({"path": _join(path, tag), "message": f"must be one of {', '.join(kinds)}, got {json.dumps(kind)}"})
            raise _Invalid("")
        return checkers[kind](value, path, issues)

    return check


# ---- the spec, field by field (docs/spec.md) ----

HE_INITS = ("he_uniform", "he_normal")
_INIT_FIELDS = {"weight": Field(one_of(*INITS), "glorot_uniform"), "bias": Field(one_of(*INITS), "zeros")}


def INIT(value: Any, path: str, issues: list[Issue]) -> dict[str, Any]:
    """`leak` (the slope of the leaky ReLU a He init precedes) exists only for He weights and
    is filled (0) only there, so other specs normalise as they did before it existed."""
    leak = value.get("leak") if isinstance(value, dict) else None
    fields = {**_INIT_FIELDS, "leak": Field(number(0, 1), 0.0)} if isinstance(value, dict) and "leak" in value else _INIT_FIELDS
    init = _object(fields)(value, path, issues)
    if init["weight"] in HE_INITS:
        init["leak"] = init.get("leak", 0.0)
    elif leak is not None:
        issues.append({"path": _join(path, "leak"), "message": "applies only to he_uniform and he_normal weights"})
        raise _Invalid("")
    return init


DEFAULT_INIT = {"weight": "glorot_uniform", "bias": "zeros"}
ACTIVATION_NAME = nullable(one_of(*ACTIVATIONS))
PADDING = either(one_of("same", "valid"), integer(0, 5), 'must be "same", "valid" or an integer 0…5')


def _pool_fields() -> dict[str, Field]:
    return {"size": Field(integer(1, 8)), "stride": Field(nullable(integer(1, 8)), None), "padding": Field(integer(0, 4), 0)}


def _activation_layer(value: Any, path: str, issues: list[Issue]) -> dict[str, Any]:
    fields = {"type": Field(one_of("activation")), "fn": Field(one_of(*ACTIVATIONS, "general_relu"))}
    if isinstance(value, dict) and value.get("fn") == "leaky_relu":
        fields["negativeSlope"] = Field(number(0, 1), 0.01)
    if isinstance(value, dict) and value.get("fn") == "general_relu":
        fields["negativeSlope"] = Field(number(0, 1), 0.0)
        fields["subtract"] = Field(number(-10, 10), 0.0)
        fields["max"] = Field(nullable(number(-1e6, 1e6)), None)
    return _object(fields)(value, path, issues)


def _layer(value: Any, path: str, issues: list[Issue]) -> dict[str, Any]:
    return LAYER(value, path, issues)


def _normalise_pool(layer: dict[str, Any]) -> dict[str, Any]:
    if layer["stride"] is None:
        layer["stride"] = layer["size"]
    return layer


LAYER_KINDS: dict[str, dict[str, Field]] = {
    "conv2d": {
        "filters": Field(integer(1, 1024)),
        "kernel": Field(integer(1, 11)),
        "stride": Field(integer(1, 8), 1),
        "padding": Field(PADDING, "same"),
        "dilation": Field(integer(1, 8), 1),
        "groups": Field(integer(1, 1024), 1),
        "bias": Field(boolean, True),
        "activation": Field(ACTIVATION_NAME, None),
        "init": Field(INIT, DEFAULT_INIT),
    },
    "maxpool": _pool_fields(),
    "avgpool": _pool_fields(),
    "globalavgpool": {},
    "flatten": {},
    "dense": {
        "units": Field(integer(1, 8192)),
        "bias": Field(boolean, True),
        "activation": Field(ACTIVATION_NAME, None),
        "init": Field(INIT, DEFAULT_INIT),
    },
    "dropout": {"rate": Field(number(0, 1, high_open=True))},
    "batchnorm": {"momentum": Field(number(0, 1), 0.1), "eps": Field(number(0, 1, low_open=True), 1e-5)},
    "layernorm": {"eps": Field(number(0, 1, low_open=True), 1e-5)},
    "residual": {
        "body": Field(array(_layer, min_items=1)),
        "shortcut": Field(
            tagged(
                {
                    "identity": {},
                    "projection": {
                        "batchnorm": Field(boolean, False),
                        "pool": Field(one_of("none", "avg"), "none"),
                        "bias": Field(boolean, False),
                        "init": Field(INIT, DEFAULT_INIT),
                    },
                }
            ),
            {"type": "identity"},
        ),
        "activation": Field(ACTIVATION_NAME, None),
    },
}
_LAYER_TAGGED = tagged({**LAYER_KINDS, "activation": {}})


def LAYER(value: Any, path: str, issues: list[Issue]) -> dict[str, Any]:
    if isinstance(value, dict) and value.get("type") == "activation":
        return _activation_layer(value, path, issues)
    layer = _LAYER_TAGGED(value, path, issues)
    return _normalise_pool(layer) if layer["type"] in ("maxpool", "avgpool") else layer


SCHEDULE_KINDS: dict[str, dict[str, Field]] = {
    "constant": {"lr": Field(number(0, 10, low_open=True))},
    "step": {"lr": Field(number(0, 10, low_open=True)), "gamma": Field(number(0, 1, low_open=True), 0.1), "stepSize": Field(integer(1))},
    "exponential": {
        "lr": Field(number(0, 10, low_open=True)),
        "decayRate": Field(number(0, 1, low_open=True)),
        "transitionSteps": Field(integer(1)),
        "staircase": Field(boolean, False),
    },
    "cosine": {"lr": Field(number(0, 10, low_open=True)), "finalLr": Field(number(0, 10), 0.0)},
    "onecycle": {
        "maxLr": Field(number(0, 10, low_open=True)),
        "pctStart": Field(number(0, 1, low_open=True, high_open=True), 0.25),
        "divFactor": Field(number(0, None, low_open=True), 25.0),
        "finalDivFactor": Field(number(0, None, low_open=True), 1e4),
        "momentumCycle": Field(
            nullable(_object({"base": Field(number(0, 1, high_open=True), 0.85), "max": Field(number(0, 1, high_open=True), 0.95)})),
            None,
        ),
    },
}
SCHEDULE_WITHOUT_WARMUP = tagged(SCHEDULE_KINDS)
SCHEDULE = tagged(
    {
        **SCHEDULE_KINDS,
        "warmup": {"steps": Field(integer(1)), "startFactor": Field(number(0, 1), 0.0), "then": Field(SCHEDULE_WITHOUT_WARMUP)},
    }
)

_SHARED_OPTIMIZER = {"weightDecay": Field(number(0, 1), 0.0), "gradClipNorm": Field(nullable(number(0, None, low_open=True)), None)}
_ADAM = {
    "beta1": Field(number(0, 1, high_open=True), 0.9),
    "beta2": Field(number(0, 1, high_open=True), 0.999),
    "eps": Field(number(0, 1, low_open=True), 1e-8),
}
_OPTIMIZER_FIELDS = tagged(
    {
        "sgd": {"momentum": Field(number(0, 1, high_open=True), 0.0), "nesterov": Field(boolean, False), **_SHARED_OPTIMIZER},
        "adam": {**_ADAM, **_SHARED_OPTIMIZER},
        "adamw": {**_ADAM, **_SHARED_OPTIMIZER, "weightDecay": Field(number(0, 1), 0.01)},
    }
)


def OPTIMIZER(value: Any, path: str, issues: list[Issue]) -> dict[str, Any]:
    optimizer = _OPTIMIZER_FIELDS(value, path, issues)
    if optimizer["type"] == "sgd" and optimizer["nesterov"] and optimizer["momentum"] <= 0:
        issues.append({"path": _join(path, "nesterov"), "message": "Nesterov momentum needs momentum > 0"})
        raise _Invalid("")
    return optimizer

REDRAW = one_of("once", "epoch")
AUGMENT = tagged(
    {
        "flip": {
            "axis": Field(one_of("rows", "cols")),
            "p": Field(number(0, 1), 0.5),
            "per": Field(one_of("batch", "sample"), "sample"),
            "redraw": Field(REDRAW, "epoch"),
        },
        "crop": {"padding": Field(integer(1, 8), 4), "redraw": Field(REDRAW, "epoch")},
        "erase": {
            "p": Field(number(0, 1), 0.25),
            "scale": Field(interval(0, 1), [0.02, 0.33]),
            "ratio": Field(interval(0, None), [0.3, 3.3]),
            "value": Field(number(-1e6, 1e6), 0.0),
            "redraw": Field(REDRAW, "epoch"),
        },
    }
)


def _budgets(value: Any, path: str, issues: list[Issue]) -> list[int]:
    budgets = array(one_of(*BUDGETS), min_items=1)(value, path, issues)
    return sorted(set(budgets))


def _version(value: Any, path: str, issues: list[Issue]) -> int:
    if isinstance(value, bool) or value not in SUPPORTED_VERSIONS:
        raise _Invalid(f"unsupported spec version {json.dumps(value)}; supported: {', '.join(map(str, SUPPORTED_VERSIONS))}")
    return int(value)


SPEC = _object(
    {
        "version": Field(_version),
        "seed": Field(integer(0, 2**31 - 1), 42),
        "budgets": Field(_budgets, list(BUDGETS)),
        "model": Field(_object({"layers": Field(array(_layer, min_items=1))})),
        "loss": Field(
            _object({"type": Field(one_of("cross_entropy"), "cross_entropy"), "labelSmoothing": Field(number(0, 1, high_open=True), 0.0)}),
            {"type": "cross_entropy", "labelSmoothing": 0},
        ),
        "optimizer": Field(OPTIMIZER, {"type": "adam"}),
        "schedule": Field(SCHEDULE, {"type": "constant", "lr": 0.001}),
        "data": Field(
            _object(
                {
                    "batchSize": Field(integer(*BATCH_SIZES), 32),
                    "shuffle": Field(boolean, False),
                    "normalize": Field(
                        either(
                            one_of("scale", "standardize"),
                            _object({"mean": Field(number(-1, 2)), "std": Field(number(1e-3, 10))}),
                            'must be "scale", "standardize" or {"mean": …, "std": …}',
                        ),
                        "scale",
                    ),
                    "augment": Field(array(AUGMENT, max_items=8), []),
                    "testTimeFlip": Field(nullable(one_of("rows", "cols")), None),
                }
            ),
            {},
        ),
    }
)


def normalise(raw: Any) -> Spec:
    """The spec with every default filled in; raises SpecError listing every issue."""
    issues: list[Issue] = []
    try:
        spec = SPEC(raw, "", issues)
    except _Invalid as invalid:
        if str(invalid):
            issues.append({"path": "", "message": str(invalid)})
        raise SpecError(issues) from None
    # The checkers above build exactly this shape (tests/test_spec_types.py checks it).
    return cast(Spec, spec)


def json_depth_exceeds(text: str, limit: int) -> bool:
    """Whether brackets nest deeper than `limit`, scanned without parsing (so a
    deeply nested input costs nothing but one pass)."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not valid JSON")


def parse_json(data: bytes) -> Any:
    """Parses spec bytes within the size and nesting limits; raises SpecError."""
    if len(data) > MAX_SPEC_BYTES:
        raise SpecError([{"path": "", "message": f"the spec is {len(data)} bytes; the limit is {MAX_SPEC_BYTES} bytes (64 KiB)"}])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SpecError([{"path": "", "message": "the spec is not UTF-8 text"}]) from None
    if json_depth_exceeds(text, MAX_JSON_DEPTH):
        raise SpecError([{"path": "", "message": f"the JSON nests deeper than {MAX_JSON_DEPTH} levels"}])
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except ValueError as error:
        raise SpecError([{"path": "", "message": f"not valid JSON: {error}"}]) from None


def canonical_json(spec: Any) -> str:
    """Sorted keys, no spaces: the bytes that are hashed and stored (docs/spec.md)."""
    return json.dumps(spec, sort_keys=True, separators=(",", ":"), allow_nan=False)


def depends_on_total(schedule: Schedule) -> bool:
    """The budget-sharing rule: cosine and one-cycle need the run's total step count,
    so a spec using either (directly or after a warm-up) must train each budget apart."""
    if schedule["type"] == "warmup":
        return depends_on_total(schedule["then"])
    return schedule["type"] in ("cosine", "onecycle")
