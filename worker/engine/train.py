"""The training loop: for each step, predict → loss → backward → step, with the
learning rate computed for that step. Everything else (the epoch's data, the
schedule, evaluation, reporting) is prepared elsewhere and only sequenced here.

Budget sharing (docs/spec.md): when nothing in the spec depends on the total number of
epochs (no cosine or one-cycle schedule, also not behind a warm-up), one run to the
largest budget is step for step the same computation as each shorter run, so the
smaller budgets are checkpoints of it. Otherwise each budget trains from scratch.
"""

import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypedDict

import torch
import torch.nn.functional as F

from .augment import Augmenter
from .evaluate import MISCLASSIFIED_SHOWN, evaluate
from .model import build_model
from .schedule import learning_rate, momentum
from .spec import depends_on_total
from .spec_types import Normalize, Spec

MEAN, STD = 0.28604059698879553, 0.35302424451492237
PROGRESS_REPORTS_PER_EPOCH = 50
SHUFFLE_SEED_OFFSET = 1000
DROPOUT_SEED_OFFSET = 2000

Report = Callable[[dict[str, Any]], None]


class TrainingRun(TypedDict):
    epochs: int
    budgets: list[int]


class Diverged(Exception):
    def __init__(self, epoch: int, step: int):
        super().__init__(f"the training loss became NaN or infinite at epoch {epoch}, step {step}")
        self.epoch, self.step = epoch, step


class TimedOut(Exception):
    def __init__(self, budget: int, limit: float, epoch: int, step: int):
        super().__init__(f"the {budget}-epoch budget exceeded its time limit of {limit:g} s (at epoch {epoch}, step {step})")
        self.budget, self.epoch, self.step = budget, epoch, step


def plan(spec: Spec, budgets: list[int]) -> list[TrainingRun]:
    """The training runs that produce `budgets`: [{"epochs", "budgets"}]."""
    budgets = sorted(set(budgets))
    if depends_on_total(spec["schedule"]):
        return [{"epochs": budget, "budgets": [budget]} for budget in budgets]
    return [{"epochs": budgets[-1], "budgets": budgets}]


def trained_images(samples: int, batch_size: int) -> int:
    """How many of an epoch's `samples` images it trains on: all of them, except that a
    last batch of a single image (after at least one full batch) is left out. Batch norm
    cannot train on one value per channel; 60,000 images leave no such batch at any
    allowed batch size, so only development runs (--train-limit) ever drop one."""
    return samples - 1 if samples > 1 and samples % batch_size == 1 else samples


def steps_per_epoch(samples: int, batch_size: int) -> int:
    return math.ceil(trained_images(samples, batch_size) / batch_size)


def normalise_pixels(images: torch.Tensor, normalize: Normalize) -> torch.Tensor:
    """uint8 [N, 28, 28] → float32 [N, 1, 28, 28]."""
    scaled = images.unsqueeze(1).float() / 255
    if normalize == "scale":
        return scaled
    mean, std = (MEAN, STD) if normalize == "standardize" else (normalize["mean"], normalize["std"])
    return (scaled - mean) / std


@dataclass
class Data:
    """The normalised training and test sets (CPU for training: augmentations and
    shuffles draw on the CPU; the test set already on the training device)."""

    train_images: torch.Tensor
    train_labels: torch.Tensor
    test_images: torch.Tensor
    test_labels: torch.Tensor
    # Only a test-set result names misclassified images: a development run's evaluation
    # images are training images, which the site does not render.
    name_misclassified: bool = True


class EpochData:
    """Stages each epoch as contiguous tensors on the device — shuffled, augmented and
    normalised in one go — so the loop only slices batches out of them."""

    def __init__(self, spec: Spec, data: Data, device: torch.device):
        self.data, self.device = data, device
        self.memory_format = memory_format(device)
        batch_size = spec["data"]["batchSize"]
        self.shuffle = spec["data"]["shuffle"]
        self.shuffler = torch.Generator().manual_seed(spec["seed"] + SHUFFLE_SEED_OFFSET)
        self.augmenter = Augmenter(spec["data"]["augment"], spec["seed"], len(data.train_labels), batch_size)
        self.cached: tuple[torch.Tensor, torch.Tensor] | None = None

    def next_epoch(self) -> tuple[torch.Tensor, torch.Tensor]:
        if self.cached is not None:
            return self.cached
        order = torch.randperm(len(self.data.train_labels), generator=self.shuffler) if self.shuffle else None
        images = self.data.train_images if order is None else self.data.train_images[order]
        labels = self.data.train_labels if order is None else self.data.train_labels[order]
        images = self.augmenter.epoch(images, order)
        staged = images.to(self.device).contiguous(memory_format=self.memory_format), labels.to(self.device)
        if not self.shuffle and self.augmenter.fixed:
            self.cached = staged  # every epoch sees exactly these batches
        return staged


def memory_format(device: torch.device) -> torch.memory_format:
    """Channels-last on the CPU: oneDNN's convolutions run 15–20 % faster in it on
    Sean's model and the small ResNet (scripts/bench_engine.py); on CUDA the default."""
    return torch.channels_last if device.type == "cpu" else torch.contiguous_format


def make_optimizer(spec: Spec, parameters: Iterable[torch.nn.Parameter]) -> torch.optim.Optimizer:
    """PyTorch's optimiser for the spec, in its fused form: one kernel over all
    parameters per step, several times faster than the default per-tensor loop on
    the CPU at batch size 32 (scripts/bench_engine.py)."""
    options = spec["optimizer"]
    # lr is set before every step from the schedule; 0 here is a placeholder.
    if options["type"] == "sgd":
        return torch.optim.SGD(parameters, lr=0.0, momentum=options["momentum"], nesterov=options["nesterov"], weight_decay=options["weightDecay"], fused=True)
    betas = (options["beta1"], options["beta2"])
    optimizer = torch.optim.Adam if options["type"] == "adam" else torch.optim.AdamW
    return optimizer(parameters, lr=0.0, betas=betas, eps=options["eps"], weight_decay=options["weightDecay"], fused=True)


def set_momentum(group: dict[str, Any], value: float) -> None:
    """Where PyTorch's OneCycleLR writes a cycled momentum: Adam's β1, SGD's momentum."""
    if "betas" in group:
        group["betas"] = (value, group["betas"][1])
    else:
        group["momentum"] = value


def train_run(spec: Spec, data: Data, epochs: int, checkpoints: list[int], device: torch.device, report: Report, time_limit: float | None = None) -> None:
    """One training run of `epochs` epochs, evaluating after each epoch in `checkpoints`."""
    # Module.to takes memory_format at run time; torch's overloads for it leave it out.
    model = build_model(spec).to(device, memory_format=memory_format(device))  # type: ignore[call-overload]
    test_images = data.test_images.contiguous(memory_format=memory_format(device))
    torch.manual_seed(spec["seed"] + DROPOUT_SEED_OFFSET)
    optimizer = make_optimizer(spec, model.parameters())
    epoch_data = EpochData(spec, data, device)
    batch_size = spec["data"]["batchSize"]
    samples = trained_images(len(data.train_labels), batch_size)
    steps = math.ceil(samples / batch_size)
    total = epochs * steps
    report_every = max(1, steps // PROGRESS_REPORTS_PER_EPOCH)
    label_smoothing = spec["loss"]["labelSmoothing"]
    clip = spec["optimizer"]["gradClipNorm"]
    pending = sorted(checkpoints)
    step = 0
    training_seconds = 0.0
    model.train()
    for epoch in range(1, epochs + 1):
        epoch_started = time.monotonic()
        images, labels = epoch_data.next_epoch()
        losses, corrects, checked = [], [], 0
        for index, start in enumerate(range(0, samples, batch_size)):
            lr = learning_rate(spec["schedule"], step, total)
            cycled = momentum(spec["schedule"], step, total)
            for group in optimizer.param_groups:
                group["lr"] = lr
                if cycled is not None:
                    set_momentum(group, cycled)
            batch, truth = images[start : start + batch_size], labels[start : start + batch_size]
            logits = model(batch)
            loss = F.cross_entropy(logits, truth, label_smoothing=label_smoothing)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            if clip is not None:
                torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
            optimizer.step()
            step += 1
            losses.append(loss.detach() * len(truth))
            corrects.append((logits.argmax(dim=1) == truth).sum())
            if (index + 1) % report_every == 0 or index + 1 == steps:
                # Checking finiteness only every ~2 % avoids a device sync per step;
                # the exact failing step is recovered from the kept losses.
                recent = torch.stack(losses[checked:])
                if not torch.isfinite(recent).all():
                    first_bad = checked + int((~torch.isfinite(recent)).nonzero()[0])
                    raise Diverged(epoch, (epoch - 1) * steps + first_bad)
                checked = len(losses)
                report({"type": "progress", "runEpochs": epochs, "epoch": epoch, "step": index + 1, "steps": steps})
            # The limit is on training time to reach the budget, as if it ran alone.
            if time_limit is not None and training_seconds + time.monotonic() - epoch_started > time_limit:
                raise TimedOut(pending[0], time_limit, epoch, step)
        seconds = time.monotonic() - epoch_started
        training_seconds += seconds
        report(
            {
                "type": "epoch",
                "runEpochs": epochs,
                "epoch": epoch,
                "epochs": epochs,
                "trainLoss": torch.stack(losses).sum().item() / samples,
                "trainAccuracy": torch.stack(corrects).sum().item() / samples,
                "lr": lr,
                "seconds": seconds,
            }
        )
        if pending and epoch == pending[0]:
            evaluated = time.monotonic()
            result = evaluate(model, test_images, data.test_labels, spec["data"]["testTimeFlip"], MISCLASSIFIED_SHOWN if data.name_misclassified else 0)
            report({"type": "checkpoint", "budget": pending.pop(0), **result, "seconds": training_seconds, "evalSeconds": time.monotonic() - evaluated})
