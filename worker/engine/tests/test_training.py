"""The training loop and the command line on real data subsets: determinism, budget
sharing, failures as results, and the JSON-lines protocol."""

import json
import signal
import subprocess
import time
from collections.abc import Mapping
from typing import Any

import pytest
import torch

from engine import ENGINE_VERSION
from engine.data import DEV_EVAL_IMAGES, split
from engine.spec_schema import SCHEMA
from engine.train import plan, trained_images

from .conftest import PYTHON, REPO, WORKER, sean_spec_from_docs, tiny_spec, train_in_process, without_seconds
from .normalised import normalised


def run_cli(spec: Mapping[str, object] | str, *args: str, timeout: float = 150) -> tuple[int, list[dict[str, Any]]]:
    text = spec if isinstance(spec, str) else json.dumps(spec)
    done = subprocess.run(
        [PYTHON, "-m", "engine", "train", "--spec", "-", "--threads", "2", *args],
        input=text,
        cwd=WORKER,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return done.returncode, [json.loads(line) for line in done.stdout.splitlines()]


def test_two_runs_print_identical_lines_except_seconds():
    spec = tiny_spec(data={"shuffle": True, "augment": [{"type": "flip", "axis": "cols"}, {"type": "crop", "padding": 2}]})
    args = ("--budgets", "1,2", "--train-limit", "300")
    first_code, first = run_cli(spec, *args)
    second_code, second = run_cli(spec, *args)
    assert first_code == second_code == 0
    assert [m["type"] for m in first if m["type"] != "progress"] == ["start", "epoch", "checkpoint", "epoch", "checkpoint", "done"]
    assert without_seconds(first) == without_seconds(second)


def test_the_start_line_records_what_the_numbers_depend_on():
    code, messages = run_cli(tiny_spec(), "--budgets", "1", "--train-limit", "64")
    start = messages[0]
    assert code == 0 and start["type"] == "start"
    assert start["device"] == "cpu" and start["threads"] == 2 and start["seed"] == 42
    assert start["torchVersion"] == torch.__version__ and start["engineVersion"]
    assert len(start["specHash"]) == 64 and len(start["datasetChecksums"]) == 4
    assert (start["trainSize"], start["testSize"], start["evaluation"], start["stepsPerEpoch"]) == (64, DEV_EVAL_IMAGES, "development", 2)
    progress = [m for m in messages if m["type"] == "progress"]
    assert progress[-1] == {"type": "progress", "runEpochs": 1, "epoch": 1, "step": 2, "steps": 2}
    checkpoint = next(m for m in messages if m["type"] == "checkpoint")
    assert sum(map(sum, checkpoint["confusionMatrix"])) == DEV_EVAL_IMAGES and len(checkpoint["perClassAccuracy"]) == 10
    assert checkpoint["testAccuracy"] == sum(checkpoint["confusionMatrix"][i][i] for i in range(10)) / DEV_EVAL_IMAGES


def test_every_run_records_the_plain_engine_version():
    mlp = tiny_spec(model={"layers": [{"type": "flatten"}, {"type": "dense", "units": 10}]})
    (conv_code, conv), (mlp_code, dense) = (run_cli(spec, "--budgets", "1", "--train-limit", "64") for spec in (tiny_spec(), mlp))
    assert conv_code == mlp_code == 0
    assert conv[0]["engineVersion"] == dense[0]["engineVersion"] == ENGINE_VERSION


DENSE_BATCH_NORM = {"layers": [{"type": "flatten"}, {"type": "dense", "units": 16}, {"type": "batchnorm"}, {"type": "dense", "units": 10}]}


def test_a_last_batch_of_one_image_is_left_out_so_batch_norm_trains():
    code, messages = run_cli(tiny_spec(model=DENSE_BATCH_NORM), "--budgets", "1", "--train-limit", "65")
    assert code == 0, messages[-1]
    assert messages[0]["trainSize"] == 65 and messages[0]["stepsPerEpoch"] == 2
    assert [m["type"] for m in messages if m["type"] != "progress"] == ["start", "epoch", "checkpoint", "done"]
    assert trained_images(60_000, 32) == 60_000 and trained_images(65, 32) == 64 and trained_images(66, 32) == 66


def test_no_allowed_batch_size_leaves_a_full_data_run_a_last_batch_of_one():
    batch_size = SCHEMA["properties"]["data"]["properties"]["batchSize"]
    assert all(trained_images(60_000, size) == 60_000 for size in range(batch_size["minimum"], batch_size["maximum"] + 1))


def test_a_batch_norm_model_with_a_single_training_image_is_refused_naming_train_limit():
    code, messages = run_cli(tiny_spec(model=DENSE_BATCH_NORM), "--budgets", "1", "--train-limit", "1")
    assert code == 2 and messages == [{"type": "error", "kind": "invalid_spec", "message": messages[0]["message"]}]
    assert "trainLimit" in messages[0]["message"]


def test_a_development_run_evaluates_on_the_held_out_end_of_the_training_set(fashion):
    part = split(fashion, 256)
    assert torch.equal(part.train_images, fashion.train_images[:256])
    assert torch.equal(part.eval_images, fashion.train_images[-DEV_EVAL_IMAGES:]) and torch.equal(part.eval_labels, fashion.train_labels[-DEV_EVAL_IMAGES:])
    assert part.evaluation == "development"
    with pytest.raises(ValueError, match="from 1 to 58000"):
        split(fashion, 58_001)
    full = split(fashion, None)
    assert full.evaluation == "test" and torch.equal(full.eval_labels, fashion.test_labels)


def test_a_test_subset_cannot_be_asked_for():
    done = subprocess.run(
        [PYTHON, "-m", "engine", "train", "--spec", "-", "--test-limit", "3"], input="{}", cwd=WORKER, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and "unrecognized arguments: --test-limit" in done.stderr


def test_the_5_epoch_checkpoint_of_a_20_epoch_run_equals_a_separate_5_epoch_run(fashion):
    spec = tiny_spec(data={"shuffle": True, "augment": [{"type": "flip", "axis": "rows", "redraw": "epoch"}]})
    assert plan(spec, [5, 20]) == [{"epochs": 20, "budgets": [5, 20]}]
    shared = train_in_process(spec, fashion, [5, 20])
    alone = train_in_process(spec, fashion, [5])
    shared_first_five = [m for m in shared if m["type"] != "progress"][:6]  # five epochs and the checkpoint
    assert without_seconds([{**m, "runEpochs": 5, "epochs": 5} if m["type"] == "epoch" else m for m in shared_first_five]) == without_seconds(
        [m for m in alone if m["type"] != "progress"]
    )
    assert [m["budget"] for m in shared if m["type"] == "checkpoint"] == [5, 20]


def test_budgets_train_separately_when_the_schedule_depends_on_the_total():
    for schedule in ({"type": "cosine", "lr": 0.1}, {"type": "warmup", "steps": 5, "then": {"type": "onecycle", "maxLr": 0.1}}):
        assert plan(tiny_spec(schedule=schedule), [5, 20, 50]) == [
            {"epochs": 5, "budgets": [5]},
            {"epochs": 20, "budgets": [20]},
            {"epochs": 50, "budgets": [50]},
        ]
    code, messages = run_cli(tiny_spec(schedule={"type": "cosine", "lr": 0.01}), "--budgets", "1,2", "--train-limit", "64")
    assert code == 0 and messages[0]["sharedBudgets"] is False
    assert [(m["runEpochs"], m["epoch"]) for m in messages if m["type"] == "epoch"] == [(1, 1), (2, 1), (2, 2)]


def test_a_huge_learning_rate_ends_the_run_as_diverged_with_epoch_and_step():
    # Stacked linear layers: each layer's gradient scales with the others' weights,
    # so a huge step grows the weights geometrically until they overflow.
    linear = [{"type": "flatten"}, {"type": "dense", "units": 256}, {"type": "dense", "units": 256}, {"type": "dense", "units": 10}]
    spec = tiny_spec(model={"layers": linear}, optimizer={"type": "sgd", "momentum": 0.9}, schedule={"type": "constant", "lr": 10})
    code, messages = run_cli(spec, "--budgets", "5", "--train-limit", "640")
    error = messages[-1]
    assert code == 2 and error["type"] == "error" and error["kind"] == "diverged", messages[-1]
    assert error["epoch"] >= 1 and error["step"] >= 0 and error["budget"] == 5
    assert "NaN or infinite" in error["message"]


def test_exceeding_the_budget_time_limit_ends_the_run_as_timed_out():
    # The full training set, 1,875 steps an epoch: no CPU runs them in 0.05 s, where a
    # 2,000-image subset might.
    code, messages = run_cli(tiny_spec(), "--budgets", "2,5", "--budget-time-limit", "0.05")
    assert code == 2 and messages[-1]["kind"] == "timed_out" and messages[-1]["budget"] == 2


def test_running_out_of_memory_ends_the_run_as_out_of_memory():
    # A real allocation failure under the engine's own cap: it may map 4 GiB, and one batch
    # of this model's first activation alone needs 1024 images × 1024 channels × 26 × 26
    # floats = 2.8 GB, on top of the ~0.7 GB torch maps at start. lib/spec's memory limit
    # allows it (about 5.7 GB a step): the cap is what stops it.
    wide = {
        "version": 1,
        "budgets": [5],
        "data": {"batchSize": 1024},
        "model": {
            "layers": [{"type": "conv2d", "filters": 1024, "kernel": 3, "activation": "relu"}, {"type": "globalavgpool"}, {"type": "dense", "units": 10}]
        },
    }
    code, messages = run_cli(normalised(wide), "--budgets", "1", "--train-limit", "1024", "--memory-limit-mb", "4096")
    assert code == 2
    assert messages[-1]["type"] == "error" and messages[-1]["kind"] == "out_of_memory" and messages[-1]["budget"] == 1
    assert "allocate" in messages[-1]["message"]


def test_an_invalid_spec_is_rejected_with_the_field_path_and_exit_code_2():
    spec: Any = normalised(sean_spec_from_docs())
    spec["model"]["layers"][2]["filters"] = 0
    code, messages = run_cli(spec)
    assert code == 2 and messages == [
        {
            "type": "error",
            "kind": "invalid_spec",
            "message": "model.layers.2.filters: 0 is less than the minimum of 1",
            "issues": [{"path": "model.layers.2.filters", "message": "0 is less than the minimum of 1"}],
        }
    ]


def test_analyze_prints_shapes_and_parameters_or_issues():
    done = subprocess.run(
        [PYTHON, "-m", "engine", "analyze", "--jsonl"],
        input=json.dumps(normalised(sean_spec_from_docs())) + "\n" + json.dumps({**normalised(sean_spec_from_docs()), "model": {}}) + "\n",
        cwd=WORKER,
        capture_output=True,
        text=True,
        timeout=60,
    )
    ok, bad = map(json.loads, done.stdout.splitlines())
    assert ok["ok"] is True and ok["params"] == 421_642 and ok["outputShape"] == [10]
    assert ok["layers"][0] == {"path": "model.layers.0", "type": "conv2d", "outputShape": [32, 28, 28], "params": 320}
    assert ok["plan"] == [{"epochs": 50, "budgets": [5, 20, 50]}]
    assert bad == {"ok": False, "issues": [{"path": "model.layers", "message": "required"}]}


def test_sigterm_stops_a_run_before_it_trains_its_budget():
    engine = subprocess.Popen(
        [PYTHON, "-m", "engine", "train", "--spec", "-", "--budgets", "50", "--threads", "2"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=WORKER,
        text=True,
    )
    assert engine.stdin is not None and engine.stdout is not None
    engine.stdin.write(json.dumps(normalised(sean_spec_from_docs())))
    engine.stdin.close()
    assert json.loads(engine.stdout.readline())["type"] == "start"
    sent = time.monotonic()
    engine.send_signal(signal.SIGTERM)
    # The exit status is the evidence: a run that ignored the signal would train all 50
    # epochs and exit 0. The timeout only keeps a hang from holding the suite.
    assert engine.wait(timeout=600) == 128 + signal.SIGTERM
    print(f"stopped {time.monotonic() - sent:.1f} s after SIGTERM")


EVERY_CONSTRUCT = {
    "version": 1,
    "model": {
        "layers": [
            {"type": "conv2d", "filters": 8, "kernel": 3, "init": {"weight": "he_normal", "bias": "default"}},
            {"type": "batchnorm"},
            {"type": "activation", "fn": "silu"},
            {
                "type": "residual",
                "body": [{"type": "conv2d", "filters": 8, "kernel": 3, "activation": "gelu"}, {"type": "dropout", "rate": 0.1}],
                "activation": "relu",
            },
            {
                "type": "residual",
                "body": [{"type": "conv2d", "filters": 16, "kernel": 3, "stride": 2, "padding": 1}],
                "shortcut": {"type": "projection", "batchnorm": True},
            },
            {"type": "avgpool", "size": 2},
            {"type": "layernorm"},
            {"type": "globalavgpool"},
            {"type": "dense", "units": 10, "activation": "softmax"},
        ]
    },
    "loss": {"labelSmoothing": 0.1},
    "optimizer": {"type": "adamw", "gradClipNorm": 1.0},
    "schedule": {"type": "warmup", "steps": 3, "then": {"type": "onecycle", "maxLr": 0.01}},
    "data": {
        "batchSize": 16,
        "shuffle": True,
        "normalize": "standardize",
        "testTimeFlip": "cols",
        "augment": [{"type": "flip", "axis": "cols"}, {"type": "crop", "padding": 2}, {"type": "erase", "p": 0.5}],
    },
}


def example_specs() -> list[Any]:
    """Sean's entry from docs/spec.md plus every shipped example in lib/spec/examples."""
    found = sorted((REPO / "lib" / "spec" / "examples").glob("*.json"))
    return [pytest.param(sean_spec_from_docs(), id="docs-sean"), pytest.param(EVERY_CONSTRUCT, id="every-construct")] + [
        pytest.param(json.loads(p.read_text()), id=p.stem) for p in found
    ]


@pytest.mark.parametrize("raw", example_specs())
def test_each_example_trains_one_epoch_on_a_subset(raw, fashion):
    spec = normalised(raw)
    messages = train_in_process(spec, fashion, [1], train=200, test=100)
    epoch, checkpoint = [m for m in messages if m["type"] in ("epoch", "checkpoint")]
    assert epoch["trainLoss"] > 0 and 0 <= epoch["trainAccuracy"] <= 1
    assert checkpoint["budget"] == 1 and sum(map(sum, checkpoint["confusionMatrix"])) == 100
    assert checkpoint["testLoss"] == pytest.approx(checkpoint["testLoss"]) and checkpoint["testLoss"] > 0
