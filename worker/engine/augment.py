"""Training-set augmentations, applied to a whole epoch of normalised images at once.

Augmentation i draws from its own torch.Generator seeded `seed + i`, so adding one
does not shift another's draws. `redraw: "once"` draws everything when the augmenter
is built (before training) and reuses it every epoch; `"epoch"` draws afresh at the
start of each epoch. Per-sample draws are indexed by the sample's position in the
dataset, per-batch draws by the batch's position in the epoch. Every augmentation
acts where its draw u ∈ [0, 1) satisfies u > 1 − p.
"""

import math
from typing import Generic, TypeVar, assert_never

import torch
import torch.nn.functional as F

from .spec_types import Augment, CropAugment, EraseAugment, FlipAugment

SIDE = 28
ERASE_TRIES = 10

Draws = tuple[torch.Tensor, ...]
A = TypeVar("A", FlipAugment, CropAugment, EraseAugment)


class Augmentation(Generic[A]):
    per_batch = False  # draws indexed by batch position rather than by sample

    def __init__(self, spec: A, seed: int, samples: int, batch_size: int):
        self.spec: A = spec
        self.samples = samples
        self.batch_size = batch_size
        self.generator = torch.Generator().manual_seed(seed)
        self.fixed = self.draw() if spec["redraw"] == "once" else None

    def draws_for_epoch(self, order: torch.Tensor | None) -> Draws:
        draws = self.fixed if self.fixed is not None else self.draw()
        return draws if order is None or self.per_batch else tuple(d[order] for d in draws)

    def draw(self) -> Draws:
        raise NotImplementedError

    def apply(self, images: torch.Tensor, draws: Draws) -> torch.Tensor:
        raise NotImplementedError


class Flip(Augmentation[FlipAugment]):
    def __init__(self, spec: FlipAugment, seed: int, samples: int, batch_size: int):
        self.per_batch = spec["per"] == "batch"
        super().__init__(spec, seed, samples, batch_size)

    def draw(self) -> Draws:
        count = math.ceil(self.samples / self.batch_size) if self.per_batch else self.samples
        return (torch.rand(count, generator=self.generator),)

    def flipped(self, draws: Draws) -> torch.Tensor:
        """Which samples (in epoch order) are flipped."""
        chosen = draws[0] > 1 - self.spec["p"]
        if self.per_batch:
            chosen = chosen.repeat_interleave(self.batch_size)[: self.samples]
        return chosen

    def apply(self, images: torch.Tensor, draws: Draws) -> torch.Tensor:
        dim = -2 if self.spec["axis"] == "rows" else -1
        return torch.where(self.flipped(draws)[:, None, None, None], images.flip(dim), images)


class Crop(Augmentation[CropAugment]):
    def draw(self) -> Draws:
        return (torch.randint(0, 2 * self.spec["padding"] + 1, (self.samples, 2), generator=self.generator),)

    def apply(self, images: torch.Tensor, draws: Draws) -> torch.Tensor:
        pad = self.spec["padding"]
        offsets = draws[0]
        padded = F.pad(images, (pad, pad, pad, pad))
        out = torch.empty_like(images)
        # One slice per distinct offset pair (at most 17×17) instead of one per image.
        for top in range(2 * pad + 1):
            for left in range(2 * pad + 1):
                chosen = torch.nonzero((offsets[:, 0] == top) & (offsets[:, 1] == left)).squeeze(1)
                if len(chosen):
                    out[chosen] = padded[chosen, :, top : top + SIDE, left : left + SIDE]
        return out


class Erase(Augmentation[EraseAugment]):
    """Random erasing (as torchvision's RandomErasing): the first of ten tries whose
    rectangle fits inside the image is erased; when none fits, nothing is."""

    def draw(self) -> Draws:
        shape = (self.samples, ERASE_TRIES)
        g = self.generator
        return (
            torch.rand(self.samples, generator=g),
            torch.rand(shape, generator=g),
            torch.rand(shape, generator=g),
            torch.rand(shape, generator=g),
            torch.rand(shape, generator=g),
        )

    def apply(self, images: torch.Tensor, draws: Draws) -> torch.Tensor:
        chance, area_u, ratio_u, top_u, left_u = draws
        (scale_low, scale_high), (ratio_low, ratio_high) = self.spec["scale"], self.spec["ratio"]
        area = SIDE * SIDE * (scale_low + (scale_high - scale_low) * area_u)
        aspect = torch.exp(math.log(ratio_low) + (math.log(ratio_high) - math.log(ratio_low)) * ratio_u)
        heights = torch.round(torch.sqrt(area * aspect)).long()
        widths = torch.round(torch.sqrt(area / aspect)).long()
        fits = (heights < SIDE) & (widths < SIDE)
        first = fits.int().argmax(dim=1, keepdim=True)
        height, width = heights.gather(1, first).squeeze(1), widths.gather(1, first).squeeze(1)
        top = (top_u.gather(1, first).squeeze(1) * (SIDE - height + 1)).long()
        left = (left_u.gather(1, first).squeeze(1) * (SIDE - width + 1)).long()
        erase = (chance > 1 - self.spec["p"]) & fits.any(dim=1)
        index = torch.arange(SIDE)
        rows = (index[None, :] >= top[:, None]) & (index[None, :] < (top + height)[:, None])
        cols = (index[None, :] >= left[:, None]) & (index[None, :] < (left + width)[:, None])
        mask = rows[:, :, None] & cols[:, None, :] & erase[:, None, None]
        return images.masked_fill(mask[:, None], self.spec["value"])


def augmentation(spec: Augment, seed: int, samples: int, batch_size: int) -> Flip | Crop | Erase:
    if spec["type"] == "flip":
        return Flip(spec, seed, samples, batch_size)
    if spec["type"] == "crop":
        return Crop(spec, seed, samples, batch_size)
    if spec["type"] == "erase":
        return Erase(spec, seed, samples, batch_size)
    assert_never(spec)


class Augmenter:
    """All of a spec's augmentations, in list order."""

    def __init__(self, augment: list[Augment], seed: int, samples: int, batch_size: int):
        self.steps = [augmentation(spec, seed + index, samples, batch_size) for index, spec in enumerate(augment)]

    @property
    def fixed(self) -> bool:
        """True when every epoch sees the same augmented data (all draws made once)."""
        return all(step.fixed is not None for step in self.steps)

    def epoch(self, images: torch.Tensor, order: torch.Tensor | None) -> torch.Tensor:
        """`images` already in epoch order; `order` the dataset indices of that order."""
        for step in self.steps:
            images = step.apply(images, step.draws_for_epoch(order))
        return images
