"""The only writer of stdout: one JSON object per line, flushed at once, so the
worker sees every line as it happens. Logs go to stderr."""

import json
import sys
from typing import Any


def emit(message: dict[str, Any]) -> None:
    # allow_nan=False: a NaN would make the line invalid JSON for the worker.
    line = json.dumps(message, allow_nan=False, separators=(",", ":"))
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
