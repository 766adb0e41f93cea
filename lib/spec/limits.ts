/** The limits of docs/spec.md. Each violation is an issue naming the field and the limit. */
import { type SpecIssue, issueAt } from "./issues";
import type { Layer } from "./schema";
import type { ModelAnalysis } from "./shapes";
import { type RunTimeEstimate, REFERENCE_MACHINE, formatDuration } from "./estimate";

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

export function runTimeIssues(estimate: RunTimeEstimate): SpecIssue[] {
  return estimate.budgets
    .filter((budget) => budget.seconds > LIMITS.secondsPerBudget)
    .map((budget) =>
      issueAt(
        "budgets",
        `the ${budget.budget}-epoch budget would take about ${formatDuration(budget.seconds)} on ${REFERENCE_MACHINE}; the limit is ${formatDuration(LIMITS.secondsPerBudget)} per budget (drop that budget or make the model smaller)`,
      ),
    );
}
