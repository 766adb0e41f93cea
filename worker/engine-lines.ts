/** The engine's JSON-lines protocol (docs/spec.md, "The engine's command line and output"), checked on the way in. */
import { z } from "zod";

const count = z.number().int().nonnegative();

export const startLine = z.object({
  type: z.literal("start"),
  engineVersion: z.string(),
  torchVersion: z.string(),
  device: z.string(),
  threads: count,
  hardware: z.string(),
  specHash: z.string(),
  seed: z.number().int(),
  datasetChecksums: z.record(z.string(), z.string()),
  trainSize: count,
  testSize: count,
  /** What the checkpoints are measured on: the test set, or a development run's slice of the training set. */
  evaluation: z.enum(["test", "development"]),
  stepsPerEpoch: count,
  sharedBudgets: z.boolean(),
  plan: z.array(z.object({ epochs: count, budgets: z.array(count) })),
});

export const progressLine = z.object({ type: z.literal("progress"), runEpochs: count, epoch: count, step: count, steps: count });

export const epochLine = z.object({
  type: z.literal("epoch"),
  runEpochs: count,
  epoch: count,
  epochs: count,
  trainLoss: z.number(),
  trainAccuracy: z.number(),
  lr: z.number(),
  seconds: z.number(),
});

export const checkpointLine = z.object({
  type: z.literal("checkpoint"),
  budget: count,
  testAccuracy: z.number(),
  testLoss: z.number(),
  perClassAccuracy: z.array(z.number()).length(10),
  confusionMatrix: z.array(z.array(count).length(10)).length(10),
  seconds: z.number(),
  /** The most confident mistakes, index into the test set; empty for a development run. */
  misclassified: z.array(z.strictObject({ index: count, label: count.max(9), predicted: count.max(9) })).max(8),
});

export const doneLine = z.object({ type: z.literal("done"), wallSeconds: z.number() });

export const ENGINE_ERROR_KINDS = ["diverged", "timed_out", "out_of_memory", "invalid_spec", "dataset", "internal"] as const;

export const errorLine = z.object({
  type: z.literal("error"),
  kind: z.enum(ENGINE_ERROR_KINDS),
  message: z.string(),
  epoch: count.optional(),
  step: count.optional(),
  budget: count.optional(),
});

export const engineLine = z.discriminatedUnion("type", [startLine, progressLine, epochLine, checkpointLine, doneLine, errorLine]);

export type EngineLine = z.infer<typeof engineLine>;
export type StartLine = z.infer<typeof startLine>;
export type ProgressLine = z.infer<typeof progressLine>;
export type EpochLine = z.infer<typeof epochLine>;
export type CheckpointLine = z.infer<typeof checkpointLine>;
export type ErrorLine = z.infer<typeof errorLine>;

/** One stdout line as a protocol message, or an explanation of why it is not one. */
export function parseEngineLine(text: string): { line: EngineLine } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: `not JSON: ${text.slice(0, 200)}` };
  }
  const parsed = engineLine.safeParse(value);
  if (!parsed.success) return { problem: `not a protocol line (${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}): ${text.slice(0, 200)}` };
  return { line: parsed.data };
}
