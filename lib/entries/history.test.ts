import { describe, expect, test } from "vitest";
import { accuracyDifference } from "./compare";
import { requesterLabel, resultsBySeed, runHistory, seedLabel } from "./history";
import type { RunSnapshot } from "./types";

let clock = 0;
/** A run as the read model returns it; `finished` orders runs in time. */
function run(id: string, options: Partial<RunSnapshot> & { accuracy?: Record<number, number>; seed?: number } = {}): RunSnapshot {
  clock += 1;
  const at = new Date(Date.UTC(2026, 11, 1, 0, clock)).toISOString();
  const { accuracy = { 5: 0.9 }, seed = 42, ...rest } = options;
  return {
    id,
    entryId: "entry",
    state: "verified",
    budgets: Object.keys(accuracy).map(Number),
    reason: "submission",
    requestedBy: null,
    seedOverride: null,
    trainLimit: null,
    attempt: 1,
    maxAttempts: 3,
    workerId: null,
    queuedAt: at,
    startedAt: at,
    finishedAt: at,
    wallSeconds: 1,
    totalEpochs: 5,
    sharedBudgets: true,
    progress: null,
    logTail: null,
    epochs: [],
    results: Object.entries(accuracy).map(([budget, testAccuracy]) => ({ budget: Number(budget), testAccuracy, testLoss: 0.3, perClassAccuracy: [], confusionMatrix: [], seconds: 1, misclassified: [] })),
    events: [],
    reproducibility: { specHash: null, seed: options.seedOverride ?? seed, engineVersion: null, torchVersion: null, device: null, threads: null, hardware: null, datasetChecksums: null },
    errorKind: null,
    error: null,
    ...rest,
  };
}

describe("the noise of a difference", () => {
  test("two accuracies near 91% on 10,000 images differ by chance up to about 0.56 points", () => {
    const small = accuracyDifference(5, 0.91, 0.913);
    expect(small.points).toBeCloseTo(0.3, 10);
    expect(small.noise).toBeCloseTo(Math.hypot(0.5609, 0.5516), 2);
    expect(small.beyondNoise).toBe(false);
    const large = accuracyDifference(5, 0.91, 0.899);
    expect(large.points).toBeCloseTo(-1.1, 10);
    expect(large.beyondNoise).toBe(true);
  });

  test("the development slice's 2,000 images are noisier: the same gap is within its noise", () => {
    expect(accuracyDifference(5, 0.85, 0.866, 2_000).beyondNoise).toBe(false);
    expect(accuracyDifference(5, 0.85, 0.866).beyondNoise).toBe(true);
  });
});

describe("the re-verification history", () => {
  const original = run("original", { accuracy: { 5: 0.9, 20: 0.91 } });
  const failed = run("failed", { state: "failed", finishedAt: null, results: [], reason: "engine upgrade", requestedBy: { id: "a", name: "Root" } });
  const extraSeed = run("seed-7", { seedOverride: 7, reason: "extra seed", accuracy: { 5: 0.88, 20: 0.9 } });
  const reverified = run("again", { reason: "engine upgrade", requestedBy: { id: "a", name: "Root" }, accuracy: { 5: 0.9, 20: 0.925 } });
  const history = runHistory([reverified, extraSeed, failed, original]);

  test("each run says who asked, why, its seed and its result per budget, numbered from the first", () => {
    expect(history.map((row) => [row.number, row.run.id, row.requester, row.run.reason, row.seed])).toEqual([
      [4, "again", "Root", "engine upgrade", "seed 42"],
      [3, "seed-7", "system", "extra seed", "seed 7 (extra seed)"],
      [2, "failed", "Root", "engine upgrade", "seed 42"],
      [1, "original", "submission", "submission", "seed 42"],
    ]);
    expect(history[0]!.accuracy.get(20)).toBe(0.925);
    expect(history[2]!.accuracy.size).toBe(0);
  });

  test("a re-verification is compared with the previous verified run of its seed and flagged beyond the noise", () => {
    const differences = history[0]!.differences!;
    expect(differences.map((d) => [d.budget, Number(d.points.toFixed(2)), d.beyondNoise])).toEqual([
      [5, 0, false],
      [20, 1.5, true],
    ]);
    // The extra seed is its own experiment: nothing earlier with seed 7, so no difference; nor for a failed run or the first.
    expect(history[1]!.differences).toBeNull();
    expect(history[2]!.differences).toBeNull();
    expect(history[3]!.differences).toBeNull();
  });

  test("each seed's latest verified result, the spec's seed first", () => {
    expect(resultsBySeed([reverified, extraSeed, failed, original]).map((row) => [row.seed, row.extra, row.runId, row.accuracy.get(5)])).toEqual([
      [42, false, "again", 0.9],
      [7, true, "seed-7", 0.88],
    ]);
  });

  test("labels for who asked and for the seed", () => {
    expect(requesterLabel({ requestedBy: null, reason: "retry" })).toBe("system");
    expect(seedLabel(run("x", { seedOverride: null, reproducibility: { ...original.reproducibility, seed: null } }))).toBeNull();
  });
});
