/** Everything the form and the CLI show about a valid spec before it runs. */
import { type RunTimeEstimate, estimateRunTime, stepsPerEpoch, trainingBytesPerStep } from "./estimate";
import type { SpecIssue } from "./issues";
import { memoryIssues, runTimeIssues, sizeIssues, structureIssues } from "./limits";
import { sharesBudgets } from "./schedule";
import type { EntrySpec } from "./schema";
import { type ModelAnalysis, analyzeModel } from "./shapes";

export interface SpecAnalysis extends ModelAnalysis {
  stepsPerEpoch: number;
  /** Whether one run to the largest budget yields the smaller budgets as checkpoints (see `sharesBudgets`). */
  sharedBudgets: boolean;
  /** Estimated time on the reference machine: an estimate, not a measurement. */
  estimate: RunTimeEstimate;
  /** Estimated memory of one training step at the spec's batch size (see `trainingBytesPerStep`). */
  trainingBytesPerStep: number;
}

/** Analyses a normalised spec; the issues are shape errors or exceeded limits. */
export function analyzeSpec(spec: EntrySpec): { analysis: SpecAnalysis; issues: SpecIssue[] } {
  const { model, issues: shapeIssues } = analyzeModel(spec);
  const sharedBudgets = sharesBudgets(spec.schedule);
  const estimate = estimateRunTime(spec, model.flops, sharedBudgets);
  const analysis = {
    ...model,
    stepsPerEpoch: stepsPerEpoch(spec.data.batchSize),
    sharedBudgets,
    estimate,
    trainingBytesPerStep: trainingBytesPerStep(model.activations, model.params, spec.data.batchSize),
  };
  const issues = [...structureIssues(spec.model.layers), ...shapeIssues];
  if (shapeIssues.length === 0) {
    const tooLarge = sizeIssues(model);
    issues.push(...tooLarge, ...memoryIssues(spec, analysis.trainingBytesPerStep));
    // Time follows from size: only worth saying when the size is within limits.
    if (tooLarge.length === 0) issues.push(...runTimeIssues(spec, model.flops));
  }
  return { analysis, issues };
}
