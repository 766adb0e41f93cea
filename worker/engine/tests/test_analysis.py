"""The analysis is read off PyTorch's modules built on the meta device: it allocates and
draws nothing, and a layer PyTorch cannot build or run on its input is a SpecError at
that layer's path. lib/spec/engine-agreement.test.ts compares it with lib/spec's."""

from typing import Any

import pytest
import torch

from engine.analysis import analyse
from engine.spec import SpecError
from engine.spec_types import Spec

from .normalised import normalised

HEAD: list[dict[str, Any]] = [{"type": "flatten"}, {"type": "dense", "units": 10}]


def _spec(layers: list[dict[str, Any]]) -> Spec:
    return normalised({"version": 1, "model": {"layers": layers}})


def test_seans_entry_has_421642_parameters_and_the_shapes_of_docs_spec(sean: Spec) -> None:
    analysis = analyse(sean)
    assert analysis.params == 421_642
    assert [layer.params for layer in analysis.layers] == [320, 0, 18_496, 0, 0, 401_536, 1_290]
    assert [layer.output_shape for layer in analysis.layers] == [(32, 28, 28), (32, 14, 14), (64, 14, 14), (64, 7, 7), (3136,), (128,), (10,)]
    assert analysis.output_shape == (10,)


def test_a_residual_block_counts_its_body_and_shortcut_and_lists_its_body_after_it() -> None:
    block = {
        "type": "residual",
        "body": [{"type": "conv2d", "filters": 8, "kernel": 3, "stride": 2, "padding": 1, "bias": False}, {"type": "batchnorm"}],
        "shortcut": {"type": "projection", "batchnorm": True},
    }
    entries = analyse(_spec([block, *HEAD])).as_json()["layers"]
    body = [8 * 9, 2 * 8]
    shortcut = 1 * 8 + 2 * 8  # the 1×1 conv (no bias by default) and its batch norm
    assert entries[:3] == [
        {"path": "model.layers.0", "type": "residual", "outputShape": [8, 14, 14], "params": sum(body) + shortcut},
        {"path": "model.layers.0.body.0", "type": "conv2d", "outputShape": [8, 14, 14], "params": body[0]},
        {"path": "model.layers.0.body.1", "type": "batchnorm", "outputShape": [8, 14, 14], "params": body[1]},
    ]


def test_analysing_allocates_no_parameters_and_draws_from_no_generator() -> None:
    layers: list[dict[str, Any]] = [
        {"type": "conv2d", "filters": 4, "kernel": 3},
        {"type": "dropout", "rate": 0.5},
        {"type": "flatten"},
        {"type": "dense", "units": 4096},
    ]
    spec = _spec([*layers, *HEAD[1:]])
    torch.manual_seed(7)
    before = torch.get_rng_state()
    analysis = analyse(spec)
    assert torch.equal(torch.get_rng_state(), before)
    assert analysis.params == 4 * 9 + 4 + 4 * 28 * 28 * 4096 + 4096 + 4096 * 10 + 10


@pytest.mark.parametrize(
    "layers, path",
    [
        ([{"type": "dense", "units": 10}], "model.layers.0"),
        ([{"type": "conv2d", "filters": 3, "kernel": 3, "groups": 2}, *HEAD], "model.layers.0"),
        ([{"type": "conv2d", "filters": 2, "kernel": 5, "padding": "valid", "dilation": 7}, *HEAD], "model.layers.0"),
        ([{"type": "flatten"}, {"type": "globalavgpool"}, {"type": "dense", "units": 10}], "model.layers.1"),
        ([{"type": "residual", "body": [{"type": "conv2d", "filters": 8, "kernel": 3}]}, *HEAD], "model.layers.0.shortcut"),
        (
            [{"type": "residual", "body": [{"type": "conv2d", "filters": 8, "kernel": 3, "padding": "valid"}], "shortcut": {"type": "projection"}}, *HEAD],
            "model.layers.0.shortcut",
        ),
        ([{"type": "residual", "body": [{"type": "globalavgpool"}], "shortcut": {"type": "projection"}}, *HEAD], "model.layers.0.shortcut"),
        ([{"type": "residual", "body": [{"type": "flatten"}, {"type": "globalavgpool"}]}, *HEAD], "model.layers.0.body.1"),
    ],
)
def test_a_layer_pytorch_cannot_build_or_run_is_reported_at_its_path(layers: list[dict[str, Any]], path: str) -> None:
    with pytest.raises(SpecError) as caught:
        analyse(_spec(layers))
    assert [issue["path"] for issue in caught.value.issues] == [path]
