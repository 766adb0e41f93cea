"""The fused first convolution + max-pool (kernels/conv_pool.c) computes what
PyTorch's two ops compute. Inputs, weights and gradients are small multiples of
powers of two, so every sum is exact in float32 whatever its order: the kernel and
PyTorch must then agree bit for bit, ties between window positions included (the
zero border makes many)."""

import itertools

import pytest
import torch

from engine import ENGINE_VERSION
from engine.__main__ import engine_version
from engine.conv_pool import FusedConvPool, fuse_first_conv_pool
from engine.model import build_model, layout
from engine.native import library

from .conftest import tiny_spec

GEOMETRIES = [
    # filters, kernel, stride, padding, dilation, pool size, pool stride, pool padding
    (32, 3, 1, 1, 1, 2, 2, 0),  # Sean's first layer
    (13, 3, 1, 1, 1, 2, 2, 0),  # a channel tail shorter than a vector
    (40, 5, 1, 2, 1, 2, 2, 0),  # more channels than one group of vectors
    (8, 1, 1, 0, 1, 3, 3, 0),
    (6, 7, 2, 3, 1, 2, 1, 0),  # overlapping windows: one output feeds several
    (5, 3, 1, 0, 2, 3, 2, 1),  # dilated, pool padding
    (24, 2, 1, 0, 1, 8, 8, 4),  # the largest window the spec allows
]


def _dyadic(*shape, low=-8, high=9, scale=8.0, generator=None):
    return torch.randint(low, high, shape, generator=generator).float() / scale


def _pair(geometry, generator):
    filters, kernel, stride, padding, dilation, size, pool_stride, pool_padding = geometry
    conv = torch.nn.Conv2d(1, filters, kernel, stride, padding, dilation)
    with torch.no_grad():
        conv.weight.copy_(_dyadic(filters, 1, kernel, kernel, generator=generator))
        assert conv.bias is not None
        conv.bias.copy_(_dyadic(filters, generator=generator))
    pool = torch.nn.MaxPool2d(size, pool_stride, pool_padding)
    return conv, pool


def _images(count, generator):
    images = _dyadic(count, 1, 28, 28, low=0, high=5, scale=4.0, generator=generator)
    images[:, :, :6] = 0  # Fashion-MNIST's black background: equal outputs across a window
    return images.contiguous(memory_format=torch.channels_last)


@pytest.fixture(autouse=True)
def native_kernels():
    if library("conv_pool") is None:
        pytest.fail("the conv_pool kernel did not build: the engine needs a C compiler (cc)")


@pytest.mark.parametrize("geometry", GEOMETRIES, ids=lambda g: "f{}-k{}-s{}-p{}-d{}-pool{}-{}-{}".format(*g))
def test_the_fused_kernel_equals_pytorchs_conv_and_max_pool_outputs_and_gradients(geometry):
    generator = torch.Generator().manual_seed(0)
    conv, pool = _pair(geometry, generator)
    fused = FusedConvPool(conv, pool)
    images = _images(5, generator)
    expected = pool(conv(images))
    actual = fused(images)
    assert actual.shape == expected.shape
    assert torch.equal(actual, expected)
    upstream = _dyadic(*expected.shape, low=-4, high=5, scale=4.0, generator=generator)
    wanted = torch.autograd.grad(expected, [conv.weight, conv.bias], upstream)
    got = torch.autograd.grad(actual, [conv.weight, conv.bias], upstream)
    assert torch.equal(got[0], wanted[0])
    assert torch.equal(got[1], wanted[1])


def test_a_nan_wins_its_window_as_in_pytorch():
    generator = torch.Generator().manual_seed(1)
    conv, pool = _pair(GEOMETRIES[0], generator)
    images = _images(2, generator)
    images[0, 0, 10, 10] = float("nan")
    expected, actual = pool(conv(images)), FusedConvPool(conv, pool)(images)
    assert torch.isnan(actual).sum() == torch.isnan(expected).sum() > 0
    torch.testing.assert_close(actual, expected, rtol=0, atol=0, equal_nan=True)


def test_without_bias_and_on_real_valued_inputs_it_agrees_to_rounding():
    conv, pool = torch.nn.Conv2d(1, 16, 3, padding=1, bias=False), torch.nn.MaxPool2d(2)
    images = torch.rand(8, 1, 28, 28)
    torch.testing.assert_close(FusedConvPool(conv, pool)(images), pool(conv(images)))


def test_it_falls_back_to_pytorch_where_the_kernel_does_not_apply(monkeypatch):
    conv, pool = _pair(GEOMETRIES[0], torch.Generator().manual_seed(2))
    fused = FusedConvPool(conv, pool)
    images = torch.rand(2, 1, 28, 28, requires_grad=True)  # not the first layer: an input gradient is needed
    fused(images).sum().backward()
    assert images.grad is not None and images.grad.abs().sum() > 0
    monkeypatch.setenv("CATWALK_NATIVE_KERNELS", "0")
    plain = images.detach()
    assert torch.equal(fused(plain), pool(conv(plain)))


def test_only_a_leading_single_channel_conv_and_max_pool_are_fused():
    conv, pool = torch.nn.Conv2d(1, 4, 3), torch.nn.MaxPool2d(2)
    assert type(fuse_first_conv_pool([conv, pool, torch.nn.ReLU()])[0]) is FusedConvPool
    for modules in (
        [torch.nn.Conv2d(3, 4, 3), pool],
        [conv, torch.nn.AvgPool2d(2)],
        [conv, torch.nn.ReLU(), pool],
        [torch.nn.Conv2d(1, 4, 3, padding_mode="circular"), pool],
        [conv, torch.nn.MaxPool2d(2, ceil_mode=True)],
    ):
        assert fuse_first_conv_pool(modules) == modules


def test_seans_model_fuses_its_first_layer_and_keeps_its_parameters(sean):
    network = build_model(sean)
    assert [type(m).__name__ for m in network][:3] == ["FusedConvPool", "ReLU", "Conv2d"]
    assert [tuple(p.shape) for p in network.parameters()][:2] == [(32, 1, 3, 3), (32,)]


def test_the_same_inputs_give_bit_identical_results_on_every_call():
    conv, pool = torch.nn.Conv2d(1, 32, 3, padding=1), torch.nn.MaxPool2d(2)
    fused, images = FusedConvPool(conv, pool), torch.rand(32, 1, 28, 28)
    assert conv.bias is not None
    results = []
    for _ in range(2):
        out = fused(images)
        results.append((out, *torch.autograd.grad(out.square().sum(), [conv.weight, conv.bias])))
    assert all(torch.equal(a, b) for a, b in itertools.zip_longest(*results))


def test_a_run_records_the_kernel_only_when_it_fuses_a_layer_of_its_model(monkeypatch):
    conv_pool = layout(tiny_spec())
    mlp = layout(tiny_spec(model={"layers": [{"type": "flatten"}, {"type": "dense", "units": 10}]}))
    assert engine_version(conv_pool, torch.device("cpu")) == f"{ENGINE_VERSION}+native"
    assert engine_version(mlp, torch.device("cpu")) == ENGINE_VERSION
    assert engine_version(conv_pool, torch.device("cuda")) == ENGINE_VERSION
    monkeypatch.setenv("CATWALK_NATIVE_KERNELS", "0")
    assert engine_version(conv_pool, torch.device("cpu")) == ENGINE_VERSION
