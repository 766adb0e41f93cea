"""Command line (run from worker/):

  python -m engine train --spec FILE|- [--budgets 5,20,50] [--train-limit N] [--seed N] [--memory-limit-mb N]
                         [--threads N] [--device auto|cpu|cuda] [--budget-time-limit SECONDS] [--data-dir DIR]
  python -m engine analyze --spec FILE|-      (or --jsonl: one spec per stdin line, one result per line)
  python -m engine dataset [--data-dir DIR]

A spec is the *normalised* one, every default filled in, as lib/spec writes it (the worker,
and `npm run engine`, which normalises a file first); the engine only checks it.
`train` writes the JSON-lines protocol of docs/spec.md on stdout; failures end with an
`error` line and exit code 2 (1 for an unexpected crash). Torch is imported only by the
commands that need it (`analyze` builds the network on the meta device).
"""

import argparse
import hashlib
import os
import resource
import signal
import sys
import time
import traceback
import warnings
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn

from . import ENGINE_VERSION
from .analysis import Analysis, analyse
from .output import emit, log
from .spec import SpecError, parse_json
from .spec_schema import check
from .spec_types import Spec

if TYPE_CHECKING:
    import torch

EXIT_FAILED = 2
MAX_SEED = 2**31 - 1
# The engine needs no NumPy; torch warns on import when it is absent.
warnings.filterwarnings("ignore", message="Failed to initialize NumPy")


def _read_spec_bytes(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    with open(source, "rb") as file:
        return file.read()


def check_spec(data: bytes) -> tuple[Spec, Analysis]:
    """(typed spec, analysis); raises SpecError."""
    spec = check(parse_json(data))
    return spec, analyse(spec)


def _analysis_json(data: bytes) -> dict[str, Any]:
    """The network's layers, the training runs `train` would make of the spec's budgets,
    and the normalised spec; or the issues."""
    from .train import plan

    try:
        spec, analysis = check_spec(data)
    except SpecError as error:
        return {"ok": False, "issues": error.issues}
    return {**analysis.as_json(), "plan": plan(spec, spec["budgets"]), "spec": spec}


def command_analyze(args: argparse.Namespace) -> int:
    if args.jsonl:
        for line in sys.stdin.buffer:
            if line.strip():
                emit(_analysis_json(line.strip()))
        return 0
    emit(_analysis_json(_read_spec_bytes(args.spec)))
    return 0


def command_dataset(args: argparse.Namespace) -> int:
    from . import data

    try:
        directory = data.locate(args.data_dir)
        emit({"directory": str(directory), "checksums": data.verify(directory)})
    except data.DatasetError as error:
        emit({"type": "error", "kind": "dataset", "message": str(error)})
        return EXIT_FAILED
    return 0


def _budgets(text: str) -> list[int]:
    try:
        budgets = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated epoch counts, got {text!r}") from None
    if not budgets or any(b < 1 or b > 1000 for b in budgets):
        raise argparse.ArgumentTypeError("each budget must be between 1 and 1000 epochs")
    return sorted(set(budgets))


def cap_memory(megabytes: int, device: "torch.device") -> None:
    """RLIMIT_AS for this process, so that an allocation beyond it fails (and the run ends
    as out_of_memory) instead of the kernel's OOM killer taking the worker or the machine.
    Not on CUDA: its driver reserves far more virtual address space than any limit that
    would still bound host memory, so there the cap must come from a cgroup (README)."""
    if device.type == "cuda":
        log(f"engine: --memory-limit-mb {megabytes} is not applied on CUDA (the driver reserves a large virtual address space)")
        return
    limit = megabytes << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _default_threads() -> int:
    return int(os.environ.get("CATWALK_ENGINE_THREADS") or os.cpu_count() or 1)


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform

    return platform.processor() or platform.machine()


class Cancelled(BaseException):
    """Raised from SIGTERM/SIGINT so the run unwinds at the next Python bytecode."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_cancelled(signum: int, frame: FrameType | None) -> NoReturn:
    raise Cancelled(signum)


def _failure(kind: str, message: str, **extra: Any) -> int:
    emit({"type": "error", "kind": kind, "message": message, **extra})
    return EXIT_FAILED


def command_train(args: argparse.Namespace) -> int:
    started = time.monotonic()
    try:
        spec_bytes = _read_spec_bytes(args.spec)
        spec, _ = check_spec(spec_bytes)
    except OSError as error:
        return _failure("invalid_spec", f"cannot read the spec: {error}")
    except SpecError as error:
        return _failure("invalid_spec", str(error), issues=error.issues)
    if args.seed is not None:
        # An extra-seed run: the spec (and so its hash) stays the entry's; only the seed it trains with changes.
        if not 0 <= args.seed <= MAX_SEED:
            return _failure("invalid_spec", f"--seed must be from 0 to {MAX_SEED}, not {args.seed}")
        spec["seed"] = args.seed

    # CUDA reads this when cuBLAS starts; it makes cuBLAS deterministic.
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    import torch

    from . import data as dataset
    from .model import layout
    from .train import Data, Diverged, TimedOut, normalise_pixels, plan, steps_per_epoch, train_run

    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True, warn_only=True)
    torch.backends.cudnn.benchmark = False
    if args.device == "cuda" and not torch.cuda.is_available():
        return _failure("internal", "--device cuda was asked for but CUDA is not available")
    use_cuda = args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available())
    device = torch.device("cuda" if use_cuda else "cpu")

    if args.memory_limit_mb is not None:
        cap_memory(args.memory_limit_mb, device)
    try:
        loaded = dataset.load(args.data_dir)
    except dataset.DatasetError as error:
        return _failure("dataset", str(error))
    try:
        part = dataset.split(loaded, args.train_limit)
    except ValueError as error:
        return _failure("internal", f"--train-limit: {error}")
    normalize = spec["data"]["normalize"]
    data = Data(
        train_images=normalise_pixels(part.train_images, normalize),
        train_labels=part.train_labels,
        test_images=normalise_pixels(part.eval_images, normalize).to(device),
        test_labels=part.eval_labels.to(device),
        name_misclassified=part.evaluation == "test",
    )
    train_count = len(part.train_labels)
    network = layout(spec)
    if train_count == 1 and any(isinstance(module, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d)) for module in network.modules()):
        return _failure("invalid_spec", "batch norm cannot train on a single image: a development run of this model needs a trainLimit of at least 2")
    budgets = args.budgets or spec["budgets"]
    runs = plan(spec, budgets)
    emit(
        {
            "type": "start",
            "engineVersion": ENGINE_VERSION,
            "torchVersion": torch.__version__,
            "device": device.type,
            "threads": args.threads,
            "hardware": torch.cuda.get_device_name(device) if use_cuda else f"{_cpu_name()} ({os.cpu_count()} logical CPUs)",
            "specHash": hashlib.sha256(spec_bytes).hexdigest(),
            "seed": spec["seed"],
            "datasetChecksums": loaded.checksums,
            "trainSize": train_count,
            "testSize": len(part.eval_labels),
            "evaluation": part.evaluation,
            "stepsPerEpoch": steps_per_epoch(train_count, spec["data"]["batchSize"]),
            "sharedBudgets": len(runs) == 1 and len(runs[0]["budgets"]) > 1,
            "plan": runs,
        }
    )
    for run in runs:
        try:
            train_run(spec, data, run["epochs"], run["budgets"], device, emit, args.budget_time_limit)
        except Diverged as error:
            return _failure("diverged", str(error), epoch=error.epoch, step=error.step, budget=run["budgets"][0])
        except TimedOut as error:
            return _failure("timed_out", str(error), epoch=error.epoch, step=error.step, budget=error.budget)
        except (torch.OutOfMemoryError, MemoryError) as error:
            return _failure("out_of_memory", f"out of memory: {error}", budget=run["budgets"][0])
        except RuntimeError as error:
            if "can't allocate memory" in str(error) or "out of memory" in str(error):
                return _failure("out_of_memory", f"out of memory: {error}", budget=run["budgets"][0])
            raise
    emit({"type": "done", "wallSeconds": time.monotonic() - started})
    return 0


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m engine", description="Catwalk's training engine")
    commands = parser.add_subparsers(dest="command", required=True)
    train = commands.add_parser("train", help="train a spec and stream JSON lines")
    train.add_argument("--spec", required=True, help="spec file, or - for stdin")
    train.add_argument("--budgets", type=_budgets, help="comma-separated epoch budgets (default: the spec's)")
    train.add_argument(
        "--train-limit",
        type=int,
        help="a development run: train on the first N training images and evaluate on the fixed development slice"
        " at the end of the training set (data.DEV_EVAL_IMAGES), never on the test set",
    )
    train.add_argument(
        "--seed", type=int, help="train with this seed instead of the spec's (an extra-seed run); the start line's specHash is still the spec file's"
    )
    train.add_argument(
        "--memory-limit-mb", type=int, help="cap the engine's address space (RLIMIT_AS) at this many MiB on the CPU; a run beyond it ends as out_of_memory"
    )
    train.add_argument("--threads", type=int, default=_default_threads(), help="CPU threads (default: CATWALK_ENGINE_THREADS or all CPUs)")
    train.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    train.add_argument("--budget-time-limit", type=float, help="seconds of training allowed per budget")
    train.add_argument("--data-dir", help="directory with the four Fashion-MNIST IDX files")
    analyze = commands.add_parser("analyze", help="validate a spec and print its layer shapes, parameters and training runs")
    source = analyze.add_mutually_exclusive_group(required=True)
    source.add_argument("--spec", help="spec file, or - for stdin")
    source.add_argument("--jsonl", action="store_true", help="read one spec per line from stdin")
    dataset = commands.add_parser("dataset", help="verify (or fetch) the dataset and print its directory and checksums")
    dataset.add_argument("--data-dir")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _raise_cancelled)
    signal.signal(signal.SIGINT, _raise_cancelled)
    command = {"train": command_train, "analyze": command_analyze, "dataset": command_dataset}[args.command]
    try:
        return command(args)
    except Cancelled as cancelled:
        log(f"engine: cancelled by {cancelled}")
        return 128 + cancelled.signum
    except MemoryError as error:  # beyond --memory-limit-mb before training began
        return _failure("out_of_memory", f"out of memory: {error}")
    except Exception as error:  # an engine bug: report it, then fail loudly
        traceback.print_exc()
        emit({"type": "error", "kind": "internal", "message": f"{type(error).__name__}: {error}"})
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
