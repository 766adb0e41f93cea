"""The shape of a normalised spec (docs/spec.md), every default filled in: what
`spec_schema.check` returns, so the type checker checks each field the engine reads.
Field names are the spec's own (camelCase), since these are the spec's JSON objects
themselves; tests/test_spec_types.py checks that they agree with spec.schema.json."""

from typing import Literal, NotRequired, TypedDict

ActivationName = Literal["relu", "leaky_relu", "gelu", "silu", "tanh", "sigmoid", "softmax"]
InitName = Literal["glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "zeros", "default"]
Axis = Literal["rows", "cols"]
Redraw = Literal["once", "epoch"]


class Init(TypedDict):
    weight: InitName
    bias: InitName
    # Only with a He weight init: the slope of the leaky ReLU it precedes.
    leak: NotRequired[float]


class Conv2dLayer(TypedDict):
    type: Literal["conv2d"]
    filters: int
    kernel: int
    stride: int
    padding: Literal["same", "valid"] | int
    dilation: int
    groups: int
    bias: bool
    activation: ActivationName | None
    init: Init


class PoolLayer(TypedDict):
    type: Literal["maxpool", "avgpool"]
    size: int
    stride: int  # the size when the spec gives none
    padding: int


class GlobalAvgPoolLayer(TypedDict):
    type: Literal["globalavgpool"]


class FlattenLayer(TypedDict):
    type: Literal["flatten"]


class DenseLayer(TypedDict):
    type: Literal["dense"]
    units: int
    bias: bool
    activation: ActivationName | None
    init: Init


class DropoutLayer(TypedDict):
    type: Literal["dropout"]
    rate: float


class BatchNormLayer(TypedDict):
    type: Literal["batchnorm"]
    momentum: float
    eps: float


class LayerNormLayer(TypedDict):
    type: Literal["layernorm"]
    eps: float


class PReLULayer(TypedDict):
    type: Literal["prelu"]
    perChannel: bool


class PlainActivationLayer(TypedDict):
    type: Literal["activation"]
    fn: Literal["relu", "gelu", "silu", "tanh", "sigmoid", "softmax"]


class LeakyReluLayer(TypedDict):
    type: Literal["activation"]
    fn: Literal["leaky_relu"]
    negativeSlope: float


class GeneralReluLayer(TypedDict):
    type: Literal["activation"]
    fn: Literal["general_relu"]
    negativeSlope: float
    subtract: float
    max: float | None


ActivationLayer = PlainActivationLayer | LeakyReluLayer | GeneralReluLayer


class IdentityShortcut(TypedDict):
    type: Literal["identity"]


class ProjectionShortcut(TypedDict):
    type: Literal["projection"]
    batchnorm: bool
    pool: Literal["none", "avg"]
    bias: bool
    init: Init


class ResidualLayer(TypedDict):
    type: Literal["residual"]
    body: list["Layer"]
    shortcut: IdentityShortcut | ProjectionShortcut
    activation: ActivationName | None


# Every layer but a residual block: what analysis.py's per-layer rules take.
PlainLayer = (
    Conv2dLayer | PoolLayer | GlobalAvgPoolLayer | FlattenLayer | DenseLayer | DropoutLayer | BatchNormLayer | LayerNormLayer | PReLULayer | ActivationLayer
)
Layer = PlainLayer | ResidualLayer


class Model(TypedDict):
    layers: list[Layer]


class Loss(TypedDict):
    type: Literal["cross_entropy"]
    labelSmoothing: float


class SgdOptimizer(TypedDict):
    type: Literal["sgd"]
    momentum: float
    nesterov: bool
    weightDecay: float
    gradClipNorm: float | None


class AdamOptimizer(TypedDict):
    type: Literal["adam", "adamw"]
    beta1: float
    beta2: float
    eps: float
    weightDecay: float
    gradClipNorm: float | None


Optimizer = SgdOptimizer | AdamOptimizer


class ConstantSchedule(TypedDict):
    type: Literal["constant"]
    lr: float


class StepSchedule(TypedDict):
    type: Literal["step"]
    lr: float
    gamma: float
    stepSize: int


class ExponentialSchedule(TypedDict):
    type: Literal["exponential"]
    lr: float
    decayRate: float
    transitionSteps: int
    staircase: bool


class CosineSchedule(TypedDict):
    type: Literal["cosine"]
    lr: float
    finalLr: float


class MomentumCycle(TypedDict):
    base: float
    max: float


class OneCycleSchedule(TypedDict):
    type: Literal["onecycle"]
    maxLr: float
    pctStart: float
    divFactor: float
    finalDivFactor: float
    momentumCycle: MomentumCycle | None


BaseSchedule = ConstantSchedule | StepSchedule | ExponentialSchedule | CosineSchedule | OneCycleSchedule


class WarmupSchedule(TypedDict):
    type: Literal["warmup"]
    steps: int
    startFactor: float
    then: BaseSchedule


Schedule = BaseSchedule | WarmupSchedule


class FlipAugment(TypedDict):
    type: Literal["flip"]
    axis: Axis
    p: float
    per: Literal["batch", "sample"]
    redraw: Redraw


class CropAugment(TypedDict):
    type: Literal["crop"]
    padding: int
    redraw: Redraw


class EraseAugment(TypedDict):
    type: Literal["erase"]
    p: float
    scale: list[float]  # [low, high]
    ratio: list[float]  # [low, high]
    value: float
    redraw: Redraw


Augment = FlipAugment | CropAugment | EraseAugment


class Normalization(TypedDict):
    mean: float
    std: float


Normalize = Literal["scale", "standardize"] | Normalization


class DataOptions(TypedDict):
    batchSize: int
    shuffle: bool
    normalize: Normalize
    augment: list[Augment]
    testTimeFlip: Axis | None


class Spec(TypedDict):
    version: int
    seed: int
    budgets: list[int]
    model: Model
    loss: Loss
    optimizer: Optimizer
    schedule: Schedule
    data: DataOptions
