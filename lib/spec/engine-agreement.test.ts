/**
 * lib/spec and the engine (worker/engine) must agree on every spec: both accept or both
 * reject it, and for an accepted one the normalised spec, every layer's output shape,
 * parameters, FLOPs and kept activations, and the totals (training memory included) are identical. One `python -m engine analyze
 * --jsonl` process checks the whole corpus.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ENGINE_CWD, pythonExecutable } from "@/scripts/lib/python";
import { checkSpec } from "./check";
import { EXAMPLES } from "./examples";
import { EDGE_SPECS, MEMORY_HOG, generatedSpecs } from "@/tests/spec-corpus";

interface EngineLayer {
  path: string;
  type: string;
  outputShape: number[];
  params: number;
  flops: number;
  activations: number;
}
type EngineResult =
  | { ok: true; layers: EngineLayer[]; params: number; flops: number; outputShape: number[]; trainingBytesPerStep: number; spec: unknown }
  | { ok: false; issues: { path: string; message: string }[] };

function engineAnalyze(specs: unknown[]): EngineResult[] {
  const run = spawnSync(pythonExecutable(), ["-m", "engine", "analyze", "--jsonl"], {
    cwd: ENGINE_CWD,
    input: specs.map((spec) => JSON.stringify(spec)).join("\n") + "\n",
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`engine analyze failed (${run.status}): ${run.stderr}`);
  return run.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as EngineResult);
}

const corpus = [
  ...EXAMPLES.map((example) => ({ name: `example ${example.slug}`, spec: example.spec as unknown })),
  ...EDGE_SPECS.map((edge) => ({ name: `edge: ${edge.name}`, spec: edge.spec as unknown })),
  ...generatedSpecs(400, 2024).map((spec, index) => ({ name: `generated #${index}`, spec: spec as unknown })),
];

describe("agreement with the engine (python -m engine analyze)", () => {
  const engine = engineAnalyze(corpus.map((entry) => entry.spec));
  const ours = corpus.map((entry) => checkSpec(entry.spec));

  it("answers once per spec", () => {
    expect(engine).toHaveLength(corpus.length);
  });

  it("accepts and rejects the same specs", () => {
    const disagreements = corpus.flatMap((entry, index) =>
      ours[index]!.ok === engine[index]!.ok
        ? []
        : [{ name: entry.name, spec: JSON.stringify(entry.spec), ours: ours[index], engine: engine[index] }],
    );
    expect(disagreements).toEqual([]);
  });

  it("gives identical normalised specs, layer shapes, parameters, FLOPs, activations and training memory for every accepted spec", () => {
    let compared = 0;
    corpus.forEach((entry, index) => {
      const mine = ours[index]!;
      const theirs = engine[index]!;
      if (!mine.ok || !theirs.ok) return;
      compared += 1;
      const context = `${entry.name}: ${JSON.stringify(entry.spec)}`;
      expect(theirs.spec, context).toEqual(mine.spec);
      expect(theirs.layers, context).toEqual(
        mine.analysis.layers.map((layer) => ({
          path: layer.path,
          type: layer.type,
          outputShape: layer.outputShape,
          params: layer.params,
          flops: layer.flops,
          activations: layer.activations,
        })),
      );
      expect([theirs.params, theirs.flops, theirs.outputShape, theirs.trainingBytesPerStep], context).toEqual([
        mine.analysis.params,
        mine.analysis.flops,
        mine.analysis.outputShape,
        mine.analysis.trainingBytesPerStep,
      ]);
    });
    expect(compared).toBeGreaterThanOrEqual(100);
  });

  it("the generated corpus covers every layer type, both shortcuts, and rejected specs", () => {
    const accepted = ours.flatMap((result) => (result.ok ? [result] : []));
    const types = new Set(accepted.flatMap((result) => result.analysis.layers.map((layer) => layer.type)));
    expect(types.size).toBe(11);
    const shortcuts = new Set(
      accepted.flatMap((result) => JSON.stringify(result.spec).match(/"shortcut":\{"type":"(identity|projection)"/g) ?? []),
    );
    expect(shortcuts.size).toBe(2);
    const written = accepted.map((result) => JSON.stringify(result.spec));
    for (const feature of ['"fn":"general_relu"', '"pool":"avg"', '"leak":0.1', '"momentumCycle":{"base"', '"normalize":{"mean"']) {
      expect(written.some((json) => json.includes(feature)), feature).toBe(true);
    }
    expect(ours.filter((result) => !result.ok).length).toBeGreaterThanOrEqual(30);
  });

  it("both refuse the memory hog of issue 11 on the memory limit, naming model.layers", () => {
    const index = corpus.findIndex((entry) => entry.spec === MEMORY_HOG);
    const [mine, theirs] = [ours[index]!, engine[index]!];
    expect(mine.ok || mine.issues).toEqual([{ path: "model.layers", message: expect.stringMatching(/^training needs about 201 GB of memory per step at batch size 1024; the limit is 8 GB/) }]);
    expect(theirs.ok || theirs.issues).toEqual([{ path: "model.layers", message: expect.stringMatching(/^training needs about 201 GB of memory per step at batch size 1024; the limit is 8 GB/) }]);
  });
});
