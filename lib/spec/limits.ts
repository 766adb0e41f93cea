/** The limits of docs/spec.md. Each violation is an issue naming the field and the limit. */
import { type SpecIssue, issueAt } from "./issues";
import type { EntrySpec, Layer } from "./schema";
import type { ModelAnalysis } from "./shapes";
import { formatDuration } from "@/lib/text/duration";
import { REFERENCE_MACHINE, computeSecondsPerEpoch, formatMemory } from "./estimate";

export const LIMITS = {
  /** Every layer counts, residual blocks and the layers nested in them included. */
  layers: 64,
  residualDepth: 4,
  params: 20_000_000,
  flopsPerImage: 1_000_000_000,
  /** UTF-8 bytes of the spec's JSON text. */
  specBytes: 64 * 1024,
  /** Levels of nested JSON objects and arrays (the top-level object is level 1). */
  jsonDepth: 32,
  secondsPerBudget: 12 * 3600,
  /** Estimated memory of one training step (`trainingBytesPerStep`); the examples need at most 0.11 GB. */
  trainingBytesPerStep: 8_000_000_000,
} as const;

const count = (value: number): string => Math.round(value).toLocaleString("en-US");

function largestLayer(model: ModelAnalysis, key: "params" | "flops"): string {
  const top = model.layers.filter((layer) => layer.depth === 0);
  const largest = top.reduce((best, layer) => (layer[key] > best[key] ? layer : best), top[0]!);
  return `the largest is ${largest.path} (${largest.type}) with ${count(largest[key])}`;
}

/** Limits on the model's structure, checked on the layers as written. */
export function structureIssues(layers: readonly Layer[]): SpecIssue[] {
  const issues: SpecIssue[] = [];
  let layerCount = 0;
  const visit = (list: readonly Layer[], path: readonly PropertyKey[], depth: number): void => {
    list.forEach((layer, index) => {
      layerCount += 1;
      if (layer.type !== "residual") return;
      const here = [...path, index];
      // Reported once per chain, at the first block beyond the limit.
      if (depth === LIMITS.residualDepth) {
        issues.push(issueAt(here, `residual blocks are nested ${depth + 1} deep here; the limit is ${LIMITS.residualDepth}`));
      }
      visit(layer.body, [...here, "body"], depth + 1);
    });
  };
  visit(layers, ["model", "layers"], 0);
  if (layerCount > LIMITS.layers) {
    issues.push(issueAt("model.layers", `the model has ${layerCount} layers, counting residual blocks and the layers nested in them; the limit is ${LIMITS.layers}`));
  }
  return issues;
}

/** Limits on the model's size; shape inference must have succeeded. */
export function sizeIssues(model: ModelAnalysis): SpecIssue[] {
  const issues: SpecIssue[] = [];
  if (model.params > LIMITS.params) {
    issues.push(
      issueAt("model.layers", `the model has ${count(model.params)} parameters; the limit is ${count(LIMITS.params)} (${largestLayer(model, "params")})`),
    );
  }
  if (model.flops > LIMITS.flopsPerImage) {
    issues.push(
      issueAt(
        "model.layers",
        `the model takes ${count(model.flops)} FLOPs per image (forward); the limit is ${count(LIMITS.flopsPerImage)} (${largestLayer(model, "flops")})`,
      ),
    );
  }
  return issues;
}

/**
 * The run-time limit, judged on the compute part of the estimate (epochs × 60,000 images ×
 * 3 × FLOPs at 100 GFLOP/s), a rule that does not move with the fitted per-step overhead.
 */
export function runTimeIssues(spec: Pick<EntrySpec, "budgets">, flopsPerImage: number): SpecIssue[] {
  return spec.budgets
    .map((budget) => ({ budget, seconds: budget * computeSecondsPerEpoch(flopsPerImage) }))
    .filter(({ seconds }) => seconds > LIMITS.secondsPerBudget)
    .map(({ budget, seconds }) =>
      issueAt(
        "budgets",
        `the ${budget}-epoch budget needs about ${formatDuration(seconds)} of training on ${REFERENCE_MACHINE}; the limit is ${formatDuration(LIMITS.secondsPerBudget)} per budget (drop that budget or make the model smaller)`,
      ),
    );
}

/** The memory limit: activations grow with the batch, so the message names data.batchSize too. */
export function memoryIssues(spec: Pick<EntrySpec, "data">, bytes: number): SpecIssue[] {
  if (bytes <= LIMITS.trainingBytesPerStep) return [];
  return [
    issueAt(
      "model.layers",
      `training needs about ${formatMemory(bytes)} of memory per step at batch size ${spec.data.batchSize}; the limit is ${formatMemory(LIMITS.trainingBytesPerStep)} (use fewer filters, fewer layers or a smaller data.batchSize)`,
    ),
  ];
}
