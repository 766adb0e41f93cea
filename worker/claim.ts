/** Takes the next queued run (lib/queue's order) and moves it to running, in one transaction. */
import { lockNextQueuedRun } from "@/lib/queue/order";
import { withTransaction } from "@/lib/runs/transaction";
import { claimRun, type RunClaim } from "@/lib/runs/transitions";

/** The next queued run, now running under `workerId`'s lease, or null when none waits. */
export async function claimNextRun(workerId: string, leaseSeconds: number): Promise<RunClaim | null> {
  return withTransaction(async (tx) => {
    const runId = await lockNextQueuedRun(tx);
    return runId ? claimRun(tx, runId, workerId, leaseSeconds) : null;
  });
}
