/** After a run is verified: its entry's extra seeds when it made a board's top ranks (lib/runs/extra-seeds.ts). */
import { queueExtraSeedsIfTopRanked } from "@/lib/runs/extra-seeds";

/**
 * Never fails the run it follows: the result is already recorded, and an admin can still ask for
 * the seeds from the entry page when this could not queue them.
 */
export async function queueExtraSeedsAfter(runId: string, log: (message: string) => void): Promise<void> {
  try {
    const queued = await queueExtraSeedsIfTopRanked(runId);
    if (queued && queued.runIds.length > 0) log(`a top result: queued extra seeds ${queued.seeds.filter((seed) => !queued.skipped.includes(seed)).join(", ")}`);
  } catch (error) {
    log(`could not queue the extra seeds: ${String(error)}`);
  }
}
