"""Builds the PyTorch network a normalised spec describes, initialised as it says.

The network returns logits: when the spec's model ends in a softmax, that softmax is
left out here and the loss applies log-softmax itself (docs/spec.md, "Loss"), which is
the same function, computed stably. Shapes come from analysis.py, so the module and
the analysis cannot disagree.
"""

import math
from collections.abc import Callable
from typing import assert_never

import torch
import torch.nn.functional as F
from torch import nn

from .analysis import LayerInfo, analyse, conv_padding, shortcut_stride
from .conv_pool import fuse_first_conv_pool
from .spec_types import ActivationLayer, ActivationName, Init, InitName, Layer, ResidualLayer, Spec


class GlobalAvgPool(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # mean over H, W (rather than adaptive pooling): deterministic on CUDA too.
        return x.mean(dim=(2, 3))


class Residual(nn.Module):
    def __init__(self, body: nn.Module, shortcut: nn.Module, activation: nn.Module):
        super().__init__()
        self.body, self.shortcut, self.activation = body, shortcut, activation

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.activation(self.body(x) + self.shortcut(x))  # type: ignore[no-any-return]  # nn.Module calls return Any


class GeneralRelu(nn.Module):
    """fastai course's general ReLU: leaky ReLU, minus a constant, optionally capped."""

    def __init__(self, negative_slope: float, subtract: float, maximum: float | None):
        super().__init__()
        self.negative_slope, self.subtract, self.maximum = negative_slope, subtract, maximum

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.leaky_relu(x, self.negative_slope) - self.subtract
        return x if self.maximum is None else x.clamp_max(self.maximum)


def activation_layer_module(spec: ActivationLayer) -> nn.Module:
    if spec["fn"] == "general_relu":
        return GeneralRelu(spec["negativeSlope"], spec["subtract"], spec["max"])
    return activation_module(spec["fn"], spec["negativeSlope"] if spec["fn"] == "leaky_relu" else 0.01)


def activation_module(name: ActivationName | None, negative_slope: float = 0.01) -> nn.Module:
    if name is None:
        return nn.Identity()
    makers: dict[ActivationName, Callable[[], nn.Module]] = {
        "relu": lambda: nn.ReLU(),
        "leaky_relu": lambda: nn.LeakyReLU(negative_slope),
        "gelu": lambda: nn.GELU(),  # the exact erf form
        "silu": lambda: nn.SiLU(),
        "tanh": lambda: nn.Tanh(),
        "sigmoid": lambda: nn.Sigmoid(),
        "softmax": lambda: nn.Softmax(dim=1),
    }
    return makers[name]()


def fans(weight: torch.Tensor) -> tuple[int, int]:
    """(fan_in, fan_out): in/groups·k·k and out·k·k for a conv kernel [out, in/groups, k, k]."""
    receptive = weight[0][0].numel() if weight.dim() > 2 else 1
    return weight.shape[1] * receptive, weight.shape[0] * receptive


@torch.no_grad()
def initialise(tensor: torch.Tensor, name: InitName, fan_in: int, fan_out: int, leak: float = 0.0) -> None:
    """Fills `tensor` from the global generator. A bias uses its layer's kernel fans. He
    initialisers scale by PyTorch's leaky-ReLU gain √(2 / (1 + leak²))."""
    if name == "glorot_uniform":
        bound = math.sqrt(6 / (fan_in + fan_out))
        tensor.uniform_(-bound, bound)
    elif name == "glorot_normal":
        tensor.normal_(0, math.sqrt(2 / (fan_in + fan_out)))
    elif name == "he_uniform":
        bound = math.sqrt(6 / ((1 + leak**2) * fan_in))
        tensor.uniform_(-bound, bound)
    elif name == "he_normal":
        tensor.normal_(0, math.sqrt(2 / ((1 + leak**2) * fan_in)))
    elif name == "zeros":
        tensor.zero_()
    elif name == "default":
        # PyTorch's own conv/linear default: kaiming_uniform(a=√5) for the weight and
        # U(±1/√fan_in) for the bias — both come to U(±1/√fan_in).
        bound = 1 / math.sqrt(fan_in)
        tensor.uniform_(-bound, bound)
    else:
        assert_never(name)


def _initialise_layer(module: nn.Conv2d | nn.Linear, init: Init) -> None:
    fan_in, fan_out = fans(module.weight)
    initialise(module.weight, init["weight"], fan_in, fan_out, init.get("leak", 0.0))
    if module.bias is not None:
        initialise(module.bias, init["bias"], fan_in, fan_out)


class _Builder:
    """Creates modules in spec order and remembers, in the same order, how each is
    initialised, so initialisation can run as one pass once the seed is set."""

    def __init__(self) -> None:
        self.initialisers: list[Callable[[], None]] = []

    def layers(self, specs: list[Layer], infos: list[LayerInfo], drop_final_softmax: bool) -> nn.Sequential:
        modules: list[nn.Module] = []
        for index, (spec, info) in enumerate(zip(specs, infos, strict=True)):
            last = drop_final_softmax and index == len(specs) - 1
            modules.extend(self.layer(spec, info, last))
        return nn.Sequential(*pool_before_relu(modules))

    def layer(self, spec: Layer, info: LayerInfo, last: bool) -> list[nn.Module]:
        channels = info.input_shape[0]
        if spec["type"] == "conv2d":
            conv = nn.Conv2d(channels, spec["filters"], spec["kernel"], spec["stride"], conv_padding(spec), spec["dilation"], spec["groups"], spec["bias"])
            self.initialisers.append(lambda: _initialise_layer(conv, spec["init"]))
            return [conv, *self.activation(spec["activation"], last)]
        if spec["type"] == "dense":
            dense = nn.Linear(channels, spec["units"], spec["bias"])
            self.initialisers.append(lambda: _initialise_layer(dense, spec["init"]))
            return [dense, *self.activation(spec["activation"], last)]
        if spec["type"] == "maxpool":
            return [nn.MaxPool2d(spec["size"], spec["stride"], spec["padding"])]
        if spec["type"] == "avgpool":
            return [nn.AvgPool2d(spec["size"], spec["stride"], spec["padding"], count_include_pad=True)]
        if spec["type"] == "globalavgpool":
            return [GlobalAvgPool()]
        if spec["type"] == "flatten":
            return [nn.Flatten()]
        if spec["type"] == "dropout":
            return [nn.Dropout(spec["rate"])]
        if spec["type"] == "batchnorm":
            norm = nn.BatchNorm2d if len(info.input_shape) == 3 else nn.BatchNorm1d
            return [norm(channels, eps=spec["eps"], momentum=spec["momentum"])]
        if spec["type"] == "layernorm":
            return [nn.LayerNorm(list(info.input_shape), eps=spec["eps"])]
        if spec["type"] == "activation":
            return [] if last and spec["fn"] == "softmax" else [activation_layer_module(spec)]
        if spec["type"] == "residual":
            return [self.residual(spec, info)]
        assert_never(spec)

    def activation(self, name: ActivationName | None, last: bool, negative_slope: float = 0.01) -> list[nn.Module]:
        if name is None or (last and name == "softmax"):
            return []
        return [activation_module(name, negative_slope)]

    def residual(self, spec: ResidualLayer, info: LayerInfo) -> Residual:
        body = self.layers(spec["body"], info.body, drop_final_softmax=False)
        shortcut = spec["shortcut"]
        path: nn.Module
        if shortcut["type"] == "identity":
            path = nn.Identity()
        else:
            out_channels = info.output_shape[0]
            pooled = shortcut["pool"] == "avg"
            stride = shortcut_stride(info.input_shape, info.output_shape, info.path, pooled)
            projection = nn.Conv2d(info.input_shape[0], out_channels, 1, 1 if pooled else stride, bias=shortcut["bias"])
            self.initialisers.append(lambda: _initialise_layer(projection, shortcut["init"]))
            modules: list[nn.Module] = [nn.AvgPool2d(stride, ceil_mode=True)] if pooled and stride > 1 else []
            modules.append(projection)
            if shortcut["batchnorm"]:
                modules.append(nn.BatchNorm2d(out_channels))
            path = nn.Sequential(*modules) if len(modules) > 1 else projection
        return Residual(body, path, activation_module(spec["activation"]))


def pool_before_relu(modules: list[nn.Module]) -> list[nn.Module]:
    """Moves each ReLU that a max-pool follows to after the pool. ReLU is monotonic, so
    max(relu(x)) = relu(max(x)) exactly, and the gradients are bit-identical too (the
    pool routes to the same first maximum; a window with no positive value gets none
    either way); the ReLU and its backward just run on a tensor size² times smaller.
    On Sean's model that is about 5 % of a CPU step (worker/engine/README.md)."""
    modules = list(modules)
    for index in range(len(modules) - 1):
        if type(modules[index]) is nn.ReLU and type(modules[index + 1]) is nn.MaxPool2d:
            modules[index], modules[index + 1] = modules[index + 1], modules[index]
    return modules


def ends_in_softmax(layers: list[Layer]) -> bool:
    last = layers[-1]
    return (last["type"] == "activation" and last["fn"] == "softmax") or (last["type"] in ("conv2d", "dense") and last["activation"] == "softmax")


def build_model(spec: Spec) -> nn.Sequential:
    """The network for a normalised spec, on the CPU, returning logits. Initialisation
    draws from the global generator, seeded `spec["seed"]` just before the modules are
    built; the spec's initialisers run layer by layer in order (weight, then bias; a
    residual's body, then its projection). A first conv + max-pool comes back as one
    FusedConvPool holding both modules (conv_pool.py)."""
    layers = spec["model"]["layers"]
    infos = analyse(spec).layers
    builder = _Builder()
    torch.manual_seed(spec["seed"])
    # As in a plain PyTorch script: the constructors draw PyTorch's default init for
    # every layer first, then the spec's initialisers overwrite it in layer order.
    network = builder.layers(layers, infos, drop_final_softmax=ends_in_softmax(layers))
    for initialise_next in builder.initialisers:
        initialise_next()
    return nn.Sequential(*fuse_first_conv_pool(list(network)))


def layout(spec: Spec) -> nn.Sequential:
    """The network `build_model` returns, on the meta device: its modules without
    allocating or initialising parameters (what the start line reports on)."""
    with torch.device("meta"):
        return build_model(spec)
