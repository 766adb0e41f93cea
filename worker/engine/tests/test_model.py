"""The built network matches the analysis for every layer type, and starts from the
initialisation the spec names, seeded."""

import math
from typing import Any

import pytest
import torch

from engine.analysis import analyse
from engine.model import Residual, build_model
from engine.spec_types import Spec

from .normalised import normalised

HEAD = [{"type": "flatten"}, {"type": "dense", "units": 10}]
LAYER_CASES: dict[str, list[dict[str, Any]]] = {
    "conv2d same": [{"type": "conv2d", "filters": 6, "kernel": 5, "activation": "gelu"}],
    "conv2d valid strided dilated grouped": [
        {"type": "conv2d", "filters": 4, "kernel": 3, "stride": 1, "padding": "valid", "dilation": 2},
        {"type": "conv2d", "filters": 8, "kernel": 3, "stride": 2, "padding": 1, "groups": 4, "bias": False},
    ],
    "maxpool padded": [{"type": "conv2d", "filters": 2, "kernel": 3}, {"type": "maxpool", "size": 3, "stride": 2, "padding": 1}],
    "avgpool": [{"type": "avgpool", "size": 4, "stride": 3, "padding": 2}],
    "globalavgpool": [{"type": "conv2d", "filters": 7, "kernel": 1}, {"type": "globalavgpool"}, {"type": "dense", "units": 10}],
    "dense softmax": [{"type": "flatten"}, {"type": "dense", "units": 16, "activation": "tanh"}, {"type": "dense", "units": 10, "activation": "softmax"}],
    "dropout": [{"type": "dropout", "rate": 0.3}],
    "batchnorm image and vector": [
        {"type": "conv2d", "filters": 3, "kernel": 3},
        {"type": "batchnorm"},
        {"type": "flatten"},
        {"type": "dense", "units": 12},
        {"type": "batchnorm", "momentum": 0.2},
        {"type": "dense", "units": 10},
    ],
    "layernorm": [{"type": "conv2d", "filters": 2, "kernel": 3}, {"type": "layernorm"}],
    "activations": [{"type": "activation", "fn": fn} for fn in ("relu", "gelu", "silu", "tanh", "sigmoid")]
    + [{"type": "activation", "fn": "leaky_relu", "negativeSlope": 0.2}],
    "residual identity": [
        {"type": "conv2d", "filters": 4, "kernel": 3},
        {
            "type": "residual",
            "body": [{"type": "conv2d", "filters": 4, "kernel": 3, "activation": "relu"}, {"type": "conv2d", "filters": 4, "kernel": 3}],
            "activation": "relu",
        },
    ],
    "residual projection": [
        {
            "type": "residual",
            "body": [{"type": "conv2d", "filters": 8, "kernel": 3, "stride": 2, "padding": 1}],
            "shortcut": {"type": "projection", "batchnorm": True},
        }
    ],
    "general_relu": [{"type": "activation", "fn": "general_relu", "negativeSlope": 0.1, "subtract": 0.4, "max": 2.0}],
    "residual pooled projection": [
        {"type": "maxpool", "size": 4},
        {
            "type": "residual",
            "body": [{"type": "conv2d", "filters": 8, "kernel": 3, "stride": 2, "padding": 1}],
            "shortcut": {"type": "projection", "pool": "avg", "bias": True, "batchnorm": True},
        },
    ],
    "nested residual": [{"type": "residual", "body": [{"type": "residual", "body": [{"type": "batchnorm"}, {"type": "activation", "fn": "silu"}]}]}],
}


def _spec(layers: list[dict[str, Any]]) -> Spec:
    needs_head = layers[-1]["type"] != "dense"  # every case ending on a vector ends with its dense head
    return normalised({"version": 1, "model": {"layers": layers + (HEAD if needs_head else [])}})


@pytest.mark.parametrize("name", LAYER_CASES)
def test_every_layer_type_builds_with_the_analysed_shapes_and_parameters(name):
    spec = _spec(LAYER_CASES[name])
    analysis = analyse(spec)
    network = build_model(spec)
    assert sum(p.numel() for p in network.parameters()) == analysis.params
    x = torch.rand(5, 1, 28, 28)
    network.eval()
    for module, info in zip(_top_level(network, spec), analysis.layers, strict=True):
        x = module(x)
        assert tuple(x.shape[1:]) == info.output_shape, info.path
    assert x.shape == (5, 10)


def _top_level(network, spec):
    """Group the Sequential's modules by spec layer (an inline activation is its own module)."""
    modules = iter(network)
    layers = spec["model"]["layers"]
    for index, layer in enumerate(layers):
        group = [next(modules)] if layer["type"] != "activation" or not (index == len(layers) - 1 and layer["fn"] == "softmax") else []
        if layer["type"] in ("conv2d", "dense") and layer["activation"] and not (index == len(layers) - 1 and layer["activation"] == "softmax"):
            group.append(next(modules))
        yield torch.nn.Sequential(*group)


def test_a_final_softmax_is_left_to_the_loss_so_the_network_returns_logits(sean):
    network = build_model(sean)
    assert not any(isinstance(m, torch.nn.Softmax) for m in network.modules())
    assert isinstance(network[-1], torch.nn.Linear)


def test_seans_kernels_are_glorot_uniform_and_biases_zero(sean):
    network = build_model(sean)
    layers = [m for m in network.modules() if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear))]
    assert len(layers) == 4
    for layer in layers:
        weight = layer.weight.detach()
        receptive = weight[0][0].numel() if weight.dim() == 4 else 1
        fan_in, fan_out = weight.shape[1] * receptive, weight.shape[0] * receptive
        bound = math.sqrt(6 / (fan_in + fan_out))
        assert weight.abs().max() <= bound
        assert weight.abs().max() > 0.95 * bound
        # U(-a, a) has variance a²/3; with ≥ 288 draws the estimate is within 25 %
        assert weight.var().item() == pytest.approx(bound**2 / 3, rel=0.25)
        assert layer.bias is not None and torch.count_nonzero(layer.bias) == 0


def _plain_sean_seeded_42() -> torch.nn.Sequential:
    torch.manual_seed(42)
    plain = torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, 3, padding=1),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(32, 64, 3, padding=1),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Flatten(),
        torch.nn.Linear(3136, 128),
        torch.nn.ReLU(),
        torch.nn.Linear(128, 10),
    )
    for module in plain:
        if isinstance(module, (torch.nn.Conv2d, torch.nn.Linear)):
            assert module.bias is not None
            torch.nn.init.xavier_uniform_(module.weight)
            torch.nn.init.zeros_(module.bias)
    return plain


def test_seans_init_equals_a_plain_pytorch_build_seeded_42(sean):
    plain = _plain_sean_seeded_42()
    built = build_model(sean)
    for ours, theirs in zip(built.parameters(), plain.parameters(), strict=True):
        assert torch.equal(ours, theirs)


@pytest.mark.parametrize("memory_format", [torch.contiguous_format, torch.channels_last])
def test_pooling_before_relu_computes_the_plain_networks_outputs_and_gradients_bit_for_bit(sean, memory_format):
    # Module.to takes memory_format at run time; torch's overloads for it leave it out.
    built, plain = build_model(sean).to(memory_format=memory_format), _plain_sean_seeded_42().to(memory_format=memory_format)  # type: ignore[call-overload]
    assert [type(m).__name__ for m in built][:6] == ["Conv2d", "MaxPool2d", "ReLU", "Conv2d", "MaxPool2d", "ReLU"]
    torch.manual_seed(0)
    # Half the pixels black, as in Fashion-MNIST, so many pooling windows hold no positive value.
    images = (torch.rand(16, 1, 28, 28) * (torch.rand(16, 1, 28, 28) > 0.5)).contiguous(memory_format=memory_format)
    labels = torch.randint(0, 10, (16,))
    for network in (built, plain):
        torch.nn.functional.cross_entropy(network(images), labels).backward()
    assert torch.equal(built(images), plain(images))
    for ours, theirs in zip(built.parameters(), plain.parameters(), strict=True):
        assert torch.equal(ours.grad, theirs.grad)


def test_init_is_deterministic_under_the_seed_and_changes_with_it(sean: Spec) -> None:
    first, second = build_model(sean), build_model(sean)
    assert all(torch.equal(a, b) for a, b in zip(first.parameters(), second.parameters(), strict=True))
    other = build_model({**sean, "seed": 43})
    assert not torch.equal(next(first.parameters()), next(other.parameters()))


@pytest.mark.parametrize(
    "init, check",
    [
        ("glorot_normal", lambda w, fi, fo: w.std().item() == pytest.approx(math.sqrt(2 / (fi + fo)), rel=0.1)),
        ("he_uniform", lambda w, fi, fo: w.abs().max().item() <= math.sqrt(6 / fi) and w.std().item() == pytest.approx(math.sqrt(2 / fi), rel=0.1)),
        ("he_normal", lambda w, fi, fo: w.std().item() == pytest.approx(math.sqrt(2 / fi), rel=0.1)),
        ("default", lambda w, fi, fo: w.abs().max().item() <= 1 / math.sqrt(fi) and w.abs().max().item() > 0.95 / math.sqrt(fi)),
        ("zeros", lambda w, fi, fo: torch.count_nonzero(w) == 0),
    ],
)
def test_each_initialiser_has_its_stated_distribution(init, check):
    spec = normalised(
        {
            "version": 1,
            "model": {
                "layers": [{"type": "flatten"}, {"type": "dense", "units": 200, "init": {"weight": init, "bias": "zeros"}}, {"type": "dense", "units": 10}]
            },
        }
    )
    dense = build_model(spec)[1]
    assert isinstance(dense, torch.nn.Linear)
    assert check(dense.weight.detach(), 784, 200)


def test_he_init_with_a_leak_scales_by_pytorchs_leaky_relu_gain():
    layers = [
        {"type": "flatten"},
        {"type": "dense", "units": 400, "init": {"weight": "he_normal", "leak": 0.5, "bias": "zeros"}},
        {"type": "dense", "units": 10},
    ]
    dense = build_model(normalised({"version": 1, "model": {"layers": layers}}))[1]
    assert isinstance(dense, torch.nn.Linear)
    weight = dense.weight.detach()
    gain = torch.nn.init.calculate_gain("leaky_relu", 0.5)
    assert weight.std().item() == pytest.approx(gain / math.sqrt(784), rel=0.05)


def test_general_relu_is_the_courses_leaky_relu_minus_a_constant_capped():
    spec = normalised(
        {"version": 1, "model": {"layers": [{"type": "activation", "fn": "general_relu", "negativeSlope": 0.1, "subtract": 0.4, "max": 1.0}, *HEAD]}}
    )
    module = build_model(spec)[0]
    x = torch.tensor([-2.0, 0.0, 0.5, 3.0])
    assert module(x).tolist() == pytest.approx([-0.6, -0.4, 0.1, 1.0])


def test_a_pooled_projection_averages_windows_cut_by_the_edge_over_their_pixels_only():
    spec = normalised(
        {
            "version": 1,
            "model": {
                "layers": [
                    {"type": "maxpool", "size": 4},
                    {
                        "type": "residual",
                        "body": [{"type": "conv2d", "filters": 2, "kernel": 3, "stride": 2, "padding": 1}],
                        "shortcut": {"type": "projection", "pool": "avg"},
                    },
                    *HEAD,
                ]
            },
        }
    )
    residual = build_model(spec)[1]
    assert isinstance(residual, Residual) and isinstance(residual.shortcut, torch.nn.Sequential)
    pool, conv = residual.shortcut
    assert isinstance(conv, torch.nn.Conv2d)
    assert (conv.stride, conv.kernel_size) == ((1, 1), (1, 1))
    x = torch.arange(49.0).reshape(1, 1, 7, 7)
    pooled = pool(x)
    assert pooled.shape == (1, 1, 4, 4)
    assert pooled[0, 0, 3, 3].item() == 48.0  # the corner window holds one pixel
    assert pooled[0, 0, 0, 3].item() == (6.0 + 13.0) / 2
