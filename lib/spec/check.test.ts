/**
 * checkSpec and checkSpecText as the site uses them, on Sean's entry, defaults, every kind of
 * issue and every limit. Over 300 lines: one file for the whole check, grouped by what fails.
 */
import { describe, expect, it } from "vitest";
import { type CheckResult, checkSpec, checkSpecText } from "./check";
import { EXAMPLES, SEAN_SPEC } from "./examples";
import { readJsonText } from "./json-text";
import { LIMITS } from "./limits";
import { MEMORY_HOG, wideAtBatch } from "@/tests/spec-corpus";

type Json = Record<string, unknown>;

/** A copy of Sean's spec with `edit` applied. */
function sean(edit: (spec: Json & { model: { layers: Json[] } }) => void = () => {}): Json {
  const spec = structuredClone(SEAN_SPEC) as Json & { model: { layers: Json[] } };
  edit(spec);
  return spec;
}

function withLayers(layers: unknown[]): Json {
  return { version: 1, model: { layers } };
}

function issuesOf(result: CheckResult) {
  if (result.ok) throw new Error("expected the spec to be rejected");
  return result.issues;
}

/** Rejected, with an issue at exactly `path` whose message matches. */
function expectIssue(input: unknown, path: string, message: RegExp) {
  const issues = issuesOf(checkSpec(input));
  expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
}

const HEAD = [{ type: "flatten" }, { type: "dense", units: 10 }];

describe("Sean's entry", () => {
  const result = checkSpec(SEAN_SPEC);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));

  it("has 421,642 parameters, 320 + 18,496 + 401,536 + 1,290", () => {
    expect(result.analysis.params).toBe(421_642);
    expect(result.analysis.layers.filter((layer) => layer.params > 0).map((layer) => layer.params)).toEqual([320, 18_496, 401_536, 1_290]);
  });

  it("infers every layer's output shape", () => {
    expect(result.analysis.layers.map((layer) => [layer.path, layer.outputShape])).toEqual([
      ["model.layers.0", [32, 28, 28]],
      ["model.layers.1", [32, 14, 14]],
      ["model.layers.2", [64, 14, 14]],
      ["model.layers.3", [64, 7, 7]],
      ["model.layers.4", [3136]],
      ["model.layers.5", [128]],
      ["model.layers.6", [10]],
    ]);
  });

  it("counts forward FLOPs per image by the documented rules", () => {
    // conv: 2·k²·in·out·H'·W' + bias + relu per output; pools one per output; dense 2·in·out + bias + activation.
    const conv1 = 2 * 9 * 1 * 32 * 784 + 2 * 32 * 784;
    const conv2 = 2 * 9 * 32 * 64 * 196 + 2 * 64 * 196;
    const expected = conv1 + 32 * 196 + conv2 + 64 * 49 + (2 * 3136 * 128 + 2 * 128) + (2 * 128 * 10 + 2 * 10);
    expect(result.analysis.flops).toBe(expected);
  });

  it("fills every default: Glorot-uniform kernels, zero biases, no label smoothing, no weight decay", () => {
    const [conv] = result.spec.model.layers;
    expect(conv).toEqual({
      type: "conv2d",
      filters: 32,
      kernel: 3,
      stride: 1,
      padding: "same",
      dilation: 1,
      groups: 1,
      bias: true,
      activation: "relu",
      init: { weight: "glorot_uniform", bias: "zeros" },
    });
    expect(result.spec.model.layers[1]).toEqual({ type: "maxpool", size: 2, stride: 2, padding: 0 });
    expect(result.spec.loss).toEqual({ type: "cross_entropy", labelSmoothing: 0 });
    expect(result.spec.optimizer).toEqual({ type: "adam", beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, gradClipNorm: null });
    expect(result.spec.schedule).toEqual({ type: "exponential", lr: 0.005, decayRate: 0.5, transitionSteps: 1850, staircase: false });
    expect(result.spec.data).toEqual({
      batchSize: 32,
      shuffle: false,
      normalize: "scale",
      augment: [{ type: "flip", axis: "rows", p: 0.5, per: "batch", redraw: "once" }],
      testTimeFlip: null,
    });
  });

  it("shares its budgets (nothing depends on the total) and estimates the measured ~19 s per epoch", () => {
    expect(result.analysis.sharedBudgets).toBe(true);
    expect(result.analysis.stepsPerEpoch).toBe(1875);
    expect(result.analysis.estimate.secondsPerEpoch).toBeGreaterThan(17);
    expect(result.analysis.estimate.secondsPerEpoch).toBeLessThan(21);
    // One 50-epoch run serves all three budgets.
    expect(result.analysis.estimate.totalSeconds).toBeLessThan(result.analysis.estimate.budgets.reduce((sum, b) => sum + b.seconds, 0));
  });
});

describe("defaults", () => {
  it("a minimal spec gets every top-level default", () => {
    const result = checkSpec(withLayers(HEAD));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.spec.seed).toBe(42);
    expect(result.spec.budgets).toEqual([5, 20, 50]);
    expect(result.spec.schedule).toEqual({ type: "constant", lr: 0.001 });
    expect(result.spec.optimizer.type).toBe("adam");
    expect(result.spec.data.augment).toEqual([]);
  });

  it("budgets are stored sorted and unique", () => {
    const result = checkSpec({ ...withLayers(HEAD), budgets: [50, 5, 50] });
    expect(result.ok && result.spec.budgets).toEqual([5, 50]);
  });

  it("AdamW's weight decay defaults to 0.01, Adam's and SGD's to 0", () => {
    const decay = (type: string) => {
      const result = checkSpec({ ...withLayers(HEAD), optimizer: { type } });
      return result.ok ? result.spec.optimizer.weightDecay : undefined;
    };
    expect([decay("adamw"), decay("adam"), decay("sgd")]).toEqual([0.01, 0, 0]);
  });

  it("leaky_relu gets a negative slope of 0.01; other activations have no such field", () => {
    const result = checkSpec(withLayers([{ type: "flatten" }, { type: "activation", fn: "leaky_relu" }, { type: "activation", fn: "relu" }, { type: "dense", units: 10 }]));
    expect(result.ok && result.spec.model.layers.slice(1, 3)).toEqual([
      { type: "activation", fn: "leaky_relu", negativeSlope: 0.01 },
      { type: "activation", fn: "relu" },
    ]);
  });
});

describe("errors name the field", () => {
  it("unknown keys, at the top level and nested", () => {
    expectIssue(sean((spec) => (spec.extra = 1)), "extra", /unknown field "extra"/);
    expectIssue(sean((spec) => (spec.model.layers[0]!.filter = 3)), "model.layers.0.filter", /unknown field "filter"/);
    expectIssue(sean((spec) => ((spec.data as Json).augment = [{ type: "flip", axis: "rows", chance: 1 }])), "data.augment.0.chance", /unknown field/);
    expectIssue(withLayers([{ type: "flatten" }, { type: "activation", fn: "relu", negativeSlope: 0.2 }, { type: "dense", units: 10 }]), "model.layers.1.negativeSlope", /unknown field/);
  });

  it("wrong types", () => {
    expectIssue(sean((spec) => (spec.model.layers[0]!.filters = "32")), "model.layers.0.filters", /must be a number, got "32"/);
    expectIssue(sean((spec) => (spec.seed = 1.5)), "seed", /integer/);
    expectIssue(sean((spec) => ((spec.data as Json).shuffle = "yes")), "data.shuffle", /boolean/);
    expectIssue(sean((spec) => ((spec as Json).model = [])), "model", /must be an object, got an array/);
    expectIssue(sean((spec) => (spec.model.layers[1]!.type = "minpool")), "model.layers.1.type", /unknown type "minpool"; expected one of .*"maxpool"/);
    expectIssue(sean((spec) => delete spec.model.layers[1]!.type), "model.layers.1.type", /required: one of/);
    expectIssue(sean((spec) => delete (spec as Json).model), "model", /required/);
  });

  it("out of range values say the range", () => {
    expectIssue(sean((spec) => (spec.model.layers[0]!.filters = 2048)), "model.layers.0.filters", /at most 1024, got 2048/);
    expectIssue(sean((spec) => (spec.model.layers[0]!.kernel = 0)), "model.layers.0.kernel", /at least 1, got 0/);
    expectIssue(sean((spec) => ((spec.data as Json).batchSize = 4)), "data.batchSize", /at least 8, got 4/);
    expectIssue(sean((spec) => ((spec.data as Json).batchSize = 4096)), "data.batchSize", /at most 1024/);
    expectIssue(withLayers([{ type: "flatten" }, { type: "dropout", rate: 1 }, { type: "dense", units: 10 }]), "model.layers.1.rate", /less than 1/);
    expectIssue(sean((spec) => (spec.budgets = [5, 10])), "budgets.1", /5, 20 or 50/);
    expectIssue(sean((spec) => (spec.budgets = [])), "budgets", /at least 1 item/);
    expectIssue(sean((spec) => (spec.model.layers[0]!.padding = 9)), "model.layers.0.padding", /at most 5, got 9/);
    expectIssue(sean((spec) => (spec.model.layers[0]!.padding = "full")), "model.layers.0.padding", /"same", "valid" or an integer from 0 to 5/);
    expectIssue(sean((spec) => (spec.model.layers[1]!.padding = 2)), "model.layers.1.padding", /at most half the pool size/);
    expectIssue(sean((spec) => (spec.optimizer = { type: "sgd", nesterov: true })), "optimizer.nesterov", /momentum > 0/);
    expectIssue(sean((spec) => (spec.schedule = { type: "warmup", steps: 10, then: { type: "warmup", steps: 1 } })), "schedule.then.type", /unknown type "warmup"/);
  });

  it("an unsupported version names the supported versions, and only that", () => {
    expect(issuesOf(checkSpec(sean((spec) => (spec.version = 2))))).toEqual([{ path: "version", message: "unsupported spec version 2; supported versions: 1" }]);
    expect(issuesOf(checkSpec(sean((spec) => (spec.version = "1"))))).toEqual([{ path: "version", message: 'unsupported spec version "1"; supported versions: 1' }]);
    expectIssue(sean((spec) => delete spec.version), "version", /required.*supported versions: 1/);
  });

  it("a document that is not an object", () => {
    for (const input of [null, 7, "spec", [SEAN_SPEC]]) expectIssue(input, "", /must be an object/);
  });
});

describe("shape errors", () => {
  it("dense on an image says to flatten first", () => {
    expectIssue(withLayers([{ type: "dense", units: 10 }]), "model.layers.0", /dense needs a vector input; its input is the image \[1, 28, 28\].*flatten/);
  });

  it("image layers on a vector", () => {
    expectIssue(withLayers([{ type: "flatten" }, { type: "conv2d", filters: 4, kernel: 3 }]), "model.layers.1", /conv2d needs an image input/);
    expectIssue(withLayers([{ type: "flatten" }, { type: "flatten" }]), "model.layers.1", /flatten needs an image input/);
    expectIssue(withLayers([{ type: "globalavgpool" }, { type: "maxpool", size: 2 }]), "model.layers.1", /maxpool needs an image input/);
  });

  it("an identity residual whose body changes the shape", () => {
    expectIssue(
      withLayers([{ type: "residual", body: [{ type: "conv2d", filters: 8, kernel: 3 }] }, ...HEAD]),
      "model.layers.0.shortcut",
      /identity shortcut needs the body's output shape \[8, 28, 28\] to equal its input shape \[1, 28, 28\]/,
    );
  });

  it("a projection whose body shrinks the image by a non-integer factor", () => {
    expectIssue(
      withLayers([{ type: "residual", shortcut: { type: "projection" }, body: [{ type: "conv2d", filters: 8, kernel: 3, padding: "valid" }] }, ...HEAD]),
      "model.layers.0.shortcut",
      /divide the input size 28×28/,
    );
  });

  it("shape errors inside a residual body carry the nested path", () => {
    expectIssue(
      withLayers([{ type: "residual", body: [{ type: "conv2d", filters: 1, kernel: 3 }, { type: "dense", units: 3 }] }, ...HEAD]),
      "model.layers.0.body.1",
      /dense needs a vector input/,
    );
  });

  it("softmax on an image, stride with same padding, groups that do not divide, a window that does not fit", () => {
    expectIssue(withLayers([{ type: "conv2d", filters: 4, kernel: 3, activation: "softmax" }, ...HEAD]), "model.layers.0.activation", /softmax is only valid on vectors/);
    expectIssue(withLayers([{ type: "conv2d", filters: 4, kernel: 3, stride: 2 }, ...HEAD]), "model.layers.0.padding", /"same" padding needs stride 1/);
    expectIssue(withLayers([{ type: "conv2d", filters: 4, kernel: 2 }, ...HEAD]), "model.layers.0.padding", /odd effective kernel/);
    expectIssue(withLayers([{ type: "conv2d", filters: 4, kernel: 3, groups: 2 }, ...HEAD]), "model.layers.0.groups", /must divide both the input channels \(1\)/);
    expectIssue(withLayers([{ type: "conv2d", filters: 4, kernel: 11, padding: "valid", dilation: 3 }, ...HEAD]), "model.layers.0.kernel", /does not fit/);
  });

  it("the model must end in 10 values", () => {
    expectIssue(withLayers([{ type: "flatten" }, { type: "dense", units: 12 }]), "model.layers", /must output 10 values.*\[12\]/);
  });
});

describe("limits", () => {
  it("too many parameters names the limit and the largest layer", () => {
    expectIssue(
      withLayers([{ type: "flatten" }, { type: "dense", units: 8192 }, { type: "dense", units: 4096 }, { type: "dense", units: 10 }]),
      "model.layers",
      /has 40,\d{3},\d{3} parameters; the limit is 20,000,000 \(the largest is model\.layers\.2 \(dense\)/,
    );
  });

  it("too many FLOPs per image", () => {
    const wide = { type: "conv2d", filters: 1024, kernel: 11, bias: false };
    expectIssue(withLayers([{ type: "conv2d", filters: 16, kernel: 3 }, wide, { type: "globalavgpool" }, { type: "dense", units: 10 }]), "model.layers", /FLOPs per image \(forward\); the limit is 1,000,000,000/);
  });

  it("too many layers, counting residual blocks and their bodies", () => {
    const relus = (count: number) => Array.from({ length: count }, () => ({ type: "activation", fn: "relu" }));
    // 1 + 30 + 1 + 30 + 2 = 64 layers: at the limit.
    expect(checkSpec(withLayers([{ type: "residual", body: relus(30) }, { type: "residual", body: relus(30) }, ...HEAD])).ok).toBe(true);
    expectIssue(withLayers([{ type: "residual", body: relus(30) }, { type: "residual", body: relus(31) }, ...HEAD]), "model.layers", /^the model has 65 layers, .*the limit is 64$/);
  });

  it("residual nesting deeper than 4 is rejected at the fifth block", () => {
    const nest = (depth: number): Json => (depth === 0 ? { type: "batchnorm" } : { type: "residual", body: [nest(depth - 1)] });
    expect(checkSpec(withLayers([nest(4), ...HEAD])).ok).toBe(true);
    expectIssue(withLayers([nest(5), ...HEAD]), "model.layers.0.body.0.body.0.body.0.body.0", /nested 5 deep here; the limit is 4/);
  });

  it("training memory: issue 11's 1,024 filters and 30 batch norms + GELUs at batch 1024 need about 201 GB a step", () => {
    // 73,738 parameters and a few minutes of compute: only the activations are too large.
    expect(issuesOf(checkSpec(MEMORY_HOG))).toEqual([
      {
        path: "model.layers",
        message: "training needs about 201 GB of memory per step at batch size 1024; the limit is 8 GB (use fewer filters, fewer layers or a smaller data.batchSize)",
      },
    ]);
    const smaller = checkSpec(wideAtBatch(1, 512));
    expect(smaller.ok && smaller.analysis.trainingBytesPerStep).toBe(4 * (512 * (784 + 3 * 1024 * 784 + 1024 + 10) + 4 * (2 * 1024 + 2 * 1024 + 1024 * 10 + 10)));
  });

  it("every example needs under a fifth of the memory limit", () => {
    // The largest, the 2022-12-15 recipe at batch size 1024, needs about 1 GB.
    for (const example of EXAMPLES) {
      const result = checkSpec(example.spec);
      expect(result.ok && result.analysis.trainingBytesPerStep, example.slug).toBeLessThan(LIMITS.trainingBytesPerStep / 5);
    }
  });

  it("a budget that would train for more than 12 hours", () => {
    // ~644 MFLOPs/image: 50 epochs is about 16 h of compute, 20 epochs about 6.4 h.
    const heavy = [{ type: "conv2d", filters: 128, kernel: 3 }, { type: "conv2d", filters: 128, kernel: 5 }, { type: "globalavgpool" }, { type: "dense", units: 10 }];
    const result = checkSpec({ ...withLayers(heavy), budgets: [20, 50] });
    expect(issuesOf(result)).toEqual([{ path: "budgets", message: expect.stringMatching(/^the 50-epoch budget needs about 1\d h .*the limit is 12 h per budget/) }]);
    expect(checkSpec({ ...withLayers(heavy), budgets: [20] }).ok).toBe(true);
  });

  it("text larger than 64 KiB is rejected before parsing", () => {
    const padded = JSON.stringify(SEAN_SPEC).replace("{", `{"pad":"${"x".repeat(LIMITS.specBytes)}",`);
    expect(issuesOf(checkSpecText(padded))).toEqual([{ path: "", message: expect.stringMatching(/larger than 64 KiB.*limit is 65536 bytes/) }]);
    // Multi-byte characters count as their UTF-8 bytes.
    const wide = `{"version":1,"d":"${"é".repeat(LIMITS.specBytes / 2)}"}`;
    expect(wide.length).toBeLessThan(LIMITS.specBytes);
    expect(issuesOf(checkSpecText(wide))[0]!.message).toMatch(/larger than 64 KiB/);
  });

  it("a parsed value larger than 64 KiB is rejected too", () => {
    expectIssue({ ...SEAN_SPEC, pad: "x".repeat(LIMITS.specBytes) }, "", /larger than 65536 bytes/);
    expectIssue({ ...SEAN_SPEC, budgets: new Array(10_000_000).fill(5) }, "", /larger than 65536 bytes/);
  });

  it("nesting deeper than 32 levels is rejected, in text and in values", () => {
    const deepText = `{"version":1,"model":${"[".repeat(40)}${"]".repeat(40)}}`;
    const deepPath = `model${".0".repeat(31)}`;
    expect(issuesOf(checkSpecText(deepText))).toEqual([{ path: deepPath, message: expect.stringMatching(/nested more than 32 levels deep/) }]);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i += 1) deep = [deep];
    expectIssue({ version: 1, model: deep }, "model.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0", /nested more than 32 levels/);
  });

  it("a cyclic value is rejected, not looped over", () => {
    const cyclic: Json = { version: 1 };
    cyclic.model = cyclic;
    expect(issuesOf(checkSpec(cyclic))[0]!.message).toMatch(/nested more than 32 levels/);
  });
});

describe("JSON text", () => {
  it("invalid JSON gives the line and column of what is unexpected", () => {
    expect(issuesOf(checkSpecText('{\n  "version": 1,\n  "model": { "layers": [} }'))).toEqual([
      { path: "", message: 'invalid JSON at line 3, column 25: unexpected "}"' },
    ]);
    expect(issuesOf(checkSpecText('{"version": 1,}'))[0]!.message).toBe('invalid JSON at line 1, column 15: unexpected "}"');
    expect(issuesOf(checkSpecText('{"version": 1'))[0]!.message).toBe("invalid JSON at line 1, column 14: unexpected the end of the text");
    expect(issuesOf(checkSpecText('{\n  "version": 1\n  "model": {}\n}'))[0]!.message).toBe('invalid JSON at line 3, column 3: unexpected "model"');
    expect(issuesOf(checkSpecText("{ version: 1 }"))[0]!.message).toBe('invalid JSON at line 1, column 3: unexpected "version"');
    expect(issuesOf(checkSpecText("{} {}"))[0]!.message).toBe('invalid JSON at line 1, column 4: unexpected "{"');
    expect(issuesOf(checkSpecText('{"a": "\u0001"}'))[0]!.message).toBe('invalid JSON at line 1, column 7: unexpected "\\"\\u0001\\""');
    expect(issuesOf(checkSpecText(""))[0]!.message).toMatch(/empty/);
  });

  it("invalid JSON is located in the text", () => {
    const text = '{\n  "version": 1,\n  "model": [1,,2]\n}';
    const comma = text.indexOf(",,") + 1;
    expect(readJsonText(text)).toMatchObject({ ok: false, at: { from: comma, to: comma + 1 } });
  });

  it("valid text is checked like the value it holds", () => {
    const result = checkSpecText(JSON.stringify(SEAN_SPEC, null, 2));
    expect(result.ok && result.analysis.params).toBe(421_642);
  });
});
