/**
 * An estimate of training time on the reference machine (2 CPU cores, PyTorch), from the
 * forward FLOPs per image: a training step costs about 3 forward passes, sustained at
 * 100 GFLOP/s, plus a fixed ~1.8 ms per optimiser step for the work FLOPs do not count.
 * Fitted to the engine's benchmark on 2 Xeon cores (npm run bench:engine): Sean's model
 * 19.1 s/epoch (8.57 MFLOPs/image, 1,875 steps), the small ResNet 35.3 s/epoch (18.8
 * MFLOPs/image, 469 steps). An estimate, not a promise: memory-bound layers (norms,
 * pools) run slower than their FLOPs suggest.
 */
import { formatDuration } from "@/lib/text/duration";
import type { EntrySpec } from "./schema";

export const TRAIN_IMAGES = 60_000;
export const TEST_IMAGES = 10_000;
/**
 * A development run (trainLimit N) trains on the first N training images and is evaluated
 * on the last DEV_EVAL_IMAGES training images, never on the test set (worker/engine/data.py).
 */
export const DEV_EVAL_IMAGES = 2_000;
export const DEV_TRAIN_LIMIT_MAX = TRAIN_IMAGES - DEV_EVAL_IMAGES;
export const REFERENCE_FLOPS_PER_SECOND = 100e9;
/** Forward plus backward costs about three forward passes. */
export const TRAINING_FLOPS_FACTOR = 3;
const SECONDS_PER_STEP_OVERHEAD = 1.8e-3;

export const REFERENCE_MACHINE = "the reference machine (2 CPU cores, PyTorch)";

export interface BudgetEstimate {
  budget: number;
  /** Training the budget's epochs from scratch plus evaluating the test set once. */
  seconds: number;
}

export interface RunTimeEstimate {
  secondsPerEpoch: number;
  /** Evaluating the 10,000 test images once (twice the work with test-time flips). */
  evaluationSeconds: number;
  budgets: BudgetEstimate[];
  /** The whole verification: one run to the largest budget when budgets are shared, else every budget's own run. */
  totalSeconds: number;
}

/** The FLOPs-bound part of an epoch: what the run-time limit is judged on. */
export function computeSecondsPerEpoch(flopsPerImage: number): number {
  return (TRAIN_IMAGES * TRAINING_FLOPS_FACTOR * flopsPerImage) / REFERENCE_FLOPS_PER_SECOND;
}

export function stepsPerEpoch(batchSize: number): number {
  return Math.ceil(TRAIN_IMAGES / batchSize);
}

export function estimateRunTime(spec: Pick<EntrySpec, "budgets" | "data">, flopsPerImage: number, sharedBudgets: boolean): RunTimeEstimate {
  const secondsPerEpoch = stepsPerEpoch(spec.data.batchSize) * SECONDS_PER_STEP_OVERHEAD + computeSecondsPerEpoch(flopsPerImage);
  const evaluationSeconds = (TEST_IMAGES * flopsPerImage * (spec.data.testTimeFlip ? 2 : 1)) / REFERENCE_FLOPS_PER_SECOND;
  const budgets = spec.budgets.map((budget) => ({ budget, seconds: budget * secondsPerEpoch + evaluationSeconds }));
  const largest = Math.max(...spec.budgets);
  const totalSeconds = sharedBudgets
    ? largest * secondsPerEpoch + budgets.length * evaluationSeconds
    : budgets.reduce((sum, budget) => sum + budget.seconds, 0);
  return { secondsPerEpoch, evaluationSeconds, budgets, totalSeconds };
}

/** `57 s`, `14 min`, `3.2 h`. */

export const BYTES_PER_FLOAT = 4;
/** A parameter's value, its gradient and up to two optimizer moments (Adam's). */
export const COPIES_PER_PARAMETER = 4;

/**
 * Memory one training step needs, in bytes: the batch's input and the activations autograd
 * keeps for backward (`activationsPerImage`, the input included), plus every parameter's
 * value, gradient and optimizer state.
 */
export function trainingBytesPerStep(activationsPerImage: number, params: number, batchSize: number): number {
  return BYTES_PER_FLOAT * (batchSize * activationsPerImage + COPIES_PER_PARAMETER * params);
}

/** `18 MB`, `2.5 GB`, `201 GB` (decimal units). */
export function formatMemory(bytes: number): string {
  if (bytes < 1e9) return `${Math.max(1, Math.round(bytes / 1e6))} MB`;
  const gigabytes = bytes / 1e9;
  return gigabytes < 10 ? `${Number(gigabytes.toFixed(1))} GB` : `${Math.round(gigabytes)} GB`;
}

/**
 * How fast this deployment's workers really train, relative to the reference machine's estimate:
 * `factor` 3 means epochs took three times the estimate (lib/runs/measured-speed.ts measures it).
 */
export interface MeasuredSpeed {
  factor: number;
  /** How many recent verified runs the factor comes from. */
  runs: number;
}

/**
 * An estimate in words: from the measured speed once there is one ("about 12 min on this site's
 * workers, from 5 recent runs"), else the nominal one on the reference machine.
 */
export function describeEstimate(nominalSeconds: number, speed: MeasuredSpeed | null | undefined): string {
  if (!speed) return `about ${formatDuration(nominalSeconds)} on ${REFERENCE_MACHINE}`;
  const runs = speed.runs === 1 ? "1 recent run" : `${speed.runs} recent runs`;
  return `about ${formatDuration(nominalSeconds * speed.factor)} on this site's workers, from ${runs}`;
}
