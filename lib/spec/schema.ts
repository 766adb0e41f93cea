/**
 * The entry spec, version 1, as zod schemas: the single source of truth for its shape
 * (docs/spec.md states the semantics). Every object is strict: unknown keys are errors.
 * Parsing fills every default, so the parse output is the *normalised* spec.
 *
 * Each field a participant sets carries `.meta({ title, description })`: the title is the
 * builder's label, the description its help text, and both (with the ranges of `.min`/`.max`
 * and the defaults) make the generated field tables of docs/spec.md (`npm run docs:spec`).
 *
 * Over 300 lines on purpose: the whole rulebook in one file, in sections (layers, training,
 * data, entry), reads as the spec reads; split, each part would import the others' pieces.
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
const hasBias = z.boolean().default(true).meta({ title: "Bias", description: "Whether the layer adds a learned bias." });
/** For a refinement relating fields: it runs only when each field is valid on its own, so an out-of-range field is one issue, not two. */
const fieldsValid = (payload: { issues: readonly unknown[] }): boolean => payload.issues.length === 0;
const positive = () => z.number().positive();
/** A fraction in [0, 1). */
const rate = () => z.number().min(0).lt(1);
const probability = () => z.number().min(0).max(1);
const flipAxis = z.enum(["rows", "cols"]);
const redraw = z.enum(["once", "epoch"]);

const activation = z
  .enum(ACTIVATION_NAMES)
  .nullable()
  .default(null)
  .meta({ title: "Activation", description: "Applied to the layer's output; null is linear." });
const initName = z.enum(INIT_NAMES);
/** He initialisers take the slope `leak` of the leaky ReLU they precede (PyTorch's kaiming `a`). */
const HE_INITS = ["he_uniform", "he_normal"] as const;
type InitName = (typeof INIT_NAMES)[number];
const OTHER_INITS = INIT_NAMES.filter((name) => !(HE_INITS as readonly string[]).includes(name)) as [InitName, ...InitName[]];
const leak = z.number().min(0).max(1);
const init = z
  .strictObject({
    weight: initName.default("glorot_uniform").meta({ title: "Weight init", description: "How the kernel's values are drawn (see the init names)." }),
    bias: initName.default("zeros").meta({ title: "Bias init", description: "How the bias is drawn, with the kernel's fans." }),
    leak: leak
      .optional()
      .meta({ title: "Leak", description: "Slope of the leaky ReLU the layer feeds (He weight inits only; filled with 0 for them)." }),
  })
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
  filters: int(1, 1024).meta({ title: "Filters", description: "Number of output channels." }),
  kernel: int(1, 11).meta({ title: "Kernel", description: "Height and width of the square kernel." }),
  stride: int(1, 8).default(1).meta({ title: "Stride", description: "Step between kernel positions." }),
  padding: z
    .union([z.enum(["same", "valid"]), int(0, 5)], { error: 'must be "same", "valid" or an integer from 0 to 5' })
    .default("same")
    .meta({ title: "Padding", description: '"same" keeps the size (stride 1 only), "valid" adds none, a number pads each side.' }),
  dilation: int(1, 8).default(1).meta({ title: "Dilation", description: "Spacing between the kernel's taps." }),
  groups: int(1, 1024).default(1).meta({ title: "Groups", description: "Channel groups; must divide the input channels and filters." }),
  bias: hasBias,
  activation,
  init,
});

function poolLayer<T extends "maxpool" | "avgpool">(type: T) {
  const fields = { type: z.literal(type), size: int(1, 8).meta({ title: "Size", description: "Height and width of the pooling window." }) };
  return z
    .strictObject({
      ...fields,
      stride: int(1, 8)
        .nullish()
        .meta({ title: "Stride", description: "Step between windows; null or left out: size." }),
      padding: int(0, 4)
        .default(0)
        .meta({ title: "Padding", description: "Pixels added on each side, at most half of size." }),
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
  units: int(1, 8192).meta({ title: "Units", description: "Number of outputs." }),
  bias: hasBias,
  activation,
  init,
});

const dropoutLayer = z.strictObject({
  type: z.literal("dropout"),
  rate: rate().meta({ title: "Rate", description: "Fraction of values zeroed while training." }),
});

/** A small positive constant added for numerical stability. */
const epsilon = (fallback: number, title: string) =>
  z.number().positive().max(1).default(fallback).meta({ title, description: "Small constant added for numerical stability." });

const normEpsilon = epsilon(1e-5, "Epsilon");
const batchNormLayer = z.strictObject({
  type: z.literal("batchnorm"),
  momentum: probability()
    .default(0.1)
    .meta({ title: "Momentum", description: "Weight of each batch in the running statistics (PyTorch's convention)." }),
  eps: normEpsilon,
});

const layerNormLayer = z.strictObject({ type: z.literal("layernorm"), eps: normEpsilon });

const preluLayer = z.strictObject({
  type: z.literal("prelu"),
  perChannel: z
    .boolean()
    .default(true)
    .meta({ title: "Per channel", description: "One learned negative slope per channel (else one for the layer); each starts at 0.25." }),
});

// `negativeSlope` exists only for leaky_relu and general_relu: anywhere else it is an unknown field.
const NEGATIVE_SLOPE = { title: "Negative slope", description: "Slope for negative inputs." };
const ACTIVATION_FUNCTION = { title: "Function", description: "The activation function; leaky_relu and general_relu take extra fields." };
const activationLayer = z.discriminatedUnion("fn", [
  z.strictObject({
    type: z.literal("activation"),
    fn: z.literal("leaky_relu").meta(ACTIVATION_FUNCTION),
    negativeSlope: z.number().min(0).max(1).default(0.01).meta(NEGATIVE_SLOPE),
  }),
  // The course's GeneralRelu: leaky ReLU, minus a constant, optionally capped.
  z.strictObject({
    type: z.literal("activation"),
    fn: z.literal("general_relu").meta(ACTIVATION_FUNCTION),
    negativeSlope: z.number().min(0).max(1).default(0).meta(NEGATIVE_SLOPE),
    subtract: z.number().min(-10).max(10).default(0).meta({ title: "Subtract", description: "Constant subtracted after the leaky ReLU." }),
    max: z
      .number()
      .min(-1e6)
      .max(1e6)
      .nullable()
      .default(null)
      .meta({ title: "Cap", description: "Largest output value; null: no cap." }),
  }),
  z.strictObject({
    type: z.literal("activation"),
    fn: z
      .enum(ACTIVATION_NAMES.filter((name) => name !== "leaky_relu") as [Exclude<ActivationName, "leaky_relu">, ...Exclude<ActivationName, "leaky_relu">[]])
      .meta(ACTIVATION_FUNCTION),
  }),
]);

const shortcut = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("identity") }),
    z.strictObject({
      type: z.literal("projection"),
      batchnorm: z.boolean().default(false).meta({ title: "Batch norm", description: "Projection only: batch norm after the 1×1 convolution." }),
      pool: z
        .enum(["none", "avg"])
        .default("none")
        .meta({ title: "Pool", description: 'Projection only: "avg" average-pools first (ceil mode), then applies a stride-1 1×1 convolution.' }),
      bias: z.boolean().default(false).meta({ title: "Bias", description: "Projection only: whether the 1×1 convolution adds a bias." }),
      init,
    }),
  ])
  .default({ type: "identity" })
  .meta({ title: "Shortcut", description: "The path added to the body's output: identity, or a 1×1 convolution (projection)." });

const residualLayer = z.strictObject({
  type: z.literal("residual"),
  get body(): z.ZodArray<typeof layerSchema> {
    return z.array(layerSchema).min(1).meta({ title: "Body", description: "The layers of the block's main path." });
  },
  shortcut,
  activation: activation.meta({ title: "Activation after the sum", description: "Applied to body plus shortcut; null is linear." }),
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
  preluLayer,
  activationLayer,
  residualLayer,
]).meta({ title: "Layer" });

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
  "prelu",
  "activation",
  "residual",
] as const;

// ---------------------------------------------------------------- training
const loss = z
  .strictObject({
    type: z.literal("cross_entropy").default("cross_entropy").meta({ title: "Type", description: "The only loss: cross-entropy (may be left out)." }),
    labelSmoothing: rate().default(0).meta({ title: "Label smoothing", description: "Weight of the uniform target mixed into each label." }),
  })
  .default({ type: "cross_entropy", labelSmoothing: 0 });

const optimizerCommon = (weightDecay: number) => ({
  weightDecay: z
    .number()
    .min(0)
    .max(1)
    .default(weightDecay)
    .meta({ title: "Weight decay", description: "L2 penalty on every parameter (decoupled for AdamW)." }),
  gradClipNorm: positive()
    .nullable()
    .default(null)
    .meta({ title: "Gradient clip (max norm)", description: "Largest global L2 norm of the gradients; null: no clipping." }),
});
const adamFields = {
  beta1: rate().default(0.9).meta({ title: "β1", description: "Decay of the gradients' running mean." }),
  beta2: rate().default(0.999).meta({ title: "β2", description: "Decay of the squared gradients' running mean." }),
  eps: epsilon(1e-8, "ε"),
};

const NESTEROV_NEEDS_MOMENTUM = "Nesterov momentum needs momentum > 0";
const optimizer = z
  .discriminatedUnion("type", [
    z
      .strictObject({
        type: z.literal("sgd"),
        momentum: rate().default(0).meta({ title: "Momentum", description: "Weight of the previous update in each step." }),
        nesterov: z.boolean().default(false).meta({ title: "Nesterov", description: "Nesterov momentum (needs momentum > 0)." }),
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
  .default({ type: "adam", beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, gradClipNorm: null })
  .meta({ title: "Optimizer", description: "How the parameters are updated: SGD, Adam or AdamW." });

const learningRate = () => z.number().positive().max(10);
const steps = () => z.int().min(1);
const startLr = learningRate().meta({ title: "Learning rate", description: "The rate at step 0." });

const constantSchedule = z.strictObject({ type: z.literal("constant"), lr: startLr });
const stepSchedule = z.strictObject({
  type: z.literal("step"),
  lr: startLr,
  gamma: positive().max(1).default(0.1).meta({ title: "Gamma", description: "Factor applied every stepSize steps." }),
  stepSize: steps().meta({ title: "Step size (steps)", description: "Optimiser steps between decays." }),
});
const exponentialSchedule = z.strictObject({
  type: z.literal("exponential"),
  lr: startLr,
  decayRate: positive().max(1).meta({ title: "Decay rate", description: "Factor applied every transitionSteps steps." }),
  transitionSteps: steps().meta({ title: "Transition steps", description: "Optimiser steps per factor of decayRate." }),
  staircase: z.boolean().default(false).meta({ title: "Staircase", description: "Decay in whole steps of transitionSteps instead of smoothly." }),
});
const cosineSchedule = z.strictObject({
  type: z.literal("cosine"),
  lr: startLr,
  finalLr: z.number().min(0).max(10).default(0).meta({ title: "Final learning rate", description: "The rate at the end of training." }),
});
const oneCycleSchedule = z.strictObject({
  type: z.literal("onecycle"),
  maxLr: learningRate().meta({ title: "Max learning rate", description: "The peak rate." }),
  pctStart: z
    .number()
    .gt(0)
    .lt(1)
    .default(0.25)
    .meta({ title: "Warm fraction (pctStart)", description: "Fraction of the steps spent rising to the peak." }),
  divFactor: positive().default(25).meta({ title: "Div factor", description: "The rate starts at maxLr / divFactor." }),
  finalDivFactor: positive()
    .default(1e4)
    .meta({ title: "Final div factor", description: "The rate ends at maxLr / (divFactor · finalDivFactor)." }),
  momentumCycle: z
    .strictObject({
      base: rate().default(0.85).meta({ title: "Base momentum", description: "Momentum (or β1) where the rate peaks." }),
      max: rate().default(0.95).meta({ title: "Max momentum", description: "Momentum (or β1) at the first and last steps." }),
    })
    .nullable()
    .default(null)
    .meta({ title: "Momentum (β1) cycle", description: "PyTorch's cycle_momentum, opposite to the rate; null: not cycled." }),
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
  steps: steps().meta({ title: "Warm-up steps", description: "Optimiser steps of the linear warm-up." }),
  startFactor: probability().default(0).meta({ title: "Start factor", description: "Fraction of then's first rate at step 0." }),
  then: baseSchedule.meta({ title: "Then", description: "The schedule after the warm-up (any type but warmup)." }),
});
const schedule = z
  .discriminatedUnion("type", [constantSchedule, stepSchedule, exponentialSchedule, cosineSchedule, oneCycleSchedule, warmupSchedule])
  .default({ type: "constant", lr: 0.001 })
  .meta({ title: "Schedule", description: "The learning rate as a function of the optimiser step." });

// ---------------------------------------------------------------- data
/** `[low, high]` with 0 < low ≤ high ≤ max; `title` names the pair and, with "from"/"to", each end. */
const range = (max: number, fallback: [number, number], meta: { title: string; description: string }) =>
  z
    .tuple([positive().max(max).meta({ title: `${meta.title} from` }), positive().max(max).meta({ title: `${meta.title} to` })])
    .refine(([low, high]) => low <= high, { error: "the first value must not exceed the second", when: fieldsValid })
    .default(fallback)
    .meta(meta);

const chance = (fallback: number, description: string) => probability().default(fallback).meta({ title: "Probability", description });
const redrawn = redraw.default("epoch").meta({ title: "Redraw", description: '"once": draw before training and reuse; "epoch": new draws each epoch.' });

const augmentation = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("flip"),
    axis: flipAxis.meta({ title: "Axis", description: '"rows" flips upside down, "cols" mirrors.' }),
    p: chance(0.5, "Chance that an image (or batch) is flipped."),
    per: z
      .enum(["batch", "sample"])
      .default("sample")
      .meta({ title: "Draw per", description: "One draw for each batch or for each image." }),
    redraw: redrawn,
  }),
  z.strictObject({
    type: z.literal("crop"),
    padding: int(1, 8).default(4).meta({ title: "Padding", description: "Zero pixels added on each side before a 28×28 window is cut." }),
    redraw: redrawn,
  }),
  z.strictObject({
    type: z.literal("erase"),
    p: chance(0.25, "Chance that an image gets an erased rectangle."),
    scale: range(1, [0.02, 0.33], { title: "Area", description: "Range of the rectangle's area, as a fraction of the image." }),
    ratio: range(Number.MAX_VALUE, [0.3, 3.3], { title: "Aspect", description: "Range of the rectangle's aspect ratio (drawn log-uniformly)." }),
    value: z.number().min(-1e6).max(1e6).default(0).meta({ title: "Fill value", description: "The value written into the rectangle." }),
    redraw: redrawn,
  }),
]).meta({ title: "Augmentation" });

const data = z
  .strictObject({
    batchSize: int(8, 1024).default(32).meta({ title: "Batch size", description: "Training images per optimiser step." }),
    shuffle: z.boolean().default(false).meta({ title: "Reshuffle every epoch", description: "A new order of the training set each epoch; false: dataset order." }),
    normalize: z
      .union(
        [
          z.enum(["scale", "standardize"]),
          z.strictObject({
            mean: z.number().min(-1).max(2).meta({ title: "Mean", description: "Subtracted from pixel/255." }),
            std: z.number().min(1e-3).max(10).meta({ title: "Std", description: "Divides pixel/255 − mean." }),
          }),
        ],
        { error: 'must be "scale", "standardize" or { "mean": …, "std": … }' },
      )
      .default("scale")
      .meta({ title: "Normalise", description: "How pixels become inputs: /255, the training set's statistics, or stated constants." }),
    augment: z
      .array(augmentation)
      .max(8)
      .default([])
      .meta({ title: "Augmentations", description: "Applied in order to the training images, never to test images." }),
    testTimeFlip: flipAxis
      .nullable()
      .default(null)
      .meta({ title: "Test-time flip", description: "Average each test image's prediction with its flip's; null: no flip." }),
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
  .default([5, 20, 50])
  .meta({ title: "Budgets (epochs)", description: "Epoch budgets to run; stored sorted and unique." });

export const entrySpecSchema = z.strictObject({
  version: z.literal(SPEC_VERSION).meta({ title: "Version", description: "The spec format's version." }),
  seed: int(0, 2 ** 31 - 1).default(42).meta({ title: "Seed", description: "Seeds every random stream (see Randomness)." }),
  budgets,
  model: z
    .strictObject({ layers: z.array(layerSchema).min(1).meta({ title: "Layers", description: "Applied in order to the input image." }) })
    .meta({ title: "Model", description: "The network, as its list of layers." }),
  loss: loss.meta({ title: "Loss", description: "The training loss (see Loss)." }),
  optimizer,
  schedule,
  data: data.meta({ title: "Data", description: "Batching, order, normalisation and augmentation (see Data)." }),
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
