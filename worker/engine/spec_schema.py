"""Checks a spec against spec.schema.json, the JSON Schema of the *normalised* spec that
lib/spec generates from its zod schema, the only rulebook (`npm run spec:schema`; a vitest
test fails when the file is stale). The engine receives only normalised specs, so nothing
here fills a default: a missing field is an issue. Whether the layers fit together (shapes,
limits) is analysis.py's job.

Each jsonschema error becomes an issue at the path lib/spec names for it: an unknown or a
missing field at the field itself, and inside a union at the field within the option the
value is meant for, where zod reports it (see `_union_issues`)."""

import json
from pathlib import Path
from typing import Any, cast

from jsonschema import Draft202012Validator, ValidationError

from .spec import Issue, SpecError
from .spec_types import Spec

SCHEMA: dict[str, Any] = json.loads(Path(__file__).with_name("spec.schema.json").read_text())
_VALIDATOR = Draft202012Validator(SCHEMA)
# What zod checks after a value has the right type; a plain union names a field inside its
# one option only when that option failed on these alone (as zod's z.union does).
_RANGE_CHECKS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems")
_KEY_CHECKS = ("additionalProperties",)


def check(value: Any) -> Spec:
    """The normalised spec `value`, typed; raises SpecError listing every issue."""
    try:
        issues = [issue for error in _VALIDATOR.iter_errors(value) for issue in _issues(error)]
    except RecursionError:
        raise SpecError([{"path": "", "message": "the spec nests too deeply"}]) from None
    if issues:
        raise SpecError(list({(i["path"], i["message"]): i for i in issues}.values()))
    # Valid against the schema, which spec_types.py states as types (tests/test_spec_types.py checks they agree).
    return cast(Spec, _conform(value, SCHEMA))


def _conform(value: Any, schema: dict[str, Any]) -> Any:
    """A valid `value` with each number of the type its schema says: JSON does not tell 1
    from 1.0, and the engine computes with floats where the spec has a real number."""
    schema = _resolve(schema)
    option = _option(schema, value)
    if option is not None:
        return _conform(value, _options(schema)[option])
    if "const" in schema or "enum" in schema:
        return value
    if schema.get("type") == "number" and type(value) is int:
        return float(value)
    if schema.get("type") == "integer" and type(value) is float:
        return int(value)
    if isinstance(value, dict):
        fields = schema.get("properties", {})
        return {key: _conform(item, fields[key]) for key, item in value.items()}
    if isinstance(value, list):
        items = schema.get("prefixItems") or [schema.get("items", {})] * len(value)
        return [_conform(item, item_schema) for item, item_schema in zip(value, items, strict=True)]
    return value


def _join(path: str, key: str | int) -> str:
    return f"{path}.{key}" if path else str(key)


def _issues(error: ValidationError) -> list[Issue]:
    path = ".".join(map(str, error.absolute_path))
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator in ("oneOf", "anyOf"):
        return _union_issues(error, schema, path)
    instance = error.instance
    if error.validator == "required":
        return [{"path": _join(path, key), "message": "required"} for key in error.validator_value if key not in instance]
    if error.validator == "additionalProperties":
        known = schema.get("properties", {})
        return [{"path": _join(path, key), "message": f"unknown field {json.dumps(key)}"} for key in instance if key not in known]
    # A rule the schema words itself (the zod schema's own message, e.g. Nesterov's).
    return [{"path": path, "message": schema.get("errorMessage", error.message)}]


def _union_issues(error: ValidationError, schema: dict[str, Any], path: str) -> list[Issue]:
    """Issues inside the option the value is meant for, where zod names them: a
    discriminated union's tagged option, a nullable value's non-null schema, or a plain
    union's option of the value's type when it failed on ranges (or, for an object, unknown keys)
    alone. Otherwise one issue
    at the union itself (or at its discriminator when that picks no option)."""
    instance = error.instance
    key = _discriminator(schema)
    option = _option(schema, instance)
    if key is not None and isinstance(instance, dict) and option is None:
        tags = ", ".join(json.dumps(tag) for choice in _options(schema) for tag in _tags(choice, key))
        found = f"unknown {key} {json.dumps(instance[key])}" if key in instance else "required"
        return [{"path": _join(path, key), "message": f"{found}; expected one of {tags}"}]
    within = [inner for inner in error.context or [] if inner.relative_schema_path[0] == option]
    nullable = any(choice.get("type") == "null" for choice in _options(schema))
    # An object meant for a plain union's one object option: zod names its unknown keys too.
    checks = _RANGE_CHECKS + _KEY_CHECKS if isinstance(instance, dict) else _RANGE_CHECKS
    if option is not None and (key is not None or nullable or all(inner.validator in checks for inner in within)):
        return [issue for inner in within for issue in _issues(inner)]
    return [{"path": path, "message": f"invalid value {json.dumps(instance)[:60]}: {error.message[-120:]}"}]


def _options(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [_resolve(choice) for choice in schema.get("oneOf") or schema.get("anyOf") or []]


def _discriminator(schema: dict[str, Any]) -> str | None:
    marked: dict[str, str] | None = schema.get("discriminator")
    return None if marked is None else marked["propertyName"]


def _option(schema: dict[str, Any], value: Any) -> int | None:
    """Which option of a union `value` is meant for: the one its discriminator names, else
    the first of its JSON type. None when no option fits, or `schema` is no union."""
    key = _discriminator(schema)
    for index, choice in enumerate(_options(schema)):
        if key is not None:
            if isinstance(value, dict) and value.get(key) in _tags(choice, key):
                return index
        elif "type" not in choice or _VALIDATOR.is_type(value, choice["type"]):
            return index
    return None


def _tags(choice: dict[str, Any], key: str) -> list[Any]:
    """The discriminator values that pick `choice` (a nested union: any of its options')."""
    if "oneOf" in choice:
        return [tag for inner in _options(choice) for tag in _tags(inner, key)]
    field = choice["properties"][key]
    return [field["const"]] if "const" in field else list(field["enum"])


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema a local reference (`#/$defs/…`, the recursive layer) points to."""
    if "$ref" not in schema:
        return schema
    resolved: dict[str, Any] = SCHEMA["$defs"][schema["$ref"].removeprefix("#/$defs/")]
    return resolved
