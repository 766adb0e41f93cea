"""Each layer's output shape and parameter count, as PyTorch's own modules give them:
model.py builds the network on the meta device and passes a meta batch through it.
`engine analyze` prints it; lib/spec's TypeScript analysis must agree with it on every
spec lib/spec accepts (lib/spec/engine-agreement.test.ts).

Only lib/spec judges a spec's shapes and limits (FLOPs, memory, run time, layer count):
the engine trains what the site has checked. A layer PyTorch cannot build or run
still ends as a SpecError at its path, not as a crash."""

from dataclasses import dataclass, field
from typing import Any

from .spec_types import Spec

Shape = tuple[int, ...]

INPUT_SHAPE = (1, 28, 28)


@dataclass
class LayerInfo:
    path: str
    type: str
    output_shape: Shape
    # A residual block's are the whole block's: its body and its shortcut.
    params: int
    body: list["LayerInfo"] = field(default_factory=list)

    def as_json(self) -> list[dict[str, Any]]:
        """This layer, then (for a residual block) its body's layers, depth first."""
        own = {"path": self.path, "type": self.type, "outputShape": list(self.output_shape), "params": self.params}
        return [own] + [entry for inner in self.body for entry in inner.as_json()]


@dataclass
class Analysis:
    layers: list[LayerInfo]

    @property
    def params(self) -> int:
        return sum(layer.params for layer in self.layers)

    @property
    def output_shape(self) -> Shape:
        return self.layers[-1].output_shape

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": True,
            "layers": [entry for layer in self.layers for entry in layer.as_json()],
            "params": self.params,
            "outputShape": list(self.output_shape),
        }


def analyse(spec: Spec) -> Analysis:
    """The layers of a normalised spec's network; raises SpecError naming a layer PyTorch
    cannot build or run on its input."""
    # Imported here: model.py imports LayerInfo from this module.
    from .model import layer_infos

    return Analysis(layer_infos(spec))


def show(shape: Shape) -> str:
    return "[" + ", ".join(map(str, shape)) + "]"
