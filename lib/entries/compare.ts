import type { RunSnapshot } from "./types";

export type ResultDifference = { budget: number; previous: number; current: number; points: number };

/**
 * For a verified run, how each budget's test accuracy moved against the same entry's previous
 * verified run with the same data limits (a re-verification shows this beside the old result).
 */
export function differenceFromPrevious(run: RunSnapshot, runs: readonly RunSnapshot[]): { previousRunId: string; differences: ResultDifference[] } | null {
  if (run.state !== "verified" || !run.finishedAt) return null;
  const previous = runs
    .filter(
      (other) =>
        other.id !== run.id &&
        other.state === "verified" &&
        other.finishedAt !== null &&
        other.finishedAt < run.finishedAt! &&
        other.trainLimit === run.trainLimit,
    )
    .sort((a, b) => (a.finishedAt! < b.finishedAt! ? 1 : -1))[0];
  if (!previous) return null;
  const differences = run.results.flatMap((result) => {
    const before = previous.results.find((other) => other.budget === result.budget);
    return before
      ? [{ budget: result.budget, previous: before.testAccuracy, current: result.testAccuracy, points: (result.testAccuracy - before.testAccuracy) * 100 }]
      : [];
  });
  return { previousRunId: previous.id, differences };
}
