/** The entry page's re-verification history and per-seed results, computed from the runs a viewer may see. */
import { differenceFromPrevious, type ResultDifference } from "./compare";
import type { RunSnapshot } from "./types";

/** Who asked for a run: the admin or participant named on it, else the entry's submission or the system (extra seeds, retries). */
export function requesterLabel(run: Pick<RunSnapshot, "requestedBy" | "reason">): string {
  if (run.requestedBy) return run.requestedBy.name;
  return run.reason === "submission" ? "submission" : "system";
}

/** How the run's seed reads: an extra-seed run says so. */
export function seedLabel(run: Pick<RunSnapshot, "seedOverride" | "reproducibility">): string | null {
  if (run.seedOverride !== null) return `seed ${run.seedOverride} (extra seed)`;
  return run.reproducibility.seed === null ? null : `seed ${run.reproducibility.seed}`;
}

export type HistoryRow = {
  run: RunSnapshot;
  /** 1 for the entry's first run the viewer may see, counting up in the order they were queued. */
  number: number;
  requester: string;
  seed: string | null;
  accuracy: Map<number, number>;
  differences: ResultDifference[] | null;
};

/** Every run, newest first as given, with its result per budget and its difference from the previous verified run of its seed. */
export function runHistory(runs: readonly RunSnapshot[]): HistoryRow[] {
  return runs.map((run, index) => ({
    run,
    number: runs.length - index,
    requester: requesterLabel(run),
    seed: seedLabel(run),
    accuracy: new Map(run.results.map((result) => [result.budget, result.testAccuracy])),
    differences: differenceFromPrevious(run, runs)?.differences ?? null,
  }));
}

export type SeedResult = { seed: number; extra: boolean; runId: string; accuracy: Map<number, number> };

/** The latest verified full-data result of each seed the entry was trained with, the spec's own seed first. */
export function resultsBySeed(runs: readonly RunSnapshot[]): SeedResult[] {
  const bySeed = new Map<number, SeedResult>();
  const verified = runs.filter((run) => run.state === "verified" && run.trainLimit === null && run.finishedAt !== null);
  for (const run of [...verified].sort((a, b) => (a.finishedAt! < b.finishedAt! ? 1 : -1))) {
    const seed = run.seedOverride ?? run.reproducibility.seed;
    if (seed === null || bySeed.has(seed)) continue;
    bySeed.set(seed, { seed, extra: run.seedOverride !== null, runId: run.id, accuracy: new Map(run.results.map((result) => [result.budget, result.testAccuracy])) });
  }
  return [...bySeed.values()].sort((a, b) => Number(a.extra) - Number(b.extra) || a.seed - b.seed);
}
