"""`npm run bench:engine`: the engine's training epoch against a plain PyTorch loop.

In one process, side by side, for Sean's model and the small ResNet example
(lib/spec/examples): the engine's own training loop (worker/engine/train.py) and a
plain hand-written loop of the same model, batch size and thread count — the loop
most PyTorch code has: a DataLoader over a TensorDataset and the optimiser's default
implementation. Prints seconds per epoch (median over --epochs), images per second,
achieved training GFLOP/s (the FLOPs torch.utils.flop_counter counts in one training
step, see training_flops_per_image) against the machine's peak FP32 (measured with scripts/peak_fp32.c where a C compiler
is available, see peak_fp32), test-set evaluation time and peak memory.

  python scripts/bench_engine.py [--epochs 3] [--quick] [--train-limit N] [--threads N]
                                 [--device cpu|cuda] [--models sean,resnet]
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

warnings.filterwarnings("ignore", message="Failed to initialize NumPy")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "worker"))

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch.utils.data import DataLoader, TensorDataset  # noqa: E402
from torch.utils.flop_counter import FlopCounterMode  # noqa: E402

from engine import data as dataset  # noqa: E402
from engine.model import build_model, layout  # noqa: E402
from engine.schedule import learning_rate  # noqa: E402
from engine.spec_types import Spec  # noqa: E402
from engine.tests.normalised import normalised  # noqa: E402
from engine.train import Data, normalise_pixels, train_run  # noqa: E402

EXAMPLES = {"sean": "sean-moriarity.json", "resnet": "small-resnet-onecycle.json"}
EVAL_BATCH = 1000
PEAK_ATTEMPTS = 3
# AMD's family 25 with AVX-512 is Zen 4, which runs each 512-bit FMA on its two 256-bit
# halves in turn: as many FLOPs per cycle as AVX2 (Zen 3 is family 25 without AVX-512).
ZEN4_FAMILY = 25


def load_spec(name: str) -> Spec:
    return normalised(json.loads((REPO / "lib" / "spec" / "examples" / EXAMPLES[name]).read_text()))


def nominal_peak_fp32(threads: int) -> tuple[float, str]:
    """Cores × the clock /proc/cpuinfo reports × FLOPs per cycle, the last from the
    vector units its flags announce (two FMA units per core assumed)."""
    flags: set[str] = set()
    mhz, vendor, family = 0.0, "", 0
    with open("/proc/cpuinfo") as info:
        for line in info:
            key, _, value = line.partition(":")
            key = key.strip()
            if key == "flags" and not flags:
                flags = set(value.split())
            elif key == "cpu MHz" and not mhz:
                mhz = float(value)
            elif key == "vendor_id" and not vendor:
                vendor = value.strip()
            elif key == "cpu family" and not family:
                family = int(value)
    if "avx512f" in flags and vendor == "AuthenticAMD" and family == ZEN4_FAMILY:
        per_cycle, unit = 32, "AVX-512 on Zen 4's 256-bit units: 2 FMA units × 8 FP32 lanes × 2 FLOPs"
    elif "avx512f" in flags:
        per_cycle, unit = 64, "AVX-512: 2 FMA units × 16 FP32 lanes × 2 FLOPs"
    elif "avx2" in flags and "fma" in flags:
        per_cycle, unit = 32, "AVX2: 2 FMA units × 8 FP32 lanes × 2 FLOPs"
    else:
        per_cycle, unit = 8, "SSE: 4 FP32 lanes × 2 (add + mul)"
    peak = threads * mhz * 1e6 * per_cycle
    return peak, f"{threads} cores × {mhz / 1000:.2f} GHz × {per_cycle} FLOP/cycle ({unit}) = {peak / 1e9:.1f} GFLOP/s"


def measured_peak_fp32(threads: int) -> float | None:
    """FMA throughput of `threads` cores at once (scripts/peak_fp32.c, one copy per
    core), or None without a C compiler."""
    binary = REPO / ".cache" / "peak_fp32"
    binary.parent.mkdir(exist_ok=True)
    try:
        subprocess.run(
            [os.environ.get("CC", "cc"), "-O2", "-march=native", "-o", str(binary), str(REPO / "scripts" / "peak_fp32.c")], check=True, capture_output=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    cpus = sorted(os.sched_getaffinity(0))
    best = 0.0
    for _ in range(PEAK_ATTEMPTS):  # the best attempt: a busy moment can only lower it
        copies = [subprocess.Popen([str(binary)], stdout=subprocess.PIPE, text=True, preexec_fn=_pin(cpus[index % len(cpus)])) for index in range(threads)]
        best = max(best, sum(float(copy.communicate()[0].split()[0]) for copy in copies))
    return best


def _pin(cpu: int):
    """One copy per core: left to the scheduler, two copies can share one for a while."""
    return lambda: os.sched_setaffinity(0, {cpu})


def peak_fp32(threads: int) -> tuple[float, str]:
    """The peak the %-of-peak column divides by, and how it was derived. The measured
    one wins where there is one: under a hypervisor /proc/cpuinfo shows the nominal
    clock (2.45 GHz on the AMD EPYC this was written on, whose cores run at about 3.2 GHz)."""
    nominal, derivation = nominal_peak_fp32(threads)
    measured = measured_peak_fp32(threads)
    if measured is None:
        return nominal, f"{derivation} (nominal clock from /proc/cpuinfo; no C compiler to measure it)"
    return measured, (
        f"{measured / 1e9:.1f} GFLOP/s measured: {threads} cores running independent FMAs at once (scripts/peak_fp32.c); "
        f"the nominal clock from /proc/cpuinfo would give {derivation}"
    )


def training_flops_per_image(spec: Spec) -> int:
    """One training step's FLOPs per image as torch.utils.flop_counter counts them on the
    meta device: the multiply-adds (2 FLOPs each) of the convolutions and matrix
    products, forward and backward — the work the peak FP32 is measured on; pools,
    norms and activations are memory-bound and not counted."""
    network = layout(spec)
    counter = FlopCounterMode(display=False)
    with counter:
        # Two images: BatchNorm1d refuses to train on one value per channel.
        network(torch.empty(2, 1, 28, 28, device="meta")).sum().backward()
    return counter.get_total_flops() // 2


def engine_epochs(spec: Spec, data: Data, epochs: int, device: torch.device) -> tuple[list[float], float]:
    messages: list[dict[str, Any]] = []
    train_run(spec, data, epochs, [epochs], device, messages.append)
    seconds = [m["seconds"] for m in messages if m["type"] == "epoch"]
    evaluation = next(m["evalSeconds"] for m in messages if m["type"] == "checkpoint")
    return seconds, evaluation


def plain_epochs(spec: Spec, data: Data, epochs: int, device: torch.device) -> tuple[list[float], float]:
    """The plain loop: same model and initialisation, default optimiser implementation,
    batches from a DataLoader (no augmentation)."""
    model = build_model(spec).to(device)
    options = spec["optimizer"]
    optimizer: torch.optim.Optimizer
    if options["type"] == "sgd":
        optimizer = torch.optim.SGD(model.parameters(), lr=0.0, momentum=options["momentum"], nesterov=options["nesterov"], weight_decay=options["weightDecay"])
    else:
        kind = torch.optim.Adam if options["type"] == "adam" else torch.optim.AdamW
        optimizer = kind(model.parameters(), lr=0.0, betas=(options["beta1"], options["beta2"]), eps=options["eps"], weight_decay=options["weightDecay"])
    loader = DataLoader(TensorDataset(data.train_images, data.train_labels), batch_size=spec["data"]["batchSize"], shuffle=spec["data"]["shuffle"])
    total, step, seconds = epochs * len(loader), 0, []
    model.train()
    for _ in range(epochs):
        started = time.perf_counter()
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            for group in optimizer.param_groups:
                group["lr"] = learning_rate(spec["schedule"], step, total)
            loss = F.cross_entropy(model(images), labels, label_smoothing=spec["loss"]["labelSmoothing"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
        _synchronise(device)
        seconds.append(time.perf_counter() - started)
    started = time.perf_counter()
    model.eval()
    with torch.no_grad():
        predictions = [model(data.test_images[start : start + EVAL_BATCH]).argmax(1) for start in range(0, len(data.test_labels), EVAL_BATCH)]
    torch.cat(predictions).cpu()
    return seconds, time.perf_counter() - started


def _synchronise(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize()


def peak_memory_mib(device: torch.device) -> float:
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated() / 2**20
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=3, help="epochs per measurement; the median is reported")
    parser.add_argument("--quick", action="store_true", help="2 epochs on the first 6,000 training images")
    parser.add_argument("--train-limit", type=int, help="train on the first N images (default: all 60,000)")
    parser.add_argument("--threads", type=int, default=int(os.environ.get("CATWALK_ENGINE_THREADS") or os.cpu_count() or 1))
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu")
    parser.add_argument("--models", default="sean,resnet", help="comma-separated: " + ", ".join(EXAMPLES))
    args = parser.parse_args()
    epochs = 2 if args.quick else args.epochs
    train_limit = 6000 if args.quick and not args.train_limit else args.train_limit

    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    fashion = dataset.load()
    hardware = torch.cuda.get_device_name(device) if device.type == "cuda" else _cpu_name()
    print(f"torch {torch.__version__}, {args.threads} threads, device {device.type}: {hardware}")
    if device.type == "cpu":
        peak, derivation = peak_fp32(args.threads)
        print(f"peak FP32: {derivation}")
    else:
        peak = None
        print("peak FP32: not derived for GPUs (the %-of-peak column is left empty)")

    header = f"{'model':<8} {'loop':<28} {'s/epoch':>8} {'images/s':>9} {'GFLOP/s':>8} {'% peak':>7} {'eval s':>7} {'peak MiB':>9}"
    rows = [header, "-" * len(header)]
    for name in args.models.split(","):
        spec = load_spec(name)
        flops = training_flops_per_image(spec)
        count = min(train_limit or len(fashion.train_labels), len(fashion.train_labels))
        normalize = spec["data"]["normalize"]
        data = Data(
            train_images=normalise_pixels(fashion.train_images[:count], normalize),
            train_labels=fashion.train_labels[:count],
            test_images=normalise_pixels(fashion.test_images, normalize).to(device),
            test_labels=fashion.test_labels.to(device),
        )
        optimizer = spec["optimizer"]["type"]
        measured = {}
        for loop, run in ((f"engine ({optimizer}, fused)", engine_epochs), (f"plain ({optimizer}, DataLoader)", plain_epochs)):
            if device.type == "cuda":
                torch.cuda.reset_peak_memory_stats()
            seconds, evaluation = run(spec, data, epochs, device)
            median = statistics.median(seconds)
            measured[loop] = median
            achieved = flops * count / median
            percent = f"{100 * achieved / peak:6.1f}%" if peak else ""
            rows.append(
                f"{name:<8} {loop:<28} {median:8.2f} {count / median:9.0f} {achieved / 1e9:8.1f} {percent:>7} {evaluation:7.2f} {peak_memory_mib(device):9.0f}"
            )
            print(f"{rows[-1]}   (epochs: {', '.join(f'{s:.2f}' for s in seconds)} s)", flush=True)
        engine_median, plain_median = measured.values()
        rows.append(f"{name:<8} {'ratio engine / plain':<28} {engine_median / plain_median:8.2f}")
    print("\n" + "\n".join(rows))
    print(
        f"\n{count} training images, {epochs} epochs each (median shown); GFLOP/s counts a training step's conv and matmul FLOPs; "
        "peak MiB is the process's peak resident memory so far (CPU) or peak allocated GPU memory of that loop (CUDA)."
    )


def _cpu_name() -> str:
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown CPU"


if __name__ == "__main__":
    main()
