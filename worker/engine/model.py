"""Builds the PyTorch network a normalised spec describes, initialised as it says.

The network returns logits: when the spec's model ends in a softmax, that softmax is
left out here and the loss applies log-softmax itself (docs/spec.md, "Loss"), which is
the same function, computed stably. Each layer is built for the shape its input has:
the builder passes a meta tensor through every module as it creates it, so shapes and
parameter counts (analysis.py) are PyTorch's own.
"""

import math
from collections.abc import Callable
from typing import assert_never

import torch
import torch.nn.functional as F
from torch import nn
from torch.func import functional_call

from .analysis import INPUT_SHAPE, LayerInfo, Shape, show
from .spec import SpecError
from .spec_types import ActivationLayer, ActivationName, Conv2dLayer, Init, InitName, Layer, PlainLayer, ResidualLayer, Spec


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


def conv_padding(layer: Conv2dLayer) -> int:
    if layer["padding"] == "same":
        return layer["dilation"] * (layer["kernel"] - 1) // 2
    if layer["padding"] == "valid":
        return 0
    return layer["padding"]


def _probe(modules: list[nn.Module], x: torch.Tensor) -> torch.Tensor:
    """`modules` applied to the meta tensor `x` through meta stand-ins for their parameters
    and buffers: the output's shape, with nothing allocated or computed, no generator
    drawn from, and the modules' own tensors (batch-norm statistics too) untouched."""
    sequence = nn.Sequential(*modules)
    stand_ins = {name: torch.empty_like(tensor, device="meta") for name, tensor in [*sequence.named_parameters(), *sequence.named_buffers()]}
    return functional_call(sequence, stand_ins, (x,))  # type: ignore[no-any-return]  # nn.Module calls return Any


def _image_of(x: torch.Tensor) -> Shape:
    return tuple(x.shape[1:])


class _Builder:
    """Creates modules in spec order and remembers, in the same order, how each is
    initialised, so initialisation can run as one pass once the seed is set."""

    def __init__(self) -> None:
        self.initialisers: list[Callable[[], None]] = []

    def layers(self, specs: list[Layer], x: torch.Tensor, path: str, drop_final_softmax: bool) -> tuple[nn.Sequential, torch.Tensor, list[LayerInfo]]:
        """The layers' modules, their output for the meta batch `x`, and each layer's record."""
        modules: list[nn.Module] = []
        infos: list[LayerInfo] = []
        for index, spec in enumerate(specs):
            last = drop_final_softmax and index == len(specs) - 1
            layer_path = f"{path}.{index}"
            built, x, body = self.fitted(spec, x, layer_path, last)
            params = sum(parameter.numel() for module in built for parameter in module.parameters())
            infos.append(LayerInfo(layer_path, spec["type"], _image_of(x), params, body))
            modules.extend(built)
        return nn.Sequential(*pool_before_relu(modules)), x, infos

    def fitted(self, spec: Layer, x: torch.Tensor, path: str, last: bool) -> tuple[list[nn.Module], torch.Tensor, list[LayerInfo]]:
        """The layer built for its input `x`, and its output. lib/spec checks every shape
        rule before a spec reaches the engine; a layer PyTorch still cannot build or run
        is reported at its path rather than as a crash."""
        try:
            if spec["type"] == "residual":
                return self.residual(spec, x, path)
            built = self.layer(spec, _image_of(x), last)
            return built, _probe(built, x), []
        except (RuntimeError, ValueError, IndexError) as error:
            raise SpecError([{"path": path, "message": f"PyTorch cannot apply this {spec['type']} layer to its input {show(_image_of(x))}: {error}"}]) from None

    def layer(self, spec: PlainLayer, shape: Shape, last: bool) -> list[nn.Module]:
        channels = shape[0]
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
            norm = nn.BatchNorm2d if len(shape) == 3 else nn.BatchNorm1d
            return [norm(channels, eps=spec["eps"], momentum=spec["momentum"])]
        if spec["type"] == "layernorm":
            return [nn.LayerNorm(list(shape), eps=spec["eps"])]
        if spec["type"] == "prelu":
            return [nn.PReLU(channels if spec["perChannel"] else 1)]
        if spec["type"] == "activation":
            return [] if last and spec["fn"] == "softmax" else [activation_layer_module(spec)]
        assert_never(spec)

    def activation(self, name: ActivationName | None, last: bool, negative_slope: float = 0.01) -> list[nn.Module]:
        if name is None or (last and name == "softmax"):
            return []
        return [activation_module(name, negative_slope)]

    def residual(self, spec: ResidualLayer, x: torch.Tensor, path: str) -> tuple[list[nn.Module], torch.Tensor, list[LayerInfo]]:
        body, output, infos = self.layers(spec["body"], x, f"{path}.body", drop_final_softmax=False)
        shortcut = spec["shortcut"]
        path_module: nn.Module
        if shortcut["type"] == "identity":
            path_module = nn.Identity()
        else:
            if output.dim() != 4:
                raise SpecError([{"path": f"{path}.shortcut", "message": f"a projection needs the body to output an image, not {show(_image_of(output))}"}])
            pooled = shortcut["pool"] == "avg"
            # A strided 1×1 conv and an average pool in ceil mode both give ⌈size / stride⌉.
            stride = -(-x.shape[2] // output.shape[2])
            projection = nn.Conv2d(x.shape[1], output.shape[1], 1, 1 if pooled else stride, bias=shortcut["bias"])
            self.initialisers.append(lambda: _initialise_layer(projection, shortcut["init"]))
            modules: list[nn.Module] = [nn.AvgPool2d(stride, ceil_mode=True)] if pooled and stride > 1 else []
            modules.append(projection)
            if shortcut["batchnorm"]:
                modules.append(nn.BatchNorm2d(output.shape[1]))
            path_module = nn.Sequential(*modules) if len(modules) > 1 else projection
        passed = _probe([path_module], x)
        if passed.shape != output.shape:
            raise SpecError(
                [{"path": f"{path}.shortcut", "message": f"the shortcut gives {show(_image_of(passed))} where the body gives {show(_image_of(output))}"}]
            )
        block = Residual(body, path_module, activation_module(spec["activation"]))
        return [block], _probe([block], x), infos


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


def _build(spec: Spec) -> tuple[nn.Sequential, list[LayerInfo], _Builder]:
    layers = spec["model"]["layers"]
    builder = _Builder()
    # Two images: BatchNorm1d refuses to train on one value per channel.
    images = torch.empty(2, *INPUT_SHAPE, device="meta")
    network, _, infos = builder.layers(layers, images, "model.layers", drop_final_softmax=ends_in_softmax(layers))
    return network, infos, builder


def build_model(spec: Spec) -> nn.Sequential:
    """The network for a normalised spec, on the CPU, returning logits. Initialisation
    draws from the global generator, seeded `spec["seed"]` just before the modules are
    built; the spec's initialisers run layer by layer in order (weight, then bias; a
    residual's body, then its projection)."""
    torch.manual_seed(spec["seed"])
    # As in a plain PyTorch script: the constructors draw PyTorch's default init for
    # every layer first, then the spec's initialisers overwrite it in layer order.
    network, _, builder = _build(spec)
    for initialise_next in builder.initialisers:
        initialise_next()
    return network


def layer_infos(spec: Spec) -> list[LayerInfo]:
    """Each layer's output shape and parameters, read off its modules built on the meta
    device: nothing allocated, nothing initialised, no generator seeded or drawn from."""
    with torch.device("meta"):
        return _build(spec)[1]


def layout(spec: Spec) -> nn.Sequential:
    """The network `build_model` returns, on the meta device: its modules without
    allocating or initialising parameters (what the start line reports on)."""
    with torch.device("meta"):
        return build_model(spec)
