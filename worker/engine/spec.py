"""What the engine needs around a spec: its issue and error types, reading its JSON, and the
budget-sharing rule. Its rules are lib/spec's zod schema; spec_schema.py checks a spec against them."""

import json
from typing import Any, NoReturn, TypedDict

from .spec_types import Schedule


class Issue(TypedDict):
    path: str
    message: str


class SpecError(Exception):
    def __init__(self, issues: list[Issue]):
        super().__init__("; ".join(f"{i['path'] or '(spec)'}: {i['message']}" for i in issues))
        self.issues = issues


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not valid JSON")


def parse_json(data: bytes) -> Any:
    """The JSON value in `data`; raises SpecError. NaN and Infinity are refused: JSON has no
    such numbers, and a schema's range checks would let NaN through (it compares false)."""
    try:
        return json.loads(data, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as error:  # RecursionError: nested deeper than Python recurses
        raise SpecError([{"path": "", "message": f"not valid JSON: {error}"}]) from None


def depends_on_total(schedule: Schedule) -> bool:
    """The budget-sharing rule: cosine and one-cycle need the run's total step count,
    so a spec using either (directly or after a warm-up) must train each budget apart."""
    if schedule["type"] == "warmup":
        return depends_on_total(schedule["then"])
    return schedule["type"] in ("cosine", "onecycle")
