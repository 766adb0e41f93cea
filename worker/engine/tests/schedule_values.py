"""Test support for lib/spec/engine-agreement.test.ts (not a pytest module): reads JSON
lines {"schedule": a normalised schedule, "points": [[step, total], ...]} on stdin and
prints for each {"lr": [...], "momentum": [...]}, schedule.py's values at those points.
It imports no torch, so it starts at once:

  python -m engine.tests.schedule_values < requests.jsonl
"""

import json
import sys

from engine.schedule import learning_rate, momentum


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        schedule, points = request["schedule"], request["points"]
        lr = [learning_rate(schedule, step, total) for step, total in points]
        print(json.dumps({"lr": lr, "momentum": [momentum(schedule, step, total) for step, total in points]}))


if __name__ == "__main__":
    main()
