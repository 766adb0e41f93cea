/** Keeps a claim's lease alive every lease/3 and says when the claim is gone (cancelled or taken over). */
import { runs } from "@/db/schema";
import { withTransaction } from "@/lib/runs/transaction";
import { heldBy, leaseFromNow, type RunClaim } from "@/lib/runs/transitions";
import { sql } from "drizzle-orm";
import { isConnectionError } from "./retry";

/** Extends the lease; false when the run is no longer this claim's. */
export async function renewLease(claim: RunClaim, leaseSeconds: number): Promise<boolean> {
  return withTransaction(async (tx) => {
    const renewed = await tx.db
      .update(runs)
      .set({ leaseExpiresAt: leaseFromNow(leaseSeconds), heartbeatAt: sql`now()` })
      .where(heldBy(claim))
      .returning({ id: runs.id });
    return renewed.length > 0;
  });
}

/**
 * Renews until stopped. A database that cannot be reached is not a lost claim: the lease may
 * lapse meanwhile, and the claim is lost only if another worker takes the run over first.
 */
export function startHeartbeat(claim: RunClaim, leaseSeconds: number, onLost: () => void): { stop(): void } {
  let stopped = false;
  const beat = async () => {
    try {
      if (!(await renewLease(claim, leaseSeconds)) && !stopped) {
        stopped = true;
        onLost();
      }
    } catch (error) {
      if (!isConnectionError(error)) console.error(`[worker] heartbeat for run ${claim.runId} failed:`, error);
    }
  };
  const timer = setInterval(() => void beat(), (leaseSeconds * 1000) / 3);
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
