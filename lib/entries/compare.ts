import { ci95Points, TEST_IMAGES } from "@/lib/boards/format";
import { DEV_EVAL_IMAGES } from "@/lib/spec/estimate";
import type { RunSnapshot } from "./types";

export type ResultDifference = {
  budget: number;
  previous: number;
  current: number;
  /** current − previous, in percentage points. */
  points: number;
  /** Half-width of the 95% interval of the difference of two independent accuracies, in points. */
  noise: number;
  /** |points| beyond the noise: more than two evaluations of the same model would differ by chance. */
  beyondNoise: boolean;
};

/** Two accuracies measured on `images` images each: their difference and whether it exceeds the combined 95% interval. */
export function accuracyDifference(budget: number, previous: number, current: number, images: number = TEST_IMAGES): ResultDifference {
  const points = (current - previous) * 100;
  const noise = Math.hypot(ci95Points(previous, images), ci95Points(current, images));
  return { budget, previous, current, points, noise, beyondNoise: Math.abs(points) > noise };
}

const seedOf = (run: RunSnapshot) => run.seedOverride ?? run.reproducibility.seed;

/**
 * For a verified run, how each budget's accuracy moved against the same entry's previous verified
 * run with the same data limits and the same seed: a re-verification shows this beside the old
 * result. An extra seed is a different experiment, compared only with earlier runs of its seed.
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
        other.trainLimit === run.trainLimit &&
        seedOf(other) === seedOf(run),
    )
    .sort((a, b) => (a.finishedAt! < b.finishedAt! ? 1 : -1))[0];
  if (!previous) return null;
  const images = run.trainLimit === null ? TEST_IMAGES : DEV_EVAL_IMAGES;
  const differences = run.results.flatMap((result) => {
    const before = previous.results.find((other) => other.budget === result.budget);
    return before ? [accuracyDifference(result.budget, before.testAccuracy, result.testAccuracy, images)] : [];
  });
  return { previousRunId: previous.id, differences };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * An entry named in the compare form: its id, or a link to its page (any host: only the id is
 * taken). Errors name the field, e.g. "b: …".
 */
export function parseEntryReference(field: "a" | "b", value: string | string[] | undefined): { ok: true; id: string } | { ok: false; message: string } {
  if (value === undefined || value === "") return { ok: false, message: `${field}: give an entry's id or a link to its page.` };
  if (Array.isArray(value)) return { ok: false, message: `${field}: give one entry, not ${value.length}.` };
  if (value.length > 2048) return { ok: false, message: `${field}: must be at most 2048 characters.` };
  const text = value.trim();
  let candidate = text;
  if (/^https?:\/\//i.test(text) || text.startsWith("/")) {
    const path = URL.canParse(text, "http://x") ? new URL(text, "http://x").pathname : "";
    candidate = /^\/entries\/([^/]+)/.exec(path)?.[1] ?? "";
  }
  const match = UUID.exec(candidate);
  if (!match || match[0].length !== candidate.length) return { ok: false, message: `${field}: not an entry id or an entry's link.` };
  return { ok: true, id: match[0].toLowerCase() };
}

/** The accuracy per budget the boards rank: the latest verified full-data run with the spec's own seed. */
export function rankedResults(runs: readonly RunSnapshot[]): { runId: string; accuracy: Map<number, number> } | null {
  const latest = runs
    .filter((run) => run.state === "verified" && run.trainLimit === null && run.seedOverride === null && run.finishedAt !== null)
    .sort((a, b) => (a.finishedAt! < b.finishedAt! ? 1 : -1))[0];
  return latest ? { runId: latest.id, accuracy: new Map(latest.results.map((result) => [result.budget, result.testAccuracy])) } : null;
}
