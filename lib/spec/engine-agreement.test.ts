/**
 * lib/spec is the rulebook; the engine (worker/engine) trains what it accepts. On the
 * examples, the edge cases and sampled specs:
 * - every spec lib/spec accepts, the engine accepts and normalises identically, and the
 *   engine's PyTorch modules (built on the meta device) give every layer lib/spec's
 *   output shape and parameter count; a spec the schema rejects, the engine rejects;
 * - both apply the budget-sharing rule alike: the engine's training runs are one run to
 *   the largest budget exactly when lib/spec says the budgets share one;
 * - both schedules give the same learning rate and momentum at sampled steps.
 * FLOPs, kept activations, memory and run time are lib/spec's alone (the engine checks no
 * limits), so they are not compared. Two Python processes answer everything:
 * `python -m engine analyze --jsonl` and the torch-free `engine.tests.schedule_values`.
 */
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ENGINE_CWD, pythonExecutable } from "@/scripts/lib/python";
import { EDGE_SPECS, generatedSpecs } from "@/tests/spec-corpus";
import { type CheckResult, checkSpec } from "./check";
import { stepsPerEpoch } from "./estimate";
import { EXAMPLES } from "./examples";
import { learningRateAt, momentumAt } from "./schedule";
import { type EntrySpec, LAYER_TYPES, type Schedule, entrySpecSchema } from "./schema";

interface EngineLayer {
  path: string;
  type: string;
  outputShape: number[];
  params: number;
}
type EngineResult =
  | { ok: true; layers: EngineLayer[]; params: number; outputShape: number[]; plan: { epochs: number; budgets: number[] }[]; spec: unknown }
  | { ok: false; issues: { path: string; message: string }[] };

/** One Python process, one JSON line in and one out per request. */
function python(args: string[], requests: unknown[]): unknown[] {
  const run = spawnSync(pythonExecutable(), args, {
    cwd: ENGINE_CWD,
    input: requests.map((request) => JSON.stringify(request)).join("\n") + "\n",
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`python ${args.join(" ")} failed (${run.status}): ${run.stderr}`);
  return run.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as unknown);
}

const positive = (max: number) => fc.double({ min: 1e-6, max, noNaN: true });
const fraction = fc.double({ min: 0.01, max: 0.99, noNaN: true });
const stepCount = fc.integer({ min: 1, max: 20_000 });
const baseSchedule = fc.oneof(
  fc.record({ type: fc.constant("constant"), lr: positive(10) }),
  fc.record({ type: fc.constant("step"), lr: positive(10), gamma: positive(1), stepSize: stepCount }),
  fc.record({ type: fc.constant("exponential"), lr: positive(10), decayRate: positive(1), transitionSteps: stepCount, staircase: fc.boolean() }),
  fc.record({ type: fc.constant("cosine"), lr: positive(10), finalLr: fc.double({ min: 0, max: 0.01, noNaN: true }) }),
  fc.record({
    type: fc.constant("onecycle"),
    maxLr: positive(10),
    pctStart: fraction,
    divFactor: fc.double({ min: 1, max: 1000, noNaN: true }),
    finalDivFactor: fc.double({ min: 1, max: 1e5, noNaN: true }),
    momentumCycle: fc.option(fc.record({ base: fc.double({ min: 0.5, max: 0.9, noNaN: true }), max: fc.double({ min: 0.9, max: 0.999, noNaN: true }) })),
  }),
);
const anySchedule = fc.oneof(baseSchedule, fc.record({ type: fc.constant("warmup"), steps: stepCount, startFactor: fc.double({ min: 0, max: 1, noNaN: true }), then: baseSchedule }));
/** A small model under sampled schedules, budgets and batch sizes: what the sharing rule and the schedules depend on. */
const scheduledSpecs = fc.sample(
  fc.record({
    version: fc.constant(1),
    model: fc.constant({ layers: [{ type: "flatten" }, { type: "dense", units: 10 }] }),
    budgets: fc.subarray([5, 20, 50], { minLength: 1 }),
    schedule: anySchedule,
    data: fc.record({ batchSize: fc.constantFrom(8, 32, 100, 1024) }),
  }),
  { numRuns: 200, seed: 13 },
);

const corpus = [
  ...EXAMPLES.map((example) => ({ name: `example ${example.slug}`, spec: example.spec as unknown })),
  ...EDGE_SPECS.map((edge) => ({ name: `edge: ${edge.name}`, spec: edge.spec as unknown })),
  ...generatedSpecs(400, 2024).map((spec, index) => ({ name: `generated #${index}`, spec: spec as unknown })),
  ...scheduledSpecs.map((spec, index) => ({ name: `scheduled #${index}`, spec: spec as unknown })),
];

/** Points [step, total] of each budget's run: its first and last steps, a warm-up's edge, and sampled steps. */
function schedulePoints(spec: EntrySpec, seed: number): [number, number][] {
  return spec.budgets.flatMap((budget) => {
    const total = budget * stepsPerEpoch(spec.data.batchSize);
    const edges = [0, total - 1, ...(spec.schedule.type === "warmup" ? [spec.schedule.steps - 1, spec.schedule.steps] : [])];
    const sampled = fc.sample(fc.nat(total - 1), { numRuns: 4, seed: seed + budget });
    return [...edges, ...sampled].filter((step) => step >= 0 && step < total).map((step): [number, number] => [step, total]);
  });
}

/** Equal to 12 significant digits: V8's and the C library's pow and cos may differ in the last bit. */
function expectClose(theirs: number | null, ours: number | null, context: string): void {
  if (ours === null || theirs === null) return expect(theirs, context).toBe(ours);
  expect(Math.abs(theirs - ours), context).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(ours), 1e-300));
}

describe("agreement with the engine (PyTorch's modules, schedule.py, the training plan)", () => {
  // The engine takes normalised specs: each as the schema normalises it, or as written where the schema refuses it.
  const normalised = corpus.map((entry) => {
    const parsed = entrySpecSchema.safeParse(entry.spec);
    return parsed.success ? parsed.data : entry.spec;
  });
  const engine = python(["-m", "engine", "analyze", "--jsonl"], normalised) as EngineResult[];
  const ours: CheckResult[] = corpus.map((entry) => checkSpec(entry.spec));
  const accepted = corpus.flatMap((entry, index) => {
    const mine = ours[index]!;
    return mine.ok ? [{ ...entry, mine, theirs: engine[index]!, context: `${entry.name}: ${JSON.stringify(entry.spec)}` }] : [];
  });

  it("answers once per spec", () => {
    expect(engine).toHaveLength(corpus.length);
  });

  it("the engine accepts every spec lib/spec accepts, and rejects every spec the schema rejects", () => {
    const acceptedByUsOnly = accepted.filter((entry) => !entry.theirs.ok).map((entry) => ({ context: entry.context, engine: entry.theirs }));
    expect(acceptedByUsOnly).toEqual([]);
    const schemaRejected = corpus.filter((entry) => !entrySpecSchema.safeParse(entry.spec).success);
    const acceptedByEngineOnly = schemaRejected.filter((entry) => engine[corpus.indexOf(entry)]!.ok).map((entry) => entry.name);
    expect(acceptedByEngineOnly).toEqual([]);
    expect(schemaRejected.length).toBeGreaterThanOrEqual(10);
  });

  it("gives the same normalised spec, and PyTorch gives every layer lib/spec's output shape and parameter count", () => {
    for (const { mine, theirs, context } of accepted) {
      if (!theirs.ok) continue; // the test above names it
      expect(theirs.spec, context).toEqual(mine.spec);
      expect(theirs.layers, context).toEqual(
        mine.analysis.layers.map((layer) => ({ path: layer.path, type: layer.type, outputShape: layer.outputShape, params: layer.params })),
      );
      expect([theirs.params, theirs.outputShape], context).toEqual([mine.analysis.params, mine.analysis.outputShape]);
    }
    expect(accepted.length).toBeGreaterThanOrEqual(400);
  });

  it("splits the budgets into the same training runs: one to the largest budget exactly when lib/spec shares them", () => {
    for (const { mine, theirs, context } of accepted) {
      if (!theirs.ok) continue;
      const { budgets } = mine.spec;
      const runs = mine.analysis.sharedBudgets ? [{ epochs: Math.max(...budgets), budgets }] : budgets.map((budget) => ({ epochs: budget, budgets: [budget] }));
      expect(theirs.plan, context).toEqual(runs);
    }
    const sharing = new Set(accepted.filter((entry) => entry.mine.spec.budgets.length > 1).map((entry) => entry.mine.analysis.sharedBudgets));
    expect(sharing).toEqual(new Set([true, false]));
  });

  it("gives the same learning rate and momentum at sampled steps of every accepted spec's runs", () => {
    const requests = accepted.map(({ mine }, index) => ({ schedule: mine.spec.schedule, points: schedulePoints(mine.spec, index) }));
    const values = python(["-m", "engine.tests.schedule_values"], requests) as { lr: number[]; momentum: (number | null)[] }[];
    expect(values).toHaveLength(requests.length);
    let compared = 0;
    requests.forEach(({ schedule, points }, index) => {
      points.forEach(([step, total], at) => {
        const context = `${accepted[index]!.name}, step ${step} of ${total}: ${JSON.stringify(schedule)}`;
        expectClose(values[index]!.lr[at]!, learningRateAt(schedule as Schedule, step, total), context);
        expectClose(values[index]!.momentum[at]!, momentumAt(schedule as Schedule, step, total), context);
        compared += 1;
      });
    });
    const types = new Set(requests.map(({ schedule }) => (schedule.type === "warmup" ? `warmup ${schedule.then.type}` : schedule.type)));
    expect(types.size).toBe(10);
    expect(compared).toBeGreaterThanOrEqual(5000);
  });

  it("the corpus covers every layer type, both shortcuts and the recipe's features", () => {
    const types = new Set(accepted.flatMap((entry) => entry.mine.analysis.layers.map((layer) => layer.type)));
    expect([...types].sort()).toEqual([...LAYER_TYPES].sort());
    const written = accepted.map((entry) => JSON.stringify(entry.mine.spec));
    for (const feature of ['"shortcut":{"type":"identity"', '"shortcut":{"type":"projection"', '"fn":"general_relu"', '"pool":"avg"', '"leak":0.1', '"momentumCycle":{"base"', '"normalize":{"mean"']) {
      expect(written.some((json) => json.includes(feature)), feature).toBe(true);
    }
  });
});
