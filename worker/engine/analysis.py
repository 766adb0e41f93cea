"""Shape inference, parameter, FLOP and activation counts, and the spec's limits — pure
arithmetic on a normalised spec, no tensors. `engine analyze` prints it, the model
builder takes its shapes from it, and lib/spec's TypeScript analysis must agree with
it exactly (docs/spec.md, "Analysis counts")."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .spec import Issue, SpecError
from .spec_types import (
    ActivationLayer,
    BatchNormLayer,
    Conv2dLayer,
    DenseLayer,
    DropoutLayer,
    FlattenLayer,
    GlobalAvgPoolLayer,
    Layer,
    LayerNormLayer,
    PlainLayer,
    PoolLayer,
    ResidualLayer,
    Spec,
)

Shape = tuple[int, ...]
# A plain layer's output shape, parameters and FLOPs.
Counts = tuple[Shape, int, int]

INPUT_SHAPE = (1, 28, 28)
CLASSES = 10
MAX_LAYERS = 64
MAX_RESIDUAL_DEPTH = 4
MAX_PARAMS = 20_000_000
MAX_FLOPS = 1_000_000_000
MAX_HOURS_PER_BUDGET = 12
TRAIN_IMAGES = 60_000
# The reference machine (2 cores, see scripts/bench_engine.py) sustains about this
# many FLOP/s in training; a training step costs about 3× the forward FLOPs.
REFERENCE_TRAIN_FLOPS_PER_SECOND = 100e9
TRAIN_FLOPS_PER_FORWARD_FLOP = 3
BYTES_PER_FLOAT = 4
# A parameter's value, its gradient and up to two optimizer moments (Adam's).
COPIES_PER_PARAMETER = 4
MAX_TRAINING_BYTES = 8_000_000_000


@dataclass
class LayerInfo:
    path: str
    type: str
    input_shape: tuple[int, ...]
    output_shape: tuple[int, ...]
    params: int
    flops: int
    # Values per image that autograd keeps for the backward pass; a residual block's
    # include its body's.
    activations: int
    body: list["LayerInfo"] = field(default_factory=list)

    def as_json(self) -> list[dict[str, Any]]:
        """This layer, then (for a residual block) its body's layers, depth first."""
        own = {
            "path": self.path,
            "type": self.type,
            "outputShape": list(self.output_shape),
            "params": self.params,
            "flops": self.flops,
            "activations": self.activations,
        }
        return [own] + [entry for inner in self.body for entry in inner.as_json()]


@dataclass
class Analysis:
    layers: list[LayerInfo]
    params: int
    flops: int
    output_shape: tuple[int, ...]
    seconds_per_epoch: float
    training_bytes: int

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": True,
            "layers": [entry for layer in self.layers for entry in layer.as_json()],
            "params": self.params,
            "flops": self.flops,
            "outputShape": list(self.output_shape),
            "estimatedSecondsPerEpoch": self.seconds_per_epoch,
            "trainingBytesPerStep": self.training_bytes,
        }


class _ShapeError(Exception):
    def __init__(self, path: str, message: str):
        super().__init__(message)
        self.path = path


def _size(shape: tuple[int, ...]) -> int:
    total = 1
    for dim in shape:
        total *= dim
    return total


def _show(shape: tuple[int, ...]) -> str:
    return "[" + ", ".join(map(str, shape)) + "]"


def _need_image(shape: Shape, path: str, what: str) -> tuple[int, int, int]:
    if len(shape) != 3:
        raise _ShapeError(path, f"{what} needs an image input [C, H, W], got {_show(shape)}")
    return shape


def _activation_check(name: str | None, shape: Shape, path: str) -> int:
    """FLOPs of an activation on `shape` (one per element); softmax only on vectors."""
    if name is None:
        return 0
    if name == "softmax" and len(shape) != 1:
        raise _ShapeError(path, f"softmax is only valid on vectors, got {_show(shape)}")
    return _size(shape)


def conv_padding(layer: Conv2dLayer) -> int:
    if layer["padding"] == "same":
        return layer["dilation"] * (layer["kernel"] - 1) // 2
    if layer["padding"] == "valid":
        return 0
    return layer["padding"]


def conv_output_size(size: int, kernel: int, stride: int, padding: int, dilation: int = 1) -> int:
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def _conv2d(layer: Conv2dLayer, shape: Shape, path: str) -> Counts:
    channels, height, width = _need_image(shape, path, "conv2d")
    kernel, stride, dilation, groups, filters = layer["kernel"], layer["stride"], layer["dilation"], layer["groups"], layer["filters"]
    if layer["padding"] == "same":
        if stride != 1:
            raise _ShapeError(f"{path}.padding", '"same" padding needs stride 1')
        if dilation * (kernel - 1) % 2:
            raise _ShapeError(f"{path}.padding", f'"same" padding needs an odd effective kernel, dilation·(kernel−1)+1 = {dilation * (kernel - 1) + 1}')
    if channels % groups or filters % groups:
        raise _ShapeError(f"{path}.groups", f"groups ({groups}) must divide the input channels ({channels}) and filters ({filters})")
    padding = conv_padding(layer)
    out = (filters, conv_output_size(height, kernel, stride, padding, dilation), conv_output_size(width, kernel, stride, padding, dilation))
    if out[1] < 1 or out[2] < 1:
        raise _ShapeError(f"{path}.kernel", f"the effective kernel {dilation * (kernel - 1) + 1} does not fit the input {_show(shape)} with padding {padding}")
    outputs = _size(out)
    params = kernel * kernel * channels // groups * filters + (filters if layer["bias"] else 0)
    flops = 2 * kernel * kernel * channels // groups * outputs + (outputs if layer["bias"] else 0)
    flops += _activation_check(layer["activation"], out, f"{path}.activation")
    return out, params, flops


def _pool(layer: PoolLayer, shape: Shape, path: str) -> Counts:
    channels, height, width = _need_image(shape, path, layer["type"])
    size, stride, padding = layer["size"], layer["stride"], layer["padding"]
    if 2 * padding > size:
        raise _ShapeError(f"{path}.padding", f"must be at most size/2 = {size / 2:g}, got {padding}")
    out = (channels, conv_output_size(height, size, stride, padding), conv_output_size(width, size, stride, padding))
    if out[1] < 1 or out[2] < 1:
        raise _ShapeError(f"{path}.size", f"the pool window ({size}) does not fit the input {_show(shape)}")
    return out, 0, _size(out)


def _globalavgpool(layer: GlobalAvgPoolLayer, shape: Shape, path: str) -> Counts:
    channels, _, _ = _need_image(shape, path, "globalavgpool")
    return (channels,), 0, channels


def _flatten(layer: FlattenLayer, shape: Shape, path: str) -> Counts:
    _need_image(shape, path, "flatten")
    return (_size(shape),), 0, 0


def _dense(layer: DenseLayer, shape: Shape, path: str) -> Counts:
    if len(shape) != 1:
        raise _ShapeError(path, f"dense needs a vector input, got the image {_show(shape)}: add a flatten or globalavgpool layer first")
    units = layer["units"]
    params = shape[0] * units + (units if layer["bias"] else 0)
    flops = 2 * shape[0] * units + (units if layer["bias"] else 0)
    flops += _activation_check(layer["activation"], (units,), f"{path}.activation")
    return (units,), params, flops


def _dropout(layer: DropoutLayer, shape: Shape, path: str) -> Counts:
    return shape, 0, 0


def _batchnorm(layer: BatchNormLayer, shape: Shape, path: str) -> Counts:
    return shape, 2 * shape[0], _size(shape)


def _layernorm(layer: LayerNormLayer, shape: Shape, path: str) -> Counts:
    return shape, 2 * _size(shape), _size(shape)


def _activation(layer: ActivationLayer, shape: Shape, path: str) -> Counts:
    return shape, 0, _activation_check(layer["fn"], shape, f"{path}.fn")


def shortcut_stride(in_shape: Shape, body_shape: Shape, path: str, pooled: bool = False) -> int:
    """The projection's stride. A strided 1×1 conv: input H / body output H, which must
    divide exactly and be the same for W. An average pool in ceil mode (window = stride)
    gives ⌈size / stride⌉: the smallest such stride, the same for H and W."""
    _, height, width = in_shape
    _, out_height, out_width = body_shape
    if pooled:
        stride = -(-height // out_height)
        if -(-height // stride) == out_height and -(-width // stride) == out_width:
            return stride
        raise _ShapeError(
            f"{path}.shortcut",
            f"a pooled projection needs the body's output size {out_height}×{out_width}"
            f" to be the input size {height}×{width} divided by one whole number and rounded up",
        )
    if height % out_height or width % out_width or height // out_height != width // out_width:
        raise _ShapeError(
            f"{path}.shortcut",
            f"a projection needs the input size {height}×{width} to be the same whole multiple of the body's output size {out_height}×{out_width}",
        )
    return height // out_height


def _residual(layer: ResidualLayer, shape: Shape, path: str, depth: int) -> tuple[Shape, int, int, list[LayerInfo], int]:
    _need_image(shape, path, "residual")
    body = _analyse_layers(layer["body"], shape, f"{path}.body", depth + 1)
    body_shape = body[-1].output_shape
    params = sum(inner.params for inner in body)
    flops = sum(inner.flops for inner in body)
    if layer["shortcut"]["type"] == "identity":
        if body_shape != shape:
            raise _ShapeError(
                f"{path}.shortcut", f"an identity shortcut needs the body's output {_show(body_shape)} to equal its input {_show(shape)}; use a projection"
            )
    else:
        if len(body_shape) != 3:
            raise _ShapeError(f"{path}.body", f"a projection shortcut needs the body to output an image, got {_show(body_shape)}")
        shortcut = layer["shortcut"]
        shortcut_stride(shape, body_shape, path, shortcut["pool"] == "avg")
        params += shape[0] * body_shape[0]
        flops += 2 * shape[0] * _size(body_shape) + _pooled_values(layer, shape, body_shape)
        if shortcut["bias"]:
            params += body_shape[0]
            flops += _size(body_shape)
        if shortcut["batchnorm"]:
            params += 2 * body_shape[0]
            flops += _size(body_shape)
    flops += _size(body_shape)  # the addition
    flops += _activation_check(layer["activation"], body_shape, f"{path}.activation")
    return body_shape, params, flops, body, residual_activations(layer, body, body_shape, shape)


def layer_activations(layer: PlainLayer, output_shape: Shape) -> int:
    """Values per image a plain layer keeps for backward: its output, and again after a
    fused activation; a flatten is a view and keeps nothing."""
    if layer["type"] == "flatten":
        return 0
    return _size(output_shape) * (2 if layer.get("activation") else 1)


def _pooled_values(layer: ResidualLayer, in_shape: Shape, output_shape: Shape) -> int:
    """Values per image a pooled projection's average pool outputs (0 without one)."""
    if layer["shortcut"]["type"] != "projection" or layer["shortcut"]["pool"] != "avg":
        return 0
    return in_shape[0] * output_shape[1] * output_shape[2]


def residual_activations(layer: ResidualLayer, body: list[LayerInfo], output_shape: Shape, in_shape: Shape) -> int:
    """The body's, a projection's pooled input, output (and its batch norm's), the sum, and the activation."""
    outputs = _size(output_shape)
    shortcut = (
        0 if layer["shortcut"]["type"] == "identity" else outputs * (2 if layer["shortcut"]["batchnorm"] else 1) + _pooled_values(layer, in_shape, output_shape)
    )
    return sum(inner.activations for inner in body) + shortcut + outputs * (2 if layer["activation"] else 1)


# Each rule takes the layer type it is keyed by (the union cannot say which).
_LAYERS: dict[str, Callable[[Any, Shape, str], Counts]] = {
    "conv2d": _conv2d,
    "maxpool": _pool,
    "avgpool": _pool,
    "globalavgpool": _globalavgpool,
    "flatten": _flatten,
    "dense": _dense,
    "dropout": _dropout,
    "batchnorm": _batchnorm,
    "layernorm": _layernorm,
    "activation": _activation,
}


def _analyse_layers(layers: list[Layer], shape: Shape, path: str, depth: int) -> list[LayerInfo]:
    if depth > MAX_RESIDUAL_DEPTH:
        raise _ShapeError(path, f"residual blocks nest {depth} deep; the limit is {MAX_RESIDUAL_DEPTH}")
    infos = []
    for index, layer in enumerate(layers):
        layer_path = f"{path}.{index}"
        if layer["type"] == "residual":
            out, params, flops, body, activations = _residual(layer, shape, layer_path, depth)
        else:
            (out, params, flops), body = _LAYERS[layer["type"]](layer, shape, layer_path), []
            activations = layer_activations(layer, out)
        infos.append(LayerInfo(layer_path, layer["type"], shape, out, params, flops, activations, body))
        shape = out
    return infos


def count_layers(layers: list[Layer]) -> int:
    return sum(1 + (count_layers(layer["body"]) if layer["type"] == "residual" else 0) for layer in layers)


def estimated_seconds_per_epoch(flops: int) -> float:
    return TRAIN_IMAGES * TRAIN_FLOPS_PER_FORWARD_FLOP * flops / REFERENCE_TRAIN_FLOPS_PER_SECOND


def training_bytes_per_step(infos: list[LayerInfo], params: int, batch_size: int) -> int:
    """Memory a training step needs: the input batch and the activations kept for
    backward, plus every parameter's value, gradient and optimizer state."""
    per_image = _size(INPUT_SHAPE) + sum(info.activations for info in infos)
    return BYTES_PER_FLOAT * (batch_size * per_image + COPIES_PER_PARAMETER * params)


def _gigabytes(count: int) -> str:
    return f"{count / 1e9:.1f}".removesuffix(".0") if count < 10e9 else f"{round(count / 1e9)}"


def analyse(spec: Spec) -> Analysis:
    """Shapes, counts and limits of a normalised spec; raises SpecError naming the field."""
    layers = spec["model"]["layers"]
    total_layers = count_layers(layers)
    if total_layers > MAX_LAYERS:
        raise SpecError([{"path": "model.layers", "message": f"the model has {total_layers} layers counting nested ones; the limit is {MAX_LAYERS}"}])
    try:
        infos = _analyse_layers(layers, INPUT_SHAPE, "model.layers", 0)
    except _ShapeError as error:
        raise SpecError([{"path": error.path, "message": str(error)}]) from None
    output = infos[-1].output_shape
    if output != (CLASSES,):
        raise SpecError([{"path": "model.layers", "message": f"the model must output a vector of {CLASSES} values, got {_show(output)}"}])
    params = sum(info.params for info in infos)
    flops = sum(info.flops for info in infos)
    issues: list[Issue] = []
    if params > MAX_PARAMS:
        issues.append({"path": "model.layers", "message": f"the model has {params:,} parameters; the limit is {MAX_PARAMS:,}"})
    if flops > MAX_FLOPS:
        issues.append({"path": "model.layers", "message": f"the model costs {flops:,} FLOPs per image; the limit is {MAX_FLOPS:,}"})
    batch_size = spec["data"]["batchSize"]
    memory = training_bytes_per_step(infos, params, batch_size)
    if memory > MAX_TRAINING_BYTES:
        issues.append(
            {
                "path": "model.layers",
                "message": f"training needs about {_gigabytes(memory)} GB of memory per step at batch size {batch_size};"
                f" the limit is {_gigabytes(MAX_TRAINING_BYTES)} GB (use fewer filters, fewer layers or a smaller data.batchSize)",
            }
        )
    seconds = estimated_seconds_per_epoch(flops)
    hours = seconds * max(spec["budgets"]) / 3600
    if hours > MAX_HOURS_PER_BUDGET:
        issues.append(
            {
                "path": "budgets",
                "message": f"the {max(spec['budgets'])}-epoch budget would take about {hours:.1f} hours on the reference machine;"
                f" the limit is {MAX_HOURS_PER_BUDGET} hours",
            }
        )
    if issues:
        raise SpecError(issues)
    return Analysis(infos, params, flops, output, seconds, memory)
