/**
 * Test support: a seeded generator of entry specs for the engine agreement test. It
 * builds models stage by stage (image layers, a flatten or global pool, vector layers,
 * a 10-unit head), tracking only the image size, so most specs are valid and some break
 * a shape rule by chance; `wild` layers break one on purpose. Every layer type, both
 * shortcuts and every training option appear.
 * Just over 300 lines: one small generator per layer type and training option, in one place
 * so that a new layer type adds its generator beside the others.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** mulberry32: small, seeded, good enough to pick test cases. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Picker {
  constructor(private readonly random: () => number) {}
  chance(probability: number): boolean {
    return this.random() < probability;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  one<T>(choices: readonly T[]): T {
    return choices[Math.floor(this.random() * choices.length)]!;
  }
  /** Sets `key` on `target` to `value()` with the given probability (otherwise the default applies). */
  maybe(target: Record<string, Json>, key: string, value: () => Json, probability = 0.4): void {
    if (this.chance(probability)) target[key] = value();
  }
}

const ACTIVATIONS = ["relu", "leaky_relu", "gelu", "silu", "tanh", "sigmoid"] as const;
const INITS = ["glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "zeros", "default"] as const;

class SpecGenerator {
  constructor(private readonly pick: Picker) {}

  private init(layer: Record<string, Json>): void {
    this.pick.maybe(layer, "init", () => {
      const init: Record<string, Json> = {};
      this.pick.maybe(init, "weight", () => this.pick.one(INITS), 0.7);
      this.pick.maybe(init, "bias", () => this.pick.one(INITS), 0.3);
      if (init.weight === "he_uniform" || init.weight === "he_normal") this.pick.maybe(init, "leak", () => this.pick.one([0, 0.1]), 0.5);
      return init;
    }, 0.3);
  }

  private activationLayer(): Record<string, Json> {
    const fn = this.pick.one([...ACTIVATIONS, "general_relu"]);
    const layer: Record<string, Json> = { type: "activation", fn };
    if (fn === "leaky_relu" || fn === "general_relu") this.pick.maybe(layer, "negativeSlope", () => this.pick.one([0, 0.1, 0.3]));
    if (fn === "general_relu") {
      this.pick.maybe(layer, "subtract", () => this.pick.one([0.4, -0.1]));
      this.pick.maybe(layer, "max", () => this.pick.one([null, 6]));
    }
    return layer;
  }

  /** A conv that keeps the image size ("same") with `filters` filters. */
  private sameConv(filters: number): Record<string, Json> {
    const layer: Record<string, Json> = { type: "conv2d", filters, kernel: this.pick.one([1, 3, 5]) };
    this.pick.maybe(layer, "padding", () => "same", 0.3);
    this.pick.maybe(layer, "bias", () => this.pick.chance(0.5));
    this.pick.maybe(layer, "activation", () => this.pick.one([null, ...ACTIVATIONS]));
    this.init(layer);
    return layer;
  }

  /** Any conv, with its own stride, padding, dilation and groups; returns the new size (roughly). */
  private conv(channels: number, size: number): [Record<string, Json>, number] {
    const groups = this.pick.one([1, 1, 1, 2, 4].filter((g) => channels % g === 0));
    const filters = groups * this.pick.one([2, 4, 8, 16]);
    const kernel = this.pick.int(1, 5);
    const layer: Record<string, Json> = { type: "conv2d", filters, kernel, groups };
    const form = this.pick.one(["same", "valid", "int", "strided"] as const);
    if (form === "same" && kernel % 2 === 1) return [{ ...layer, padding: "same", dilation: this.pick.one([1, 2]) }, size];
    if (form === "valid") return [{ ...layer, padding: "valid" }, size - kernel + 1];
    const stride = form === "strided" ? 2 : 1;
    const padding = this.pick.int(0, Math.min(5, Math.floor(kernel / 2)));
    this.init(layer);
    return [{ ...layer, stride, padding }, Math.floor((size + 2 * padding - kernel) / stride) + 1];
  }

  private pool(size: number): [Record<string, Json>, number] {
    const window = this.pick.int(1, 3);
    const layer: Record<string, Json> = { type: this.pick.one(["maxpool", "avgpool"]), size: window };
    let stride = window;
    if (this.pick.chance(0.4)) layer.stride = stride = this.pick.int(1, 3);
    else if (this.pick.chance(0.2)) layer.stride = null;
    const padding = this.pick.int(0, Math.floor(window / 2));
    if (padding > 0 || this.pick.chance(0.2)) layer.padding = padding;
    return [layer, Math.floor((size + 2 * padding - window) / stride) + 1];
  }

  /** A residual block: identity around shape-keeping layers, or a projection around a downsampling body. */
  private residual(channels: number, size: number, depth: number): [Record<string, Json>, number, number] {
    const layer: Record<string, Json> = { type: "residual" };
    this.pick.maybe(layer, "activation", () => this.pick.one([null, "relu", "gelu"]));
    if (this.pick.chance(0.5) || size < 4) {
      const body: Json[] = [this.sameConv(channels), { type: "batchnorm" }, this.activationLayer()];
      if (depth < 3 && this.pick.chance(0.25)) body.push(this.residual(channels, size, depth + 1)[0]);
      if (this.pick.chance(0.3)) body.push({ type: "dropout", rate: 0.1 });
      if (this.pick.chance(0.3)) body.push({ type: "layernorm" });
      if (this.pick.chance(0.3)) body.push({ type: "prelu", ...(this.pick.chance(0.5) ? { perChannel: false } : {}) });
      layer.body = body;
      if (this.pick.chance(0.3)) layer.shortcut = { type: "identity" };
      return [layer, channels, size];
    }
    const filters = this.pick.one([8, 16, 24]);
    const downsample = this.pick.chance(0.6);
    const first: Record<string, Json> = downsample
      ? { type: "conv2d", filters, kernel: 3, stride: 2, padding: 1, bias: false }
      : { type: "conv2d", filters, kernel: 3, bias: false };
    layer.body = [first, { type: "batchnorm" }, this.activationLayer(), this.sameConv(filters)];
    const shortcut: Record<string, Json> = { type: "projection" };
    this.pick.maybe(shortcut, "batchnorm", () => this.pick.chance(0.5), 0.5);
    // An average-pooled shortcut (ceil mode) also fits odd sizes, where the strided one cannot.
    this.pick.maybe(shortcut, "pool", () => this.pick.one(["none", "avg"]), 0.5);
    this.pick.maybe(shortcut, "bias", () => this.pick.chance(0.5), 0.3);
    this.init(shortcut);
    layer.shortcut = shortcut;
    return [layer, filters, downsample ? Math.floor((size - 1) / 2) + 1 : size];
  }

  /** A layer that breaks a shape rule on purpose. */
  private wild(channels: number): Record<string, Json> {
    return this.pick.one<Record<string, Json>>([
      { type: "dense", units: 10 },
      { type: "conv2d", filters: 4, kernel: 2 },
      { type: "conv2d", filters: 4, kernel: 3, stride: 2 },
      { type: "conv2d", filters: 3, kernel: 3, groups: 2 },
      { type: "conv2d", filters: 4, kernel: 11, padding: "valid", dilation: 3 },
      { type: "activation", fn: "softmax" },
      { type: "conv2d", filters: 4, kernel: 3, activation: "softmax" },
      { type: "maxpool", size: 8, padding: 0, stride: 8 },
      { type: "residual", body: [{ type: "conv2d", filters: channels + 1, kernel: 3 }] },
      { type: "residual", shortcut: { type: "projection" }, body: [{ type: "conv2d", filters: 4, kernel: 3, padding: "valid" }] },
      { type: "residual", shortcut: { type: "projection" }, body: [{ type: "globalavgpool" }] },
    ]);
  }

  model(): Json[] {
    const layers: Json[] = [];
    let channels = 1;
    let size = 28;
    const imageLayers = this.pick.int(0, 6);
    for (let index = 0; index < imageLayers && size >= 2; index += 1) {
      if (this.pick.chance(0.03)) layers.push(this.wild(channels));
      const kind = this.pick.one(["conv", "conv", "pool", "norm", "activation", "dropout", "residual", "residual"] as const);
      if (kind === "conv") {
        const [layer, next] = this.conv(channels, size);
        layers.push(layer);
        channels = layer.filters as number;
        size = next;
      } else if (kind === "pool") {
        const [layer, next] = this.pool(size);
        layers.push(layer);
        size = next;
      } else if (kind === "norm") {
        layers.push(this.pick.chance(0.6) ? { type: "batchnorm", ...(this.pick.chance(0.3) ? { momentum: 0.01, eps: 0.001 } : {}) } : { type: "layernorm" });
      } else if (kind === "activation") {
        layers.push(this.activationLayer());
      } else if (kind === "dropout") {
        layers.push({ type: "dropout", rate: this.pick.one([0, 0.1, 0.5]) });
      } else {
        const [layer, nextChannels, nextSize] = this.residual(channels, size, 0);
        layers.push(layer);
        channels = nextChannels;
        size = nextSize;
      }
    }
    layers.push({ type: this.pick.chance(0.7) ? "flatten" : "globalavgpool" });
    const vectorLayers = this.pick.int(0, 3);
    for (let index = 0; index < vectorLayers; index += 1) {
      const kind = this.pick.one(["dense", "dense", "dropout", "batchnorm", "layernorm", "prelu", "activation"] as const);
      if (kind === "dense") {
        const layer: Record<string, Json> = { type: "dense", units: this.pick.one([8, 32, 64, 128]) };
        this.pick.maybe(layer, "bias", () => this.pick.chance(0.5));
        this.pick.maybe(layer, "activation", () => this.pick.one([null, ...ACTIVATIONS]));
        this.init(layer);
        layers.push(layer);
      } else if (kind === "dropout") layers.push({ type: "dropout", rate: 0.25 });
      else if (kind === "activation") layers.push(this.activationLayer());
      else layers.push({ type: kind });
    }
    const head: Record<string, Json> = { type: "dense", units: 10 };
    this.pick.maybe(head, "activation", () => this.pick.one([null, "softmax"]), 0.5);
    layers.push(head);
    if (this.pick.chance(0.1)) layers.push({ type: "activation", fn: "softmax" });
    return layers;
  }

  private schedule(): Json {
    const inner = (): Record<string, Json> =>
      this.pick.one<Record<string, Json>>([
        { type: "constant", lr: 0.01 },
        { type: "step", lr: 0.1, stepSize: 500, ...(this.pick.chance(0.5) ? { gamma: 0.5 } : {}) },
        { type: "exponential", lr: 0.005, decayRate: 0.5, transitionSteps: 1850, ...(this.pick.chance(0.3) ? { staircase: true } : {}) },
        { type: "cosine", lr: 0.01, ...(this.pick.chance(0.5) ? { finalLr: 0.0001 } : {}) },
        {
          type: "onecycle",
          maxLr: 0.05,
          ...(this.pick.chance(0.5) ? { pctStart: 0.3, divFactor: 10, finalDivFactor: 100 } : {}),
          ...(this.pick.chance(0.4) ? { momentumCycle: this.pick.one<Json>([null, {}, { base: 0.8, max: 0.9 }]) } : {}),
        },
      ]);
    return this.pick.chance(0.25) ? { type: "warmup", steps: 200, ...(this.pick.chance(0.5) ? { startFactor: 0.1 } : {}), then: inner() } : inner();
  }

  private optimizer(): Json {
    const common = (): Record<string, Json> => ({
      ...(this.pick.chance(0.3) ? { weightDecay: 0.001 } : {}),
      ...(this.pick.chance(0.3) ? { gradClipNorm: this.pick.one([null, 1, 5]) } : {}),
    });
    return this.pick.one<Record<string, Json>>([
      { type: "sgd", ...(this.pick.chance(0.5) ? { momentum: 0.9, nesterov: this.pick.chance(0.5) } : {}), ...common() },
      { type: "adam", ...(this.pick.chance(0.3) ? { beta1: 0.8, beta2: 0.99, eps: 1e-7 } : {}), ...common() },
      { type: "adamw", ...common() },
    ]);
  }

  private data(): Json {
    const data: Record<string, Json> = {};
    this.pick.maybe(data, "batchSize", () => this.pick.one([8, 32, 100, 256, 1024]));
    this.pick.maybe(data, "shuffle", () => this.pick.chance(0.5));
    this.pick.maybe(data, "normalize", () => this.pick.one<Json>(["scale", "standardize", { mean: 0.28, std: 0.35 }]));
    this.pick.maybe(data, "testTimeFlip", () => this.pick.one([null, "rows", "cols"]), 0.2);
    this.pick.maybe(data, "augment", () =>
      Array.from({ length: this.pick.int(0, 3) }, () =>
        this.pick.one<Json>([
          { type: "flip", axis: this.pick.one(["rows", "cols"]), ...(this.pick.chance(0.5) ? { p: 0.3, per: "batch", redraw: "once" } : {}) },
          { type: "crop", ...(this.pick.chance(0.5) ? { padding: 2, redraw: "once" } : {}) },
          { type: "erase", ...(this.pick.chance(0.5) ? { p: 0.5, scale: [0.1, 0.2], ratio: [0.5, 2], value: 0.5 } : {}) },
        ]),
      ),
    );
    return data;
  }

  spec(): Json {
    const spec: Record<string, Json> = { version: 1, model: { layers: this.model() } };
    this.pick.maybe(spec, "seed", () => this.pick.int(0, 2 ** 31 - 1));
    this.pick.maybe(spec, "budgets", () => this.pick.one([[5], [20, 5], [50], [5, 20, 50], [5, 5]]));
    this.pick.maybe(spec, "loss", () => ({ type: "cross_entropy", ...(this.pick.chance(0.5) ? { labelSmoothing: 0.1 } : {}) }), 0.3);
    this.pick.maybe(spec, "optimizer", () => this.optimizer(), 0.7);
    this.pick.maybe(spec, "schedule", () => this.schedule(), 0.7);
    this.pick.maybe(spec, "data", () => this.data(), 0.6);
    return spec;
  }
}

export function generatedSpecs(count: number, seed: number): Json[] {
  const generator = new SpecGenerator(new Picker(seededRandom(seed)));
  return Array.from({ length: count }, () => generator.spec());
}

const head: Json[] = [{ type: "flatten" }, { type: "dense", units: 10 }];
const withLayers = (layers: Json[]): Json => ({ version: 1, model: { layers } });
const nest = (depth: number): Json => (depth === 0 ? { type: "batchnorm" } : { type: "residual", body: [nest(depth - 1)] });
const relus = (count: number): Json[] => Array.from({ length: count }, () => ({ type: "activation", fn: "relu" }));

/** Specs each breaking one rule of docs/spec.md, or sitting exactly at a limit. */
/** A 1×1 convolution to 1,024 filters, then `norms` batch-norm + GELU pairs, at `batchSize`: tiny in parameters, huge in activations. */
export function wideAtBatch(norms: number, batchSize: number): Json {
  const pairs = Array.from({ length: norms }, (): Json[] => [{ type: "batchnorm" }, { type: "activation", fn: "gelu" }]).flat();
  return { version: 1, data: { batchSize }, model: { layers: [{ type: "conv2d", filters: 1024, kernel: 1 }, ...pairs, { type: "globalavgpool" }, { type: "dense", units: 10 }] } };
}

/** Issue 11's finding 4: it passed every other limit and needs about 201 GB per training step. */
export const MEMORY_HOG = wideAtBatch(30, 1024);

export const EDGE_SPECS: { name: string; spec: Json }[] = [
  { name: "dense on an image", spec: withLayers([{ type: "dense", units: 10 }]) },
  { name: "flatten on a vector", spec: withLayers([{ type: "flatten" }, { type: "flatten" }, { type: "dense", units: 10 }]) },
  { name: "a residual on a vector", spec: withLayers([{ type: "flatten" }, { type: "residual", body: [{ type: "dense", units: 784 }] }, { type: "dense", units: 10 }]) },
  { name: "identity with a changed shape", spec: withLayers([{ type: "residual", body: [{ type: "conv2d", filters: 2, kernel: 3 }] }, ...head]) },
  { name: "projection to 14×14", spec: withLayers([{ type: "residual", shortcut: { type: "projection", batchnorm: true }, body: [{ type: "conv2d", filters: 8, kernel: 3, stride: 2, padding: 1 }] }, ...head]) },
  { name: "projection to 13×13 (no whole stride)", spec: withLayers([{ type: "residual", shortcut: { type: "projection" }, body: [{ type: "conv2d", filters: 8, kernel: 4, stride: 2, padding: 0 }] }, ...head]) },
  { name: "residual nesting 4 deep", spec: withLayers([nest(4), ...head]) },
  { name: "residual nesting 5 deep", spec: withLayers([nest(5), ...head]) },
  { name: "64 layers", spec: withLayers([{ type: "residual", body: relus(30) }, { type: "residual", body: relus(30) }, ...head]) },
  { name: "65 layers", spec: withLayers([{ type: "residual", body: relus(30) }, { type: "residual", body: relus(31) }, ...head]) },
  { name: "over 20M parameters", spec: withLayers([{ type: "flatten" }, { type: "dense", units: 8192 }, { type: "dense", units: 4096 }, { type: "dense", units: 10 }]) },
  { name: "over 1 GFLOP per image", spec: withLayers([{ type: "conv2d", filters: 16, kernel: 3 }, { type: "conv2d", filters: 1024, kernel: 11, bias: false }, { type: "globalavgpool" }, { type: "dense", units: 10 }]) },
  { name: "over 12 h at 50 epochs", spec: { ...(withLayers([{ type: "conv2d", filters: 64, kernel: 3 }, { type: "conv2d", filters: 64, kernel: 5 }, { type: "globalavgpool" }, { type: "dense", units: 10 }]) as object), budgets: [20, 50] } },
  { name: "under 12 h at 20 epochs", spec: { ...(withLayers([{ type: "conv2d", filters: 64, kernel: 3 }, { type: "conv2d", filters: 64, kernel: 5 }, { type: "globalavgpool" }, { type: "dense", units: 10 }]) as object), budgets: [20] } },
  { name: "30 batch norms and GELUs on 1,024 filters at batch 1024 (about 201 GB a step)", spec: MEMORY_HOG },
  { name: "1,024 filters, one batch norm and GELU at batch 512 (about 4.9 GB a step)", spec: wideAtBatch(1, 512) },
  { name: "1,024 filters, two batch norms and GELUs at batch 512 (about 8.2 GB a step)", spec: wideAtBatch(2, 512) },
  { name: "softmax on an image", spec: withLayers([{ type: "activation", fn: "softmax" }, ...head]) },
  { name: "pool padding over half the window", spec: withLayers([{ type: "maxpool", size: 3, padding: 2 }, ...head]) },
  { name: "negativeSlope on relu", spec: withLayers([{ type: "activation", fn: "relu", negativeSlope: 0.1 }, ...head]) },
  { name: "an unknown key", spec: { ...(withLayers(head) as object), extra: true } },
  { name: "an unknown layer type", spec: withLayers([{ type: "conv3d" }, ...head]) },
  { name: "a string for a number", spec: withLayers([{ type: "flatten" }, { type: "dense", units: "10" }]) },
  { name: "version 2", spec: { version: 2, model: { layers: head } } },
  { name: "no layers", spec: withLayers([]) },
  { name: "an output of 12", spec: withLayers([{ type: "flatten" }, { type: "dense", units: 12 }]) },
  { name: "a warm-up inside a warm-up", spec: { ...(withLayers(head) as object), schedule: { type: "warmup", steps: 5, then: { type: "warmup", steps: 5, then: { type: "constant", lr: 0.1 } } } } },
  { name: "an unsorted budget list with duplicates", spec: { ...(withLayers(head) as object), budgets: [50, 5, 50] } },
  { name: "pool stride null", spec: withLayers([{ type: "maxpool", size: 2, stride: null }, ...head]) },
  { name: "a pooled projection from 7×7 to 4×4", spec: withLayers([{ type: "maxpool", size: 4 }, { type: "residual", shortcut: { type: "projection", pool: "avg", bias: true }, body: [{ type: "conv2d", filters: 8, kernel: 3, stride: 2, padding: 1 }] }, ...head]) },
  { name: "a strided projection from 7×7 to 4×4 (no whole stride)", spec: withLayers([{ type: "maxpool", size: 4 }, { type: "residual", shortcut: { type: "projection" }, body: [{ type: "conv2d", filters: 8, kernel: 3, stride: 2, padding: 1 }] }, ...head]) },
  { name: "a pooled projection to 13×13 (no ceil stride)", spec: withLayers([{ type: "residual", shortcut: { type: "projection", pool: "avg" }, body: [{ type: "conv2d", filters: 8, kernel: 4, stride: 2, padding: 0 }] }, ...head]) },
  { name: "leak on a Glorot init", spec: withLayers([{ type: "conv2d", filters: 4, kernel: 3, init: { weight: "glorot_uniform", leak: 0.1 } }, ...head]) },
  { name: "general_relu with every field", spec: withLayers([{ type: "activation", fn: "general_relu", negativeSlope: 0.1, subtract: 0.4, max: 6 }, ...head]) },
  { name: "subtract on leaky_relu", spec: withLayers([{ type: "activation", fn: "leaky_relu", subtract: 0.4 }, ...head]) },
  { name: "a momentum cycle of 1", spec: { ...(withLayers(head) as object), schedule: { type: "onecycle", maxLr: 0.1, momentumCycle: { max: 1 } } } },
  { name: "normalize with std 0", spec: { ...(withLayers(head) as object), data: { normalize: { mean: 0.28, std: 0 } } } },
  { name: "loss without a type", spec: { ...(withLayers(head) as object), loss: { labelSmoothing: 0.2 } } },
];
