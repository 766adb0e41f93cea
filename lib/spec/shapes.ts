/**
 * Shape inference, parameter count, forward FLOPs and kept activations per image for a normalised model,
 * with the rules of docs/spec.md. `python -m engine analyze` must agree on every
 * layer's output shape and the parameter count (lib/spec/engine-agreement.test.ts).
 * Just over 300 lines: one short function per layer type, which a new layer type extends here.
 */
import { type SpecIssue, issueAt, joinPath } from "./issues";
import type { EntrySpec, Layer } from "./schema";

/** `[C, H, W]` for an image, `[N]` for a vector. */
export type Shape = number[];

export const INPUT_SHAPE: Shape = [1, 28, 28];
export const CLASSES = 10;

export interface LayerAnalysis {
  /** Dotted path of the layer in the spec, e.g. `model.layers.3.body.1`. */
  path: string;
  type: Layer["type"];
  inputShape: Shape;
  outputShape: Shape;
  /** Learnable parameters; for a residual block, the whole block (body and shortcut). */
  params: number;
  /** Forward FLOPs per image; for a residual block, the whole block. */
  flops: number;
  /** Values per image autograd keeps for the backward pass; for a residual block, the whole block. */
  activations: number;
  /** How many residual blocks enclose this layer (0 at the top level). */
  depth: number;
}

export interface ModelAnalysis {
  /** Every layer, nested ones included, in order (a residual block before its body). */
  layers: LayerAnalysis[];
  outputShape: Shape;
  params: number;
  flops: number;
  /** Values per image kept for backward, the input image included (see `trainingBytesPerStep`). */
  activations: number;
  /** Every layer counted, nested ones and residual blocks included. */
  layerCount: number;
  /** The deepest residual nesting (1 for a residual block at the top level). */
  residualDepth: number;
}

const isImage = (shape: Shape): shape is [number, number, number] => shape.length === 3;
const elements = (shape: Shape): number => shape.reduce((product, size) => product * size, 1);
export const formatShape = (shape: Shape): string => `[${shape.join(", ")}]`;

class ShapeError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function requireImage(shape: Shape, path: string, what: string): asserts shape is [number, number, number] {
  if (!isImage(shape)) {
    throw new ShapeError(path, `${what} needs an image input [C, H, W]; its input is the vector ${formatShape(shape)}`);
  }
}

function requireVectorForSoftmax(shape: Shape, path: string): void {
  if (isImage(shape)) {
    throw new ShapeError(path, `softmax is only valid on vectors; here it would apply to the image ${formatShape(shape)} (flatten or pool first)`);
  }
}

type Image = [number, number, number];

/**
 * The stride of a projection shortcut from the block's input to its body's output, or null
 * when there is none: a strided 1×1 conv needs the sizes to divide exactly; an average pool
 * in ceil mode (window = stride) gives ⌈size / stride⌉, the smallest such stride is taken.
 */
export function shortcutStride(input: Image, output: Image, pooled: boolean): number | null {
  const [, inHeight, inWidth] = input;
  const [, outHeight, outWidth] = output;
  const stride = pooled ? Math.ceil(inHeight / outHeight) : inHeight / outHeight;
  if (!Number.isInteger(stride)) return null;
  const fits = (inSize: number, outSize: number) => (pooled ? Math.ceil(inSize / stride) === outSize : inSize === outSize * stride);
  return fits(inHeight, outHeight) && fits(inWidth, outWidth) ? stride : null;
}

/** Output size of a convolution or pooling window along one axis (floor mode). */
function windowOutput(size: number, padding: number, extent: number, stride: number): number {
  return Math.floor((size + 2 * padding - extent) / stride) + 1;
}

interface Step {
  shape: Shape;
  params: number;
  flops: number;
  activations: number;
}

/** A plain layer keeps its output for backward, and again after a fused activation; a flatten is a view. */
function keptActivations(layer: Exclude<Layer, { type: "residual" }>, output: Shape): number {
  if (layer.type === "flatten") return 0;
  const fused = (layer.type === "conv2d" || layer.type === "dense") && layer.activation;
  return elements(output) * (fused ? 2 : 1);
}

class ModelAnalyzer {
  readonly layers: LayerAnalysis[] = [];
  /** Layers whose analysis finished; on a shape error the others are left out. */
  readonly finished = new Set<LayerAnalysis>();
  layerCount = 0;
  residualDepth = 0;

  sequence(layers: readonly Layer[], input: Shape, basePath: readonly PropertyKey[], depth: number): Step {
    let shape = input;
    let params = 0;
    let flops = 0;
    let activations = 0;
    layers.forEach((layer, index) => {
      const step = this.layer(layer, shape, [...basePath, index], depth);
      shape = step.shape;
      params += step.params;
      flops += step.flops;
      activations += step.activations;
    });
    return { shape, params, flops, activations };
  }

  private layer(layer: Layer, input: Shape, pathParts: readonly PropertyKey[], depth: number): Step {
    const path = joinPath(pathParts);
    this.layerCount += 1;
    const record: LayerAnalysis = { path, type: layer.type, inputShape: input, outputShape: input, params: 0, flops: 0, activations: 0, depth };
    this.layers.push(record);
    let step: Step;
    if (layer.type === "residual") {
      step = this.residual(layer, input, pathParts, depth);
    } else {
      const plain = this.plain(layer, input, path);
      step = { ...plain, activations: keptActivations(layer, plain.shape) };
    }
    record.outputShape = step.shape;
    record.params = step.params;
    record.flops = step.flops;
    record.activations = step.activations;
    this.finished.add(record);
    return step;
  }

  private plain(layer: Exclude<Layer, { type: "residual" }>, input: Shape, path: string): Omit<Step, "activations"> {
    switch (layer.type) {
      case "conv2d": {
        requireImage(input, path, "conv2d");
        const [channels, height, width] = input;
        if (channels % layer.groups !== 0 || layer.filters % layer.groups !== 0) {
          throw new ShapeError(
            `${path}.groups`,
            `groups (${layer.groups}) must divide both the input channels (${channels}) and filters (${layer.filters})`,
          );
        }
        const extent = layer.dilation * (layer.kernel - 1) + 1;
        let padding: number;
        if (layer.padding === "same") {
          if (layer.stride !== 1) throw new ShapeError(`${path}.padding`, `"same" padding needs stride 1 (stride is ${layer.stride})`);
          if (extent % 2 === 0) {
            throw new ShapeError(`${path}.padding`, `"same" padding needs an odd effective kernel, dilation·(kernel−1)+1 = ${extent}`);
          }
          padding = (extent - 1) / 2;
        } else {
          padding = layer.padding === "valid" ? 0 : layer.padding;
        }
        const outHeight = windowOutput(height, padding, extent, layer.stride);
        const outWidth = windowOutput(width, padding, extent, layer.stride);
        if (outHeight < 1 || outWidth < 1) {
          throw new ShapeError(
            `${path}.kernel`,
            `the effective kernel (${extent}) does not fit the padded input ${formatShape(input)} with padding ${padding}`,
          );
        }
        if (layer.activation === "softmax") requireVectorForSoftmax([layer.filters, outHeight, outWidth], `${path}.activation`);
        const outputs = layer.filters * outHeight * outWidth;
        const fanIn = (channels / layer.groups) * layer.kernel * layer.kernel;
        return {
          shape: [layer.filters, outHeight, outWidth],
          params: fanIn * layer.filters + (layer.bias ? layer.filters : 0),
          flops: 2 * fanIn * outputs + (layer.bias ? outputs : 0) + (layer.activation ? outputs : 0),
        };
      }
      case "maxpool":
      case "avgpool": {
        requireImage(input, path, layer.type);
        const [channels, height, width] = input;
        const outHeight = windowOutput(height, layer.padding, layer.size, layer.stride);
        const outWidth = windowOutput(width, layer.padding, layer.size, layer.stride);
        if (outHeight < 1 || outWidth < 1) {
          throw new ShapeError(`${path}.size`, `the pool window (${layer.size}) does not fit the input ${formatShape(input)}`);
        }
        const shape = [channels, outHeight, outWidth];
        return { shape, params: 0, flops: elements(shape) };
      }
      case "globalavgpool": {
        requireImage(input, path, "globalavgpool");
        return { shape: [input[0]], params: 0, flops: input[0] };
      }
      case "flatten": {
        requireImage(input, path, "flatten");
        return { shape: [elements(input)], params: 0, flops: 0 };
      }
      case "dense": {
        if (isImage(input)) {
          throw new ShapeError(path, `dense needs a vector input; its input is the image ${formatShape(input)} (add a flatten or globalavgpool layer first)`);
        }
        const [features] = input as [number];
        const outputs = layer.units;
        return {
          shape: [outputs],
          params: features * outputs + (layer.bias ? outputs : 0),
          flops: 2 * features * outputs + (layer.bias ? outputs : 0) + (layer.activation ? outputs : 0),
        };
      }
      case "dropout":
        return { shape: input, params: 0, flops: 0 };
      case "batchnorm":
        return { shape: input, params: 2 * (input[0] ?? 0), flops: elements(input) };
      case "layernorm":
        return { shape: input, params: 2 * elements(input), flops: elements(input) };
      case "prelu":
        return { shape: input, params: layer.perChannel ? (input[0] ?? 0) : 1, flops: 2 * elements(input) };
      case "activation":
        if (layer.fn === "softmax") requireVectorForSoftmax(input, `${path}.fn`);
        return { shape: input, params: 0, flops: elements(input) };
    }
  }

  private residual(layer: Extract<Layer, { type: "residual" }>, input: Shape, pathParts: readonly PropertyKey[], depth: number): Step {
    const path = joinPath(pathParts);
    requireImage(input, path, "a residual block");
    this.residualDepth = Math.max(this.residualDepth, depth + 1);
    const body = this.sequence(layer.body, input, [...pathParts, "body"], depth + 1);
    const output = body.shape;
    let params = body.params;
    let flops = body.flops;
    const outputs = elements(output);
    // The body's, a projection's output (and its batch norm's), the sum, and the activation.
    let activations = body.activations + outputs * (layer.activation ? 2 : 1);
    if (layer.shortcut.type === "identity") {
      if (formatShape(output) !== formatShape(input)) {
        throw new ShapeError(
          `${path}.shortcut`,
          `an identity shortcut needs the body's output shape ${formatShape(output)} to equal its input shape ${formatShape(input)}; use {"type": "projection"} or change the body`,
        );
      }
    } else {
      if (!isImage(output)) {
        throw new ShapeError(`${path}.shortcut`, `a projection shortcut needs the body to output an image; it outputs ${formatShape(output)}`);
      }
      const [inChannels, inHeight, inWidth] = input as [number, number, number];
      const [outChannels, outHeight, outWidth] = output;
      const pooled = layer.shortcut.pool === "avg";
      if (shortcutStride(input as Image, output, pooled) === null) {
        throw new ShapeError(
          `${path}.shortcut`,
          pooled
            ? `a pooled projection shortcut needs the body's output size ${outHeight}×${outWidth} to be the input size ${inHeight}×${inWidth} divided by one whole number and rounded up`
            : `a projection shortcut needs the body's output size ${outHeight}×${outWidth} to divide the input size ${inHeight}×${inWidth} by the same whole number`,
        );
      }
      const { batchnorm, bias } = layer.shortcut;
      // A pooled shortcut keeps the pooled input too; pooling costs one operation per output value.
      const poolOutputs = pooled ? inChannels * outHeight * outWidth : 0;
      params += inChannels * outChannels + (bias ? outChannels : 0) + (batchnorm ? 2 * outChannels : 0);
      flops += poolOutputs + 2 * inChannels * outputs + (bias ? outputs : 0) + (batchnorm ? outputs : 0);
      activations += poolOutputs + outputs * (batchnorm ? 2 : 1);
    }
    if (layer.activation === "softmax") requireVectorForSoftmax(output, `${path}.activation`);
    flops += outputs + (layer.activation ? outputs : 0);
    return { shape: output, params, flops, activations };
  }
}

/**
 * Infers every layer's shape from the `[1, 28, 28]` input. On a shape error, `issues`
 * holds it and `layers` the layers analysed before it (the form shows both).
 */
export function analyzeModel(spec: Pick<EntrySpec, "model">): { model: ModelAnalysis; issues: SpecIssue[] } {
  const analyzer = new ModelAnalyzer();
  const summary = (step: Step): ModelAnalysis => ({
    layers: analyzer.layers.filter((layer) => analyzer.finished.has(layer)),
    outputShape: step.shape,
    params: step.params,
    flops: step.flops,
    activations: elements(INPUT_SHAPE) + step.activations,
    layerCount: analyzer.layerCount,
    residualDepth: analyzer.residualDepth,
  });
  try {
    const step = analyzer.sequence(spec.model.layers, INPUT_SHAPE, ["model", "layers"], 0);
    const issues =
      step.shape.length === 1 && step.shape[0] === CLASSES
        ? []
        : [issueAt("model.layers", `the model must output ${CLASSES} values (one per class); it outputs ${formatShape(step.shape)}`)];
    return { model: summary(step), issues };
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    const partial = { shape: [], params: Number.NaN, flops: Number.NaN, activations: Number.NaN };
    return { model: summary(partial), issues: [issueAt(error.path, error.message)] };
  }
}
