/** Takes the next verification job and moves its run to running, in one transaction. */
import { isUuid } from "@/lib/runs/run-options";
import { takeVerificationJob } from "@/lib/queue";
import { withTransaction } from "@/lib/runs/transaction";
import { claimRun, type RunClaim } from "@/lib/runs/transitions";

/**
 * The next queued run, now running under `workerId`'s lease, or null when no job waits. A job
 * whose run is no longer queued (cancelled meanwhile, say) is consumed and skipped.
 */
export async function claimNextRun(workerId: string, leaseSeconds: number): Promise<RunClaim | null> {
  for (;;) {
    const result = await withTransaction(async (tx) => {
      const job = await takeVerificationJob(tx);
      if (!job) return "no job" as const;
      if (!isUuid(job.runId)) return "stale" as const;
      return (await claimRun(tx, job.runId, workerId, leaseSeconds)) ?? ("stale" as const);
    });
    if (result === "no job") return null;
    if (result !== "stale") return result;
  }
}
