/**
 * `npm run reproduce`'s judgement: which recorded run to reproduce, and how each budget's result
 * compares with it: identical, within noise (the 95 % interval the boards show) or different.
 */
import { z } from "zod";
import { ci95Points } from "@/lib/boards/format";
import type { StartLine } from "@/worker/engine-lines";

const recordedRun = z.object({
  id: z.string(),
  state: z.string(),
  reason: z.string(),
  trainLimit: z.number().nullable(),
  finishedAt: z.string().nullable(),
  results: z.array(z.object({ budget: z.number(), testAccuracy: z.number(), testLoss: z.number() })),
  reproducibility: z.object({
    specHash: z.string().nullable(),
    seed: z.number().nullable(),
    engineVersion: z.string().nullable(),
    torchVersion: z.string().nullable(),
    device: z.string().nullable(),
    threads: z.number().nullable(),
    hardware: z.string().nullable(),
  }),
});

/** What GET /api/entries/[id] answers, as far as reproducing needs it. */
export const publicEntry = z.object({
  id: z.string(),
  name: z.string(),
  specHash: z.string(),
  spec: z.record(z.string(), z.unknown()),
  owner: z.object({ name: z.string() }),
  runs: z.array(recordedRun),
});

export type PublicEntry = z.infer<typeof publicEntry>;
export type RecordedRun = z.infer<typeof recordedRun>;
/** The extra-seed runs' reason (lib/runs/extra-seeds.ts): they feed the spread, the ranked result is the entry's own seed. */
const EXTRA_SEED_REASON = "extra seed";

/**
 * The run to reproduce: `runId` when given, otherwise the ranked one, the latest verified full-data
 * run with the entry's own seed. A string says why there is none.
 */
export function recordedRunToReproduce(entry: PublicEntry, runId: string | null): RecordedRun | string {
  if (runId !== null) {
    const run = entry.runs.find((candidate) => candidate.id === runId);
    if (!run) return `the entry has no public run ${runId}`;
    return run.state === "verified" && run.trainLimit === null ? run : `run ${runId} is ${run.state}${run.trainLimit !== null ? " (a development run)" : ""}: only a verified full-data run has results to compare with`;
  }
  const ranked = entry.runs
    .filter((run) => run.state === "verified" && run.trainLimit === null && run.reason !== EXTRA_SEED_REASON)
    .sort((a, b) => (b.finishedAt ?? "").localeCompare(a.finishedAt ?? ""))[0];
  return ranked ?? "the entry has no verified result yet: there is nothing to compare with";
}

export type Verdict = "identical" | "within noise" | "differs";
export type BudgetComparison = { budget: number; recorded: number; reproduced: number | null; points: number | null; noise: number; verdict: Verdict };

/** Identical: the same accuracy and loss to the last bit. Within noise: within the recorded result's 95 % interval. */
export function compareBudget(budget: number, recorded: { testAccuracy: number; testLoss: number }, reproduced: { testAccuracy: number; testLoss: number } | undefined): BudgetComparison {
  const noise = ci95Points(recorded.testAccuracy);
  if (!reproduced) return { budget, recorded: recorded.testAccuracy, reproduced: null, points: null, noise, verdict: "differs" };
  const points = (reproduced.testAccuracy - recorded.testAccuracy) * 100;
  const identical = reproduced.testAccuracy === recorded.testAccuracy && reproduced.testLoss === recorded.testLoss;
  return { budget, recorded: recorded.testAccuracy, reproduced: reproduced.testAccuracy, points, noise, verdict: identical ? "identical" : Math.abs(points) <= noise ? "within noise" : "differs" };
}

const percent = (fraction: number) => (fraction * 100).toFixed(2);
const signed = (points: number) => `${points >= 0 ? "+" : "−"}${Math.abs(points).toFixed(2)}`;

export function describeComparison(comparison: BudgetComparison): string {
  const head = `budget ${comparison.budget}: recorded ${percent(comparison.recorded)}`;
  if (comparison.reproduced === null || comparison.points === null) return `${head}, no reproduced result — differs`;
  const verdict = comparison.verdict === "identical" ? "identical" : `${comparison.verdict} (Δ ${signed(comparison.points)} points; the 95 % interval is ±${comparison.noise.toFixed(2)})`;
  return `${head}, reproduced ${percent(comparison.reproduced)} — ${verdict}`;
}

/** Where this machine's run differs from the recorded one in what changes the last bits of a result. */
export function environmentNotes(recorded: RecordedRun["reproducibility"], here: StartLine, entrySpecHash: string): string[] {
  const notes: string[] = [];
  const differs = (what: string, then: string | number | null, now: string | number) => {
    if (then !== null && then !== now) notes.push(`${what} differs: recorded ${then}, here ${now}`);
  };
  differs("engine version", recorded.engineVersion, here.engineVersion);
  differs("torch", recorded.torchVersion, here.torchVersion);
  differs("device", recorded.device, here.device);
  differs("threads", recorded.threads, here.threads);
  differs("seed", recorded.seed, here.seed);
  if (here.specHash !== entrySpecHash) notes.push(`spec hash differs: the entry's is ${entrySpecHash}, the engine read ${here.specHash}`);
  if (recorded.hardware && recorded.hardware !== here.hardware) notes.push(`hardware: recorded on ${recorded.hardware}, here ${here.hardware}`);
  return notes;
}
