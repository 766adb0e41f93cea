import { describe, expect, test } from "vitest";
import type { StartLine } from "./engine-lines";
import { parseEngineLine } from "./engine-lines";
import { ProgressTracker } from "./progress-tracker";

const start: StartLine = {
  type: "start",
  engineVersion: "1",
  torchVersion: "2.13.0",
  device: "cpu",
  threads: 1,
  hardware: "x",
  specHash: "h",
  seed: 1,
  datasetChecksums: {},
  trainSize: 256,
  testSize: 2_000,
  evaluation: "development",
  stepsPerEpoch: 4,
  sharedBudgets: false,
  plan: [
    { epochs: 5, budgets: [5] },
    { epochs: 20, budgets: [20] },
  ],
};

describe("ProgressTracker", () => {
  test("counts epochs across every training in the plan and estimates the rest at the pace so far", () => {
    let now = 0;
    const tracker = new ProgressTracker(() => now);
    tracker.onStart(start);
    expect(tracker.snapshot()).toMatchObject({ epochsDone: 0, epochsTotal: 25, etaSeconds: null });
    tracker.onProgress({ type: "progress", runEpochs: 5, epoch: 1, step: 1, steps: 4 });
    now = 500;
    tracker.onProgress({ type: "progress", runEpochs: 5, epoch: 1, step: 2, steps: 4 });
    // Half an epoch in 0.5 s: 24.5 epochs to go at 1 s each.
    expect(tracker.snapshot().etaSeconds).toBeCloseTo(24.5);
    tracker.onEpoch({ type: "epoch", runEpochs: 5, epoch: 1, epochs: 5, trainLoss: 1, trainAccuracy: 0.5, lr: 0.001, seconds: 2 });
    expect(tracker.snapshot()).toMatchObject({ epochsDone: 1, epoch: 1, etaSeconds: 48 });
    tracker.onCheckpoint({ type: "checkpoint", budget: 5, testAccuracy: 0.5, testLoss: 1, perClassAccuracy: Array(10).fill(0.5), confusionMatrix: [], seconds: 1, misclassified: [] });
    expect(tracker.snapshot().budgetsDone).toEqual([5]);
  });
});

describe("parseEngineLine", () => {
  test("accepts a protocol line and explains a malformed one", () => {
    expect(parseEngineLine('{"type":"done","wallSeconds":4.2}')).toEqual({ line: { type: "done", wallSeconds: 4.2 } });
    expect(parseEngineLine("Traceback (most recent call last):")).toMatchObject({ problem: expect.stringContaining("not JSON") });
    expect(parseEngineLine('{"type":"epoch","epoch":1}')).toMatchObject({ problem: expect.stringContaining("trainLoss") });
    expect(parseEngineLine('{"type":"error","kind":"on_fire","message":"x"}')).toMatchObject({ problem: expect.stringContaining("kind") });
  });
});
