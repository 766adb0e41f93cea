import { expect, test } from "vitest";
import { runFraction, secondsLeft, type RunProgress } from "./run-progress";

const progress = (overrides: Partial<RunProgress>): RunProgress => ({
  epochsDone: 0,
  epochsTotal: 20,
  runEpochs: 20,
  epoch: 1,
  step: 0,
  steps: 100,
  budgetsDone: [],
  etaSeconds: null,
  updatedAt: "2026-01-01T00:00:00.000Z",
  ...overrides,
});

test("the progress bar counts finished epochs plus the part of the epoch in training", () => {
  expect(runFraction({ state: "running", progress: progress({ epochsDone: 4, epoch: 5, step: 50 }) })).toBeCloseTo(4.5 / 20);
  expect(runFraction({ state: "queued", progress: null })).toBe(0);
  expect(runFraction({ state: "verified", progress: progress({ epochsDone: 19 }) })).toBe(1);
});

test("the ETA counts down from when the worker wrote it, never below zero", () => {
  const written = Date.parse("2026-01-01T00:00:00.000Z");
  expect(secondsLeft(progress({ etaSeconds: 120 }), written + 30_000)).toBe(90);
  expect(secondsLeft(progress({ etaSeconds: 10 }), written + 30_000)).toBe(0);
  expect(secondsLeft(progress({ etaSeconds: null }), written)).toBeNull();
});
