/** Every worker periodically rescues runs whose worker stopped renewing its lease. */
import { and, asc, eq, lt, sql } from "drizzle-orm";
import { runs } from "@/db/schema";
import { getDb } from "@/lib/db";
import { withTransaction } from "@/lib/runs/transaction";
import { actor, takeOverExpiredRun, type TakeoverResult } from "@/lib/runs/transitions";

const BATCH = 20;

export async function listExpiredRunIds(limit = BATCH): Promise<string[]> {
  const rows = await getDb()
    .select({ id: runs.id })
    .from(runs)
    .where(and(eq(runs.state, "running"), lt(runs.leaseExpiresAt, sql`now()`)))
    .orderBy(asc(runs.leaseExpiresAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Requeues (or, out of attempts, fails) each expired run; another worker doing the same is skipped. */
export async function takeOverExpiredRuns(workerId: string): Promise<TakeoverResult[]> {
  const results: TakeoverResult[] = [];
  for (const runId of await listExpiredRunIds()) {
    const result = await withTransaction((tx) => takeOverExpiredRun(tx, runId, actor.worker(workerId)));
    if (result) results.push(result);
  }
  return results;
}
