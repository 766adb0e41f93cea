"""Finds, verifies and loads the Fashion-MNIST IDX files.

Where to look, in order: --data-dir; env FASHION_MNIST_DIR; Debian's
/usr/share/datasets/fashion-mnist; the cache $CATWALK_CACHE_DIR/fashion-mnist (default
<repo>/.cache/fashion-mnist), which is filled from Zalando's canonical URLs when the
internet is reachable. Each file may be gzipped or plain; its *decompressed* bytes must
match the SHA-256 in DESIGN.md.
"""

import gzip
import hashlib
import os
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import torch

CHECKSUMS = {
    "train-images-idx3-ubyte": "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
    "train-labels-idx1-ubyte": "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
    "t10k-images-idx3-ubyte": "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    "t10k-labels-idx1-ubyte": "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
}
DOWNLOAD_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/{name}.gz"
SYSTEM_DIR = Path("/usr/share/datasets/fashion-mnist")
REPO_ROOT = Path(__file__).resolve().parents[2]


class DatasetError(Exception):
    pass


@dataclass
class Dataset:
    directory: Path
    checksums: dict[str, str]
    train_images: torch.Tensor  # uint8 [N, 28, 28]
    train_labels: torch.Tensor  # int64 [N]
    test_images: torch.Tensor
    test_labels: torch.Tensor


def _file_in(directory: Path, name: str) -> Path | None:
    for candidate in (directory / f"{name}.gz", directory / name):
        if candidate.is_file():
            return candidate
    return None


def _complete(directory: Path) -> bool:
    return all(_file_in(directory, name) for name in CHECKSUMS)


def cache_dir() -> Path:
    return Path(os.environ.get("CATWALK_CACHE_DIR", REPO_ROOT / ".cache")) / "fashion-mnist"


def _download(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name in CHECKSUMS:
        if _file_in(directory, name):
            continue
        target = directory / f"{name}.gz"
        partial = target.with_suffix(".part")
        try:
            with urllib.request.urlopen(DOWNLOAD_URL.format(name=name), timeout=60) as response, open(partial, "wb") as out:
                out.write(response.read())
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise DatasetError(
                f"Fashion-MNIST is not installed and downloading {name}.gz failed ({error}); install Debian's dataset-fashion-mnist or set FASHION_MNIST_DIR"
            ) from None
        partial.rename(target)


def locate(data_dir: str | None = None, *, download: bool = True) -> Path:
    """The directory holding all four files; an explicitly named one must hold them."""
    explicit = data_dir or os.environ.get("FASHION_MNIST_DIR")
    if explicit:
        directory = Path(explicit)
        if not _complete(directory):
            missing = [name for name in CHECKSUMS if not _file_in(directory, name)]
            raise DatasetError(f"{directory} lacks {', '.join(missing)} (plain or .gz)")
        return directory
    for directory in (SYSTEM_DIR, cache_dir()):
        if _complete(directory):
            return directory
    if not download:
        raise DatasetError(f"Fashion-MNIST not found in {SYSTEM_DIR} or {cache_dir()}")
    _download(cache_dir())
    return cache_dir()


def _read_verified(directory: Path, name: str) -> tuple[bytes, str]:
    path = _file_in(directory, name)
    if path is None:
        raise DatasetError(f"{directory} lacks {name} (plain or .gz)")
    raw = path.read_bytes()
    try:
        data = gzip.decompress(raw) if path.suffix == ".gz" else raw
    except (OSError, EOFError) as error:
        raise DatasetError(f"{path} is not a valid gzip file ({error})") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != CHECKSUMS[name]:
        raise DatasetError(f"{path}: SHA-256 of the decompressed data is {digest}, expected {CHECKSUMS[name]}")
    return data, digest


def _parse_idx(data: bytes, dims: int) -> torch.Tensor:
    # IDX: two zero bytes, type 0x08 (unsigned byte), the number of dimensions, then
    # each dimension as a big-endian int32, then the values in row-major order.
    shape = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims)]
    return torch.frombuffer(bytearray(data[4 + 4 * dims :]), dtype=torch.uint8).reshape(shape)


def verify(directory: Path) -> dict[str, str]:
    """Checksums of the four files after checking each against DESIGN.md's."""
    return {name: _read_verified(directory, name)[1] for name in CHECKSUMS}


def load(data_dir: str | None = None) -> Dataset:
    directory = locate(data_dir)
    arrays, checksums = {}, {}
    for name in CHECKSUMS:
        data, checksums[name] = _read_verified(directory, name)
        arrays[name] = _parse_idx(data, 3 if "images" in name else 1)
    return Dataset(
        directory=directory,
        checksums=checksums,
        train_images=arrays["train-images-idx3-ubyte"],
        train_labels=arrays["train-labels-idx1-ubyte"].long(),
        test_images=arrays["t10k-images-idx3-ubyte"],
        test_labels=arrays["t10k-labels-idx1-ubyte"].long(),
    )


# A development run (--train-limit N) trains on the first N training images and is
# evaluated on this fixed slice at the end of the training set, which it never trains
# on. It never sees the test set: a participant who chose a test subset could read the
# hidden test labels off its confusion matrix.
DEV_EVAL_IMAGES = 2_000


@dataclass
class Split:
    train_images: torch.Tensor
    train_labels: torch.Tensor
    eval_images: torch.Tensor
    eval_labels: torch.Tensor
    # "test" for a verified run, "development" for the training-set slice.
    evaluation: str


def split(dataset: Dataset, train_limit: int | None) -> Split:
    """The whole training and test sets, or a development run's first `train_limit`
    training images and the held-out development slice."""
    if train_limit is None:
        return Split(dataset.train_images, dataset.train_labels, dataset.test_images, dataset.test_labels, "test")
    first_held_out = len(dataset.train_labels) - DEV_EVAL_IMAGES
    if not 1 <= train_limit <= first_held_out:
        raise ValueError(f"must be from 1 to {first_held_out} (the last {DEV_EVAL_IMAGES} training images evaluate development runs), got {train_limit}")
    held_out = slice(first_held_out, None)
    return Split(
        dataset.train_images[:train_limit],
        dataset.train_labels[:train_limit],
        dataset.train_images[held_out],
        dataset.train_labels[held_out],
        "development",
    )
