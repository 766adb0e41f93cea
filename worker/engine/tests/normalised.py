"""Normalised specs for tests and the benchmark, which write specs with defaults left out:
lib/spec's zod schema fills them in (one TypeScript process, tests/normalise-specs.ts, for
the whole session), so no copy of a default lives here. The result is then checked as the
engine checks what it receives."""

import atexit
import json
import subprocess
from pathlib import Path
from typing import Any

from engine.spec import SpecError
from engine.spec_schema import check
from engine.spec_types import Spec

REPO = Path(__file__).resolve().parents[3]
_normaliser: subprocess.Popen[str] | None = None


def _process() -> subprocess.Popen[str]:
    global _normaliser
    if _normaliser is None:
        tsx = REPO / "node_modules" / ".bin" / "tsx"
        _normaliser = subprocess.Popen([str(tsx), "tests/normalise-specs.ts"], cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        atexit.register(_normaliser.kill)
    return _normaliser


def normalised(raw: Any) -> Spec:
    """`raw` with every default filled in; raises SpecError with lib/spec's issues."""
    process = _process()
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(json.dumps(raw) + "\n")
    process.stdin.flush()
    answer = json.loads(process.stdout.readline())
    if not answer["ok"]:
        raise SpecError(answer["issues"])
    return check(answer["spec"])
