"""The dataset is found where docs/spec.md says and its decompressed bytes must match
DESIGN.md's SHA-256 checksums."""

import gzip
import json
import shutil
import subprocess

import pytest

from engine import data as dataset

from .conftest import PYTHON, WORKER


@pytest.fixture
def copy_of_dataset(fashion, tmp_path):
    for name in dataset.CHECKSUMS:
        shutil.copy(fashion.directory / f"{name}.gz", tmp_path / f"{name}.gz")
    return tmp_path


def test_the_real_dataset_loads_with_its_canonical_shapes(fashion):
    assert fashion.train_images.shape == (60000, 28, 28) and fashion.test_images.shape == (10000, 28, 28)
    assert fashion.train_labels.bincount().tolist() == [6000] * 10
    assert fashion.checksums == dataset.CHECKSUMS
    assert fashion.train_images.float().div(255).mean().item() == pytest.approx(0.28604059698879553, abs=1e-6)


def test_a_corrupted_copy_is_rejected_by_its_checksum(copy_of_dataset):
    labels = copy_of_dataset / "t10k-labels-idx1-ubyte.gz"
    content = bytearray(gzip.decompress(labels.read_bytes()))
    content[100] = (content[100] + 1) % 10  # one label changed
    labels.write_bytes(gzip.compress(bytes(content)))
    with pytest.raises(dataset.DatasetError, match="SHA-256 of the decompressed data"):
        dataset.load(str(copy_of_dataset))


def test_plain_uncompressed_files_are_accepted(copy_of_dataset):
    for name in dataset.CHECKSUMS:
        packed = copy_of_dataset / f"{name}.gz"
        (copy_of_dataset / name).write_bytes(gzip.decompress(packed.read_bytes()))
        packed.unlink()
    assert dataset.verify(copy_of_dataset) == dataset.CHECKSUMS


def test_a_named_directory_missing_a_file_is_an_error_naming_it(copy_of_dataset, monkeypatch):
    (copy_of_dataset / "train-labels-idx1-ubyte.gz").unlink()
    monkeypatch.setenv("FASHION_MNIST_DIR", str(copy_of_dataset))
    with pytest.raises(dataset.DatasetError, match="lacks train-labels-idx1-ubyte"):
        dataset.locate()


def test_the_dataset_command_prints_the_directory_and_checksums(copy_of_dataset):
    done = subprocess.run([PYTHON, "-m", "engine", "dataset", "--data-dir", str(copy_of_dataset)], cwd=WORKER, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"directory": str(copy_of_dataset), "checksums": dataset.CHECKSUMS}
