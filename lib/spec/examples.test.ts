import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { checkSpec } from "./check";
import { EXAMPLES, SEAN_SPEC } from "./examples";
import { MEMORY_HOG } from "@/tests/spec-corpus";

const ROOT = path.resolve(import.meta.dirname, "../..");
const EXAMPLES_DIR = path.join(ROOT, "lib/spec/examples");

/** Runs `npm run spec -- check FILE` (tsx scripts/spec.ts) and returns its exit code and output. */
async function specCheck(file: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/spec.ts", "check", file], { cwd: ROOT });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "" };
  }
}

describe("the shipped examples", () => {
  it("are one per file, each listed once", () => {
    const files = readdirSync(EXAMPLES_DIR).filter((name) => name.endsWith(".json"));
    expect(EXAMPLES.map((example) => `${example.slug}.json`).sort()).toEqual(files.sort());
  });

  it.each(EXAMPLES.map((example) => [example.slug, example] as const))("%s passes checkSpec", (_, example) => {
    const result = checkSpec(example.spec);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it("cover every layer type and the features issue 3 asks for", () => {
    const specs = EXAMPLES.map((example) => checkSpec(example.spec)).flatMap((result) => (result.ok ? [result] : []));
    const layerTypes = new Set(specs.flatMap((result) => result.analysis.layers.map((layer) => layer.type)));
    expect([...layerTypes].sort()).toEqual(
      ["activation", "avgpool", "batchnorm", "conv2d", "dense", "dropout", "flatten", "globalavgpool", "layernorm", "maxpool", "residual"].sort(),
    );
    const schedules = new Set(specs.map((result) => result.spec.schedule.type));
    expect(schedules).toEqual(new Set(["exponential", "constant", "step", "onecycle", "warmup"]));
    expect(new Set(specs.map((result) => result.spec.optimizer.type))).toEqual(new Set(["adam", "sgd", "adamw"]));
  });

  it("the small ResNet stays trainable: at most 60 MFLOPs per image", () => {
    const resnet = checkSpec(EXAMPLES.find((example) => example.slug === "small-resnet-onecycle")!.spec);
    expect(resnet.ok && resnet.analysis.flops).toBeLessThanOrEqual(60_000_000);
    expect(resnet.ok && resnet.analysis.sharedBudgets).toBe(false);
  });

  it("Sean's example is the first, as docs/spec.md writes it", () => {
    expect(EXAMPLES[0]!.spec).toBe(SEAN_SPEC);
    expect(SEAN_SPEC.schedule).toEqual({ type: "exponential", lr: 0.005, decayRate: 0.5, transitionSteps: 1850 });
  });
});

describe("npm run spec -- check", () => {
  it("prints the analysis and exits 0 for every example", async () => {
    const runs = await Promise.all(EXAMPLES.map((example) => specCheck(path.join(EXAMPLES_DIR, `${example.slug}.json`))));
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/valid spec/);
      expect(run.stdout).toMatch(/parameters\s+[\d,]+/);
      expect(run.stdout).toMatch(/estimated time on the reference machine/);
      expect(run.stdout).toMatch(/memory per step  about [\d.]+ [MG]B for training \(the limit is 8 GB\)/);
    }
    expect(runs[0]!.stdout).toMatch(/parameters\s+421,642/);
    expect(runs[0]!.stdout).toMatch(/model\.layers\.4\s+flatten\s+\[3136\]/);
  });

  it("prints the issues with their field and exits 1 for a broken spec", async () => {
    const directory = mkdtempSync(path.join(tmpdir(), "spec-check-"));
    const broken = path.join(directory, "broken.json");
    writeFileSync(broken, JSON.stringify({ ...SEAN_SPEC, data: { batchSize: 2 } }));
    const run = await specCheck(broken);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/invalid spec\n\s+data\.batchSize: must be at least 8, got 2/);
    const notJson = path.join(directory, "not.json");
    writeFileSync(notJson, "{ version: 1 }");
    const syntax = await specCheck(notJson);
    expect(syntax.code).toBe(1);
    expect(syntax.stdout).toMatch(/\(document\): invalid JSON at line 1, column 3/);
    const hog = path.join(directory, "hog.json");
    writeFileSync(hog, JSON.stringify(MEMORY_HOG));
    const memory = await specCheck(hog);
    expect(memory.code).toBe(1);
    expect(memory.stdout).toMatch(/invalid spec\n\s+model\.layers: training needs about 201 GB of memory per step at batch size 1024; the limit is 8 GB/);
  });
});
