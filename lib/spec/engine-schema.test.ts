/**
 * The engine checks the normalised spec it receives against worker/engine/spec.schema.json,
 * which the zod schema generates: the committed file is a fresh generation, every shipped
 * example normalised here passes the engine, and broken normalised specs (chosen ones and a
 * seeded corpus of mutations) are refused by both at the same issue paths. One
 * `python -m engine analyze --jsonl` process answers for the whole corpus.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENGINE_CWD, pythonExecutable } from "@/scripts/lib/python";
import { generatedSpecs, seededRandom } from "@/tests/spec-corpus";
import { checkSpec } from "./check";
import { EXAMPLES } from "./examples";
import { ENGINE_SCHEMA_FILE, engineSpecSchemaText } from "./json-schema";
import type { SpecIssue } from "./issues";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type EngineAnswer = { ok: true; spec: unknown } | { ok: false; issues: SpecIssue[] };

function engineAnalyze(specs: Json[]): EngineAnswer[] {
  const run = spawnSync(pythonExecutable(), ["-m", "engine", "analyze", "--jsonl"], {
    cwd: ENGINE_CWD,
    input: specs.map((spec) => JSON.stringify(spec)).join("\n") + "\n",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`engine analyze failed (${run.status}): ${run.stderr}`);
  return run.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as EngineAnswer);
}

/** The spec as lib/spec normalises it; throws when it is refused. */
function normalised(spec: unknown): Json {
  const checked = checkSpec(spec);
  if (!checked.ok) throw new Error(`not a valid spec: ${JSON.stringify(checked.issues)}`);
  return JSON.parse(JSON.stringify(checked.spec)) as Json;
}

const pathsOf = (issues: readonly SpecIssue[]): string[] => [...new Set(issues.map((issue) => issue.path))].sort();

// The one zod rule that neither the schema nor the engine's analysis states (json-schema.ts lists them all).
const SITE_ONLY = "the first value must not exceed the second";

type Key = string | number;
const isObject = (value: Json): value is { [key: string]: Json } => typeof value === "object" && value !== null && !Array.isArray(value);

/** Every path below the root, parents before children. */
function pathsIn(value: Json, prefix: Key[] = []): Key[][] {
  const children: [Key, Json][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : isObject(value) ? Object.entries(value) : [];
  return children.flatMap(([key, child]) => [[...prefix, key], ...pathsIn(child, [...prefix, key])]);
}

const WRONG_VALUES: Json[] = [null, "x", -1, 1e9, 2.5, true, {}, []];

interface Mutant {
  spec: Json;
  /** The path of the key it lost, if that was the change. */
  deleted?: string;
}

/** `spec` with one thing broken at a random place: a value replaced, a key deleted, or an unknown key added. */
function mutant(spec: Json, random: () => number): Mutant {
  const copy = structuredClone(spec);
  const paths = pathsIn(copy);
  const where = paths[Math.floor(random() * paths.length)]!;
  const parent = where.slice(0, -1).reduce<Json>((node, key) => (node as Record<Key, Json>)[key]!, copy) as Record<Key, Json>;
  const key = where.at(-1)!;
  const action = random();
  if (action < 0.15 && !Array.isArray(parent)) {
    delete parent[key];
    return { spec: copy, deleted: where.join(".") };
  }
  if (action < 0.3 && isObject(parent[key]!)) (parent[key] as Record<string, Json>).extra = 1;
  else parent[key] = WRONG_VALUES[Math.floor(random() * WRONG_VALUES.length)]!;
  return { spec: copy };
}

const head: Json[] = [{ type: "flatten" }, { type: "dense", units: 10 }];
const base = normalised({ version: 1, model: { layers: head } });
const withChange = (change: (spec: { [key: string]: Json }) => void): Json => {
  const spec = structuredClone(base) as { [key: string]: Json };
  change(spec);
  return spec;
};
const sgdWithNesterov = normalised({ version: 1, model: { layers: head }, optimizer: { type: "sgd", momentum: 0.9, nesterov: true } });
const withErase = normalised({ version: 1, model: { layers: head }, data: { augment: [{ type: "erase" }] } });

/** Broken normalised specs, each breaking one rule on purpose. */
const CHOSEN: (Mutant & { name: string })[] = [
  { name: "an unknown key", spec: withChange((spec) => (spec.colour = "blue")) },
  { name: "a default left out", spec: withChange((spec) => delete spec.seed), deleted: "seed" },
  { name: "an unknown layer type", spec: withChange((spec) => ((spec.model as { layers: Json[] }).layers[0] = { type: "conv3d" })) },
  { name: "an unknown activation fn", spec: withChange((spec) => ((spec.model as { layers: Json[] }).layers[0] = { type: "activation", fn: "swish" })) },
  { name: "negativeSlope on relu", spec: withChange((spec) => ((spec.model as { layers: Json[] }).layers[0] = { type: "activation", fn: "relu", negativeSlope: 0.1 })) },
  { name: "Nesterov without momentum", spec: { ...(sgdWithNesterov as object), optimizer: { ...((sgdWithNesterov as { optimizer: object }).optimizer), momentum: 0 } } },
  {
    name: "leak on a Glorot init",
    spec: withChange((spec) => ((spec.model as { layers: Json[] }).layers[1] = { type: "dense", units: 10, bias: true, activation: null, init: { weight: "glorot_uniform", bias: "zeros", leak: 0.1 } })),
  },
  {
    name: "a He init without its leak",
    spec: withChange((spec) => ((spec.model as { layers: Json[] }).layers[1] = { type: "dense", units: 10, bias: true, activation: null, init: { weight: "he_normal", bias: "zeros" } })),
  },
  { name: "a pool without its stride", spec: withChange((spec) => (spec.model as { layers: Json[] }).layers.unshift({ type: "maxpool", size: 2, padding: 0 })) },
  { name: "a pool padded beyond half its window", spec: withChange((spec) => (spec.model as { layers: Json[] }).layers.unshift({ type: "maxpool", size: 2, stride: 2, padding: 2 })) },
  { name: "a normalize object out of range", spec: withChange((spec) => ((spec.data as { normalize: Json }).normalize = { mean: 5, std: 1 })) },
  { name: "a normalize object missing std", spec: withChange((spec) => ((spec.data as { normalize: Json }).normalize = { mean: 0.3 })) },
  { name: "a momentum cycle of 1", spec: withChange((spec) => (spec.schedule = { type: "onecycle", maxLr: 0.1, pctStart: 0.25, divFactor: 25, finalDivFactor: 1e4, momentumCycle: { base: 1, max: 0.95 } })) },
  { name: "a warm-up inside a warm-up", spec: withChange((spec) => (spec.schedule = { type: "warmup", steps: 5, startFactor: 0, then: { type: "warmup", steps: 5, startFactor: 0, then: { type: "constant", lr: 0.1 } } })) },
  { name: "a budget of 10", spec: withChange((spec) => (spec.budgets = [5, 10])) },
  { name: "a budget twice", spec: withChange((spec) => (spec.budgets = [5, 5])) },
  { name: "version 2", spec: withChange((spec) => (spec.version = 2)) },
  { name: "no layers", spec: withChange((spec) => ((spec.model as { layers: Json[] }).layers = [])) },
];

const bases = [...EXAMPLES.map((example) => normalised(example.spec)), ...generatedSpecs(300, 7).flatMap((spec) => (checkSpec(spec).ok ? [normalised(spec)] : []))];
const random = seededRandom(13);
const MUTANTS = bases.flatMap((spec) => [mutant(spec, random), mutant(spec, random), mutant(spec, random)]);

describe("the engine's spec schema (worker/engine/spec.schema.json)", () => {
  it("is what the zod schema generates now", () => {
    const committed = readFileSync(path.join(process.cwd(), ENGINE_SCHEMA_FILE), "utf8");
    expect(committed, `${ENGINE_SCHEMA_FILE} is stale: run \`npm run spec:schema\` and commit it`).toBe(engineSpecSchemaText());
  });

  const examples = EXAMPLES.map((example) => normalised(example.spec));
  const mutants = [...CHOSEN, ...MUTANTS];
  const corpus = mutants.map((entry) => entry.spec);
  const engine = engineAnalyze([...examples, ...corpus]);

  it("accepts every shipped example as lib/spec normalises it, and gives it back unchanged", () => {
    examples.forEach((spec, index) => expect([EXAMPLES[index]!.slug, engine[index]]).toEqual([EXAMPLES[index]!.slug, expect.objectContaining({ ok: true, spec })]));
  });

  it("refuses a broken normalised spec at the paths lib/spec names, and takes exactly the normalised valid ones", () => {
    const names = [...CHOSEN.map((entry) => entry.name), ...MUTANTS.map((_, index) => `mutant #${index}`)];
    const disagreements = mutants.flatMap(({ spec, deleted }, index) => {
      const ours = checkSpec(spec);
      const theirs = engine[examples.length + index]!;
      const siteOnly = !ours.ok && ours.issues.every((issue) => issue.message === SITE_ONLY);
      // lib/spec accepts what it can normalise; the engine fills nothing, so it takes a spec only as lib/spec would store it.
      const expected = ours.ok ? { ok: JSON.stringify(normalised(spec)) === JSON.stringify(spec) } : siteOnly ? { ok: true } : { ok: false, paths: pathsOf(ours.issues) };
      const got = "paths" in expected && !theirs.ok ? { ok: false, paths: pathsOf(theirs.issues) } : { ok: theirs.ok };
      // Where lib/spec filled the lost key in before refusing the spec for another reason, the engine names the lost key.
      const namesTheLostKey = "paths" in got && JSON.stringify(got.paths) === JSON.stringify([deleted]);
      // A rule JSON Schema cannot state that PyTorch enforces (a pool's padding) is refused at its layer, in PyTorch's words.
      const gotPaths: string[] = ("paths" in got && got.paths) || [];
      const expectedPaths: string[] = ("paths" in expected && expected.paths) || [];
      const pytorchNamesTheLayer =
        !theirs.ok && gotPaths.length === 1 && expectedPaths.length === 1 &&
        expectedPaths[0]!.startsWith(`${gotPaths[0]}.`) && theirs.issues[0]!.message.startsWith("PyTorch cannot apply");
      return JSON.stringify(got) === JSON.stringify(expected) || namesTheLostKey || pytorchNamesTheLayer ? [] : [{ name: names[index], spec: JSON.stringify(spec), expected, got, theirs }];
    });
    expect(disagreements).toEqual([]);
  });

  it("covers refusals of every kind and specs that stay valid", () => {
    const verdicts = corpus.map((spec) => checkSpec(spec));
    const refused = verdicts.filter((verdict) => !verdict.ok).length;
    expect(refused).toBeGreaterThanOrEqual(300);
    expect(verdicts.length - refused).toBeGreaterThanOrEqual(20);
    const messages = verdicts.flatMap((verdict) => (verdict.ok ? [] : verdict.issues.map((issue) => issue.message)));
    for (const kind of [/^unknown field/, /^required/, /^unknown type/, /^must be at most/, /^must be an integer|^must be a number/]) {
      expect(messages.some((message) => kind.test(message)), String(kind)).toBe(true);
    }
  });

  it("leaves only the erase range's order to the site", () => {
    const reversed = structuredClone(withErase) as { data: { augment: { scale: number[] }[] } };
    reversed.data.augment[0]!.scale = [0.33, 0.02];
    const ours = checkSpec(reversed);
    expect(ours.ok || ours.issues).toEqual([{ path: "data.augment.0.scale", message: SITE_ONLY }]);
    expect(engineAnalyze([reversed as unknown as Json])[0]!.ok).toBe(true);
  });
});
