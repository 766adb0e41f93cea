/**
 * The entry spec, version 1, as zod schemas: the single source of truth for its shape
 * (docs/spec.md states the semantics). Every object is strict: unknown keys are errors.
 * Parsing fills every default, so the parse output is the *normalised* spec.
 */
import { z } from "zod";

export const SPEC_VERSION = 1;
export const SUPPORTED_SPEC_VERSIONS: readonly number[] = [SPEC_VERSION];

export const BUDGETS = [5, 20, 50] as const;
export type Budget = (typeof BUDGETS)[number];

export const ACTIVATION_NAMES = ["relu", "leaky_relu", "gelu", "silu", "tanh", "sigmoid", "softmax"] as const;
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

export const INIT_NAMES = ["glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "zeros", "default"] as const;

const int = (min: number, max: number) => z.int().min(min).max(max);
/** For a refinement relating fields: it runs only when each field is valid on its own, so an out-of-range field is one issue, not two. */
const fieldsValid = (payload: { issues: readonly unknown[] }): boolean => payload.issues.length === 0;
const positive = () => z.number().positive();
/** A fraction in [0, 1). */
const rate = () => z.number().min(0).lt(1);
const probability = () => z.number().min(0).max(1);
const flipAxis = z.enum(["rows", "cols"]);
const redraw = z.enum(["once", "epoch"]);

const activation = z.enum(ACTIVATION_NAMES).nullable().default(null);
const initName = z.enum(INIT_NAMES);
/** He initialisers take the slope `leak` of the leaky ReLU they precede (PyTorch's kaiming `a`). */
const HE_INITS = ["he_uniform", "he_normal"] as const;
type InitName = (typeof INIT_NAMES)[number];
const OTHER_INITS = INIT_NAMES.filter((name) => !(HE_INITS as readonly string[]).includes(name)) as [InitName, ...InitName[]];
const leak = z.number().min(0).max(1);
const init = z
  .strictObject({ weight: initName.default("glorot_uniform"), bias: initName.default("zeros"), leak: leak.optional() })
  .refine((chosen) => chosen.leak === undefined || (HE_INITS as readonly string[]).includes(chosen.weight), {
    path: ["leak"],
    error: "applies only to he_uniform and he_normal weights",
  })
  // Filled (0) only for He weights, so that every other spec normalises, and hashes, as before `leak` existed.
  .pipe(
    z.discriminatedUnion("weight", [
      z.strictObject({ weight: z.enum(HE_INITS), bias: initName, leak: leak.default(0) }),
      z.strictObject({ weight: z.enum(OTHER_INITS), bias: initName }),
    ]),
  )
  .default({ weight: "glorot_uniform", bias: "zeros" });

// ---------------------------------------------------------------- layers
const conv2dLayer = z.strictObject({
  type: z.literal("conv2d"),
  filters: int(1, 1024),
  kernel: int(1, 11),
  stride: int(1, 8).default(1),
  padding: z
    .union([z.enum(["same", "valid"]), int(0, 5)], { error: 'must be "same", "valid" or an integer from 0 to 5' })
    .default("same"),
  dilation: int(1, 8).default(1),
  groups: int(1, 1024).default(1),
  bias: z.boolean().default(true),
  activation,
  init,
});

function poolLayer<T extends "maxpool" | "avgpool">(type: T) {
  const fields = { type: z.literal(type), size: int(1, 8) };
  return z
    .strictObject({
      ...fields,
      /** Defaults to `size` (null or left out). */
      stride: int(1, 8).nullish(),
      padding: int(0, 4).default(0),
    })
    .refine((layer) => layer.padding <= layer.size / 2, {
      path: ["padding"],
      error: "must be at most half the pool size",
      when: fieldsValid,
    })
    .transform((layer) => ({ ...layer, stride: layer.stride ?? layer.size }))
    .pipe(z.strictObject({ ...fields, stride: int(1, 8), padding: int(0, 4) }));
}

const globalAvgPoolLayer = z.strictObject({ type: z.literal("globalavgpool") });
const flattenLayer = z.strictObject({ type: z.literal("flatten") });

const denseLayer = z.strictObject({
  type: z.literal("dense"),
  units: int(1, 8192),
  bias: z.boolean().default(true),
  activation,
  init,
});

const dropoutLayer = z.strictObject({ type: z.literal("dropout"), rate: rate() });

/** A small positive constant added for numerical stability. */
const epsilon = (fallback: number) => z.number().positive().max(1).default(fallback);

const batchNormLayer = z.strictObject({
  type: z.literal("batchnorm"),
  momentum: probability().default(0.1),
  eps: epsilon(1e-5),
});

const layerNormLayer = z.strictObject({ type: z.literal("layernorm"), eps: epsilon(1e-5) });

// `negativeSlope` exists only for leaky_relu and general_relu: anywhere else it is an unknown field.
const activationLayer = z.discriminatedUnion("fn", [
  z.strictObject({
    type: z.literal("activation"),
    fn: z.literal("leaky_relu"),
    negativeSlope: z.number().min(0).max(1).default(0.01),
  }),
  // The course's GeneralRelu: leaky ReLU, minus a constant, optionally capped.
  z.strictObject({
    type: z.literal("activation"),
    fn: z.literal("general_relu"),
    negativeSlope: z.number().min(0).max(1).default(0),
    subtract: z.number().min(-10).max(10).default(0),
    max: z.number().min(-1e6).max(1e6).nullable().default(null),
  }),
  z.strictObject({
    type: z.literal("activation"),
    fn: z.enum(ACTIVATION_NAMES.filter((name) => name !== "leaky_relu") as [Exclude<ActivationName, "leaky_relu">, ...Exclude<ActivationName, "leaky_relu">[]]),
  }),
]);

const shortcut = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("identity") }),
    z.strictObject({
      type: z.literal("projection"),
      batchnorm: z.boolean().default(false),
      /** "avg": average-pool (window = stride, ceil mode) first, then a stride-1 1×1 convolution. */
      pool: z.enum(["none", "avg"]).default("none"),
      bias: z.boolean().default(false),
      init,
    }),
  ])
  .default({ type: "identity" });

const residualLayer = z.strictObject({
  type: z.literal("residual"),
  get body(): z.ZodArray<typeof layerSchema> {
    return z.array(layerSchema).min(1);
  },
  shortcut,
  activation,
});

export const layerSchema = z.discriminatedUnion("type", [
  conv2dLayer,
  poolLayer("maxpool"),
  poolLayer("avgpool"),
  globalAvgPoolLayer,
  flattenLayer,
  denseLayer,
  dropoutLayer,
  batchNormLayer,
  layerNormLayer,
  activationLayer,
  residualLayer,
]);

export const LAYER_TYPES = [
  "conv2d",
  "maxpool",
  "avgpool",
  "globalavgpool",
  "flatten",
  "dense",
  "dropout",
  "batchnorm",
  "layernorm",
  "activation",
  "residual",
] as const;

// ---------------------------------------------------------------- training
const loss = z
  .strictObject({ type: z.literal("cross_entropy").default("cross_entropy"), labelSmoothing: rate().default(0) })
  .default({ type: "cross_entropy", labelSmoothing: 0 });

const optimizerCommon = (weightDecay: number) => ({
  weightDecay: z.number().min(0).max(1).default(weightDecay),
  gradClipNorm: positive().nullable().default(null),
});
const adamFields = { beta1: rate().default(0.9), beta2: rate().default(0.999), eps: epsilon(1e-8) };

const NESTEROV_NEEDS_MOMENTUM = "Nesterov momentum needs momentum > 0";
const optimizer = z
  .discriminatedUnion("type", [
    z
      .strictObject({
        type: z.literal("sgd"),
        momentum: rate().default(0),
        nesterov: z.boolean().default(false),
        ...optimizerCommon(0),
      })
      .refine((sgd) => !sgd.nesterov || sgd.momentum > 0, {
        path: ["nesterov"],
        error: NESTEROV_NEEDS_MOMENTUM,
        when: fieldsValid,
      })
      // The same rule for JSON Schema readers (the engine): momentum 0 (its default) allows no Nesterov.
      .meta({ if: { properties: { momentum: { const: 0 } }, required: ["momentum"] }, then: { properties: { nesterov: { const: false, errorMessage: NESTEROV_NEEDS_MOMENTUM } } } }),
    z.strictObject({ type: z.literal("adam"), ...adamFields, ...optimizerCommon(0) }),
    z.strictObject({ type: z.literal("adamw"), ...adamFields, ...optimizerCommon(0.01) }),
  ])
  .default({ type: "adam", beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, gradClipNorm: null });

const learningRate = () => z.number().positive().max(10);
const steps = () => z.int().min(1);

const constantSchedule = z.strictObject({ type: z.literal("constant"), lr: learningRate() });
const stepSchedule = z.strictObject({
  type: z.literal("step"),
  lr: learningRate(),
  gamma: positive().max(1).default(0.1),
  stepSize: steps(),
});
const exponentialSchedule = z.strictObject({
  type: z.literal("exponential"),
  lr: learningRate(),
  decayRate: positive().max(1),
  transitionSteps: steps(),
  staircase: z.boolean().default(false),
});
const cosineSchedule = z.strictObject({
  type: z.literal("cosine"),
  lr: learningRate(),
  finalLr: z.number().min(0).max(10).default(0),
});
const oneCycleSchedule = z.strictObject({
  type: z.literal("onecycle"),
  maxLr: learningRate(),
  pctStart: z.number().gt(0).lt(1).default(0.25),
  divFactor: positive().default(25),
  finalDivFactor: positive().default(1e4),
  /** PyTorch's cycle_momentum: Adam's β1 (or SGD's momentum) goes max → base while the rate rises, then back. */
  momentumCycle: z
    .strictObject({ base: rate().default(0.85), max: rate().default(0.95) })
    .nullable()
    .default(null),
});

const baseSchedule = z.discriminatedUnion("type", [
  constantSchedule,
  stepSchedule,
  exponentialSchedule,
  cosineSchedule,
  oneCycleSchedule,
]);
const warmupSchedule = z.strictObject({
  type: z.literal("warmup"),
  steps: steps(),
  startFactor: probability().default(0),
  then: baseSchedule,
});
const schedule = z
  .discriminatedUnion("type", [constantSchedule, stepSchedule, exponentialSchedule, cosineSchedule, oneCycleSchedule, warmupSchedule])
  .default({ type: "constant", lr: 0.001 });

// ---------------------------------------------------------------- data
const range = (max: number, fallback: [number, number]) =>
  z
    .tuple([positive().max(max), positive().max(max)])
    .refine(([low, high]) => low <= high, { error: "the first value must not exceed the second", when: fieldsValid })
    .default(fallback);

const augmentation = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("flip"),
    axis: flipAxis,
    p: probability().default(0.5),
    per: z.enum(["batch", "sample"]).default("sample"),
    redraw: redraw.default("epoch"),
  }),
  z.strictObject({ type: z.literal("crop"), padding: int(1, 8).default(4), redraw: redraw.default("epoch") }),
  z.strictObject({
    type: z.literal("erase"),
    p: probability().default(0.25),
    scale: range(1, [0.02, 0.33]),
    ratio: range(Number.MAX_VALUE, [0.3, 3.3]),
    value: z.number().min(-1e6).max(1e6).default(0),
    redraw: redraw.default("epoch"),
  }),
]);

const data = z
  .strictObject({
    batchSize: int(8, 1024).default(32),
    shuffle: z.boolean().default(false),
    normalize: z
      .union([z.enum(["scale", "standardize"]), z.strictObject({ mean: z.number().min(-1).max(2), std: z.number().min(1e-3).max(10) })], {
        error: 'must be "scale", "standardize" or { "mean": …, "std": … }',
      })
      .default("scale"),
    augment: z.array(augmentation).max(8).default([]),
    testTimeFlip: flipAxis.nullable().default(null),
  })
  .default({ batchSize: 32, shuffle: false, normalize: "scale", augment: [], testTimeFlip: null });

// ---------------------------------------------------------------- entry
const budget = z.union(BUDGETS.map((value) => z.literal(value)), { error: "each budget must be 5, 20 or 50" });
const budgets = z
  .array(budget)
  .min(1)
  .transform((list) => [...new Set(list)].sort((a, b) => a - b))
  // Sorted too, which JSON Schema cannot say; the engine sorts what it plans anyway.
  .pipe(z.array(budget).min(1).meta({ uniqueItems: true }))
  .default([5, 20, 50]);

export const entrySpecSchema = z.strictObject({
  version: z.literal(SPEC_VERSION),
  seed: int(0, 2 ** 31 - 1).default(42),
  budgets,
  model: z.strictObject({ layers: z.array(layerSchema).min(1) }),
  loss,
  optimizer,
  schedule,
  data,
});

/** The normalised spec: every default filled in. */
export type EntrySpec = z.output<typeof entrySpecSchema>;
/** A spec as written by a participant (defaults may be left out). */
export type EntrySpecInput = z.input<typeof entrySpecSchema>;
export type Layer = z.output<typeof layerSchema>;
export type LayerType = Layer["type"];
export type Schedule = EntrySpec["schedule"];
export type BaseSchedule = z.output<typeof baseSchedule>;
export type Augmentation = EntrySpec["data"]["augment"][number];
