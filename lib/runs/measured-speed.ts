/**
 * The speed this deployment's workers actually train at: for each recent verified run, its median
 * epoch time against the reference machine's estimate for its spec, and the median of those ratios
 * (a median, so that one run on a busy machine or a GPU does not swing it). Development runs train
 * on fewer images and are left out.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { entries, epochMetrics, runs } from "@/db/schema";
import { boardsGeneration } from "@/lib/boards/cache";
import { getDb } from "@/lib/db";
import { analyzeSpec } from "@/lib/spec/analyze";
import type { MeasuredSpeed } from "@/lib/spec/estimate";
import type { EntrySpec } from "@/lib/spec/schema";

/** Recent enough to follow a change of workers, enough to ignore one odd run. */
export const MEASURED_RUNS = 20;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The reference machine's estimated seconds per epoch for a stored spec, or null when it no longer analyses. */
function estimatedEpochSeconds(spec: unknown): number | null {
  try {
    const seconds = analyzeSpec(spec as EntrySpec).analysis.estimate.secondsPerEpoch;
    return seconds > 0 ? seconds : null;
  } catch {
    return null;
  }
}

type Remembered = { generation: number; speed: Promise<MeasuredSpeed | null> };
const SHARED = Symbol.for("catwalk.runs.measuredSpeed");
const holder = globalThis as { [SHARED]?: Remembered };

/**
 * The measured speed, read again only after a run was verified: the triggers that announce board
 * changes announce every verified run too (lib/boards/cache), so pages do not re-read it per request.
 */
export function measuredSpeed(): Promise<MeasuredSpeed | null> {
  const generation = boardsGeneration();
  if (generation === null) return readMeasuredSpeed();
  const remembered = holder[SHARED];
  if (remembered?.generation === generation) return remembered.speed;
  const speed = readMeasuredSpeed();
  holder[SHARED] = { generation, speed };
  speed.catch(() => holder[SHARED]?.speed === speed && delete holder[SHARED]);
  return speed;
}

/** The measured speed from the last `limit` verified full runs, or null before any such run finished. */
export async function readMeasuredSpeed(limit = MEASURED_RUNS): Promise<MeasuredSpeed | null> {
  const db = getDb();
  // The recent runs first, so that only their epochs are aggregated, however many runs the site has.
  const recent = db
    .select({ id: runs.id, entryId: runs.entryId, finishedAt: runs.finishedAt })
    .from(runs)
    .where(and(eq(runs.state, "verified"), isNull(runs.trainLimit)))
    .orderBy(desc(runs.finishedAt))
    .limit(limit)
    .as("recent");
  const rows = await db
    .select({ spec: entries.spec, epochSeconds: sql<number>`percentile_cont(0.5) within group (order by ${epochMetrics.seconds})` })
    .from(recent)
    .innerJoin(entries, eq(entries.id, recent.entryId))
    .innerJoin(epochMetrics, eq(epochMetrics.runId, recent.id))
    .groupBy(recent.id, entries.id);
  const ratios = rows.flatMap(({ spec, epochSeconds }) => {
    const estimate = estimatedEpochSeconds(spec);
    const measured = Number(epochSeconds);
    return estimate !== null && Number.isFinite(measured) && measured > 0 ? [measured / estimate] : [];
  });
  return ratios.length === 0 ? null : { factor: median(ratios), runs: ratios.length };
}
