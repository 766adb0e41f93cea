"""Shared fixtures: Sean's spec as docs/spec.md states it, the real dataset, and a
helper that trains in-process on a subset and collects the protocol messages."""

import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest

warnings.filterwarnings("ignore", message="Failed to initialize NumPy")

import torch  # noqa: E402

from engine import data as dataset  # noqa: E402
from engine.spec_types import Normalize, Spec  # noqa: E402
from engine.train import Data, normalise_pixels, plan, train_run  # noqa: E402

from .normalised import normalised  # noqa: E402

REPO = Path(__file__).resolve().parents[3]
WORKER = REPO / "worker"
PYTHON = REPO / ".venv" / "bin" / "python"


def sean_spec_from_docs() -> dict[str, Any]:
    """The JSON block under "## Sean's entry" in docs/spec.md: the contract itself."""
    text = (REPO / "docs" / "spec.md").read_text()
    section = text.split("## Sean's entry", 1)[1]
    block = re.search(r"```json\n(.*?)```", section, re.S)
    assert block is not None, 'docs/spec.md has no JSON block under "## Sean\'s entry"'
    spec: dict[str, Any] = json.loads(block.group(1))
    return spec


@pytest.fixture
def sean() -> Spec:
    return normalised(sean_spec_from_docs())


def tiny_spec(**overrides: Any) -> Spec:
    """A small, fast model for loop-level tests."""
    raw = {
        "version": 1,
        "model": {
            "layers": [
                {"type": "conv2d", "filters": 4, "kernel": 3, "activation": "relu"},
                {"type": "maxpool", "size": 4},
                {"type": "flatten"},
                {"type": "dense", "units": 10},
            ]
        },
        "schedule": {"type": "exponential", "lr": 0.01, "decayRate": 0.5, "transitionSteps": 20},
        "data": {"batchSize": 32},
    }
    raw.update(overrides)
    return normalised(raw)


@pytest.fixture(scope="session")
def fashion() -> dataset.Dataset:
    return dataset.load()


def subset(fashion: dataset.Dataset, normalize: Normalize, train: int, test: int) -> Data:
    return Data(
        train_images=normalise_pixels(fashion.train_images[:train], normalize),
        train_labels=fashion.train_labels[:train],
        test_images=normalise_pixels(fashion.test_images[:test], normalize),
        test_labels=fashion.test_labels[:test],
    )


def train_in_process(
    spec: Spec, fashion: dataset.Dataset, budgets: list[int], train: int = 256, test: int = 200, time_limit: float | None = None
) -> list[dict[str, Any]]:
    torch.set_num_threads(2)
    messages: list[dict[str, Any]] = []
    data = subset(fashion, spec["data"]["normalize"], train, test)
    for run in plan(spec, budgets):
        train_run(spec, data, run["epochs"], run["budgets"], torch.device("cpu"), messages.append, time_limit)
    return messages


def without_seconds(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in m.items() if k not in ("seconds", "evalSeconds", "wallSeconds")} for m in messages]
