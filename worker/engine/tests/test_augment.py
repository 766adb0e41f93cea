"""Augmentation randomness exactly as docs/spec.md states it: who draws, when, from
which generator, and what a draw does."""

import torch

from engine.augment import Augmenter
from engine.spec_types import FlipAugment
from engine.train import EpochData, normalise_pixels

from .conftest import subset, tiny_spec


def test_seans_flips_reverse_rows_of_whole_batches_drawn_once_from_generator_42(sean, fashion):
    data = subset(fashion, "scale", train=320, test=10)  # 10 batches of 32
    epochs = EpochData(sean, data, torch.device("cpu"))
    first, labels = epochs.next_epoch()
    draws = torch.rand(10, generator=torch.Generator().manual_seed(42))
    flipped = draws > 0.5
    assert 0 < flipped.sum() < 10  # the check below sees both kinds of batch
    for batch in range(10):
        rows = slice(batch * 32, (batch + 1) * 32)
        original = data.train_images[rows]
        expected = original.flip(2) if flipped[batch] else original
        assert torch.equal(first[rows], expected), batch
    second, _ = epochs.next_epoch()
    assert torch.equal(first, second)  # the same augmented batches every epoch
    assert torch.equal(labels, data.train_labels)  # no shuffling


def test_a_partial_last_batch_is_kept_and_flipped_with_its_batch_draw(fashion):
    spec = tiny_spec(data={"batchSize": 32, "augment": [{"type": "flip", "axis": "rows", "per": "batch", "redraw": "once", "p": 1.0}]})
    data = subset(fashion, "scale", train=70, test=10)
    images, _ = EpochData(spec, data, torch.device("cpu")).next_epoch()
    assert images.shape[0] == 70
    assert torch.equal(images[64:], data.train_images[64:].flip(2))


def test_per_sample_column_flips_are_redrawn_each_epoch():
    images = torch.rand(200, 1, 28, 28)
    augmenter = Augmenter([{"type": "flip", "axis": "cols", "p": 0.5, "per": "sample", "redraw": "epoch"}], seed=7, samples=200, batch_size=32)
    first, second = augmenter.epoch(images, None), augmenter.epoch(images, None)
    generator = torch.Generator().manual_seed(7)
    for out in (first, second):
        chosen = torch.rand(200, generator=generator) > 0.5
        assert torch.equal(out[chosen], images[chosen].flip(3))
        assert torch.equal(out[~chosen], images[~chosen])
    assert not torch.equal(first, second)


def test_each_augmentation_has_its_own_generator_seeded_seed_plus_position():
    images = torch.rand(50, 1, 28, 28)
    flip: FlipAugment = {"type": "flip", "axis": "rows", "p": 0.5, "per": "sample", "redraw": "once"}
    alone = Augmenter([flip], seed=3, samples=50, batch_size=10).epoch(images, None)
    after_erase = Augmenter(
        [{"type": "erase", "p": 0.0, "scale": [0.02, 0.33], "ratio": [0.3, 3.3], "value": 0.0, "redraw": "once"}, flip], seed=2, samples=50, batch_size=10
    ).epoch(images, None)
    assert torch.equal(alone, after_erase)  # flip at position 1 with seed 2 draws from 2 + 1 = 3


def test_crop_cuts_a_28x28_window_of_the_zero_padded_image_at_drawn_offsets():
    images = torch.rand(100, 1, 28, 28)
    out = Augmenter([{"type": "crop", "padding": 4, "redraw": "epoch"}], seed=0, samples=100, batch_size=10).epoch(images, None)
    offsets = torch.randint(0, 9, (100, 2), generator=torch.Generator().manual_seed(0))
    padded = torch.nn.functional.pad(images, (4, 4, 4, 4))
    for i in range(100):
        top, left = offsets[i].tolist()
        assert torch.equal(out[i], padded[i, :, top : top + 28, left : left + 28])
    assert len(set(map(tuple, offsets.tolist()))) > 20


def test_erase_sets_one_rectangle_within_the_scale_bounds_to_the_value():
    images = torch.rand(400, 1, 28, 28) + 1  # never equal to the erase value
    out = Augmenter(
        [{"type": "erase", "p": 0.5, "scale": [0.05, 0.2], "ratio": [0.5, 2.0], "value": -1.0, "redraw": "epoch"}], seed=1, samples=400, batch_size=10
    ).epoch(images, None)
    erased = (out == -1.0).flatten(1).sum(1)
    assert 120 < (erased > 0).sum() < 280  # about half
    for i in torch.nonzero(erased).flatten().tolist():
        rows, cols = torch.nonzero(out[i, 0] == -1.0, as_tuple=True)
        height, width = rows.max() - rows.min() + 1, cols.max() - cols.min() + 1
        assert height * width == erased[i]  # a filled rectangle
        assert 0.03 * 784 <= erased[i] <= 0.25 * 784
        assert torch.equal(out[i][out[i] != -1.0], images[i][out[i] != -1.0])


def test_shuffling_permutes_images_and_labels_together_with_generator_seed_plus_1000(fashion):
    spec = tiny_spec(data={"shuffle": True})
    data = subset(fashion, "scale", train=100, test=10)
    epochs = EpochData(spec, data, torch.device("cpu"))
    generator = torch.Generator().manual_seed(42 + 1000)
    for _ in range(2):
        images, labels = epochs.next_epoch()
        order = torch.randperm(100, generator=generator)
        assert torch.equal(images, data.train_images[order]) and torch.equal(labels, data.train_labels[order])


def test_standardize_uses_the_canonical_mean_and_std():
    pixels = torch.tensor([[[0, 255]]], dtype=torch.uint8)
    assert normalise_pixels(pixels, "scale").flatten().tolist() == [0.0, 1.0]
    standardized = normalise_pixels(pixels, "standardize").flatten()
    assert torch.allclose(standardized, torch.tensor([-0.28604059698879553 / 0.35302424451492237, (1 - 0.28604059698879553) / 0.35302424451492237]))
