import type PgBoss from "pg-boss";
import type { Tx } from "@/lib/runs/transaction";
import { getBoss } from "./boss";
import { VERIFICATION_QUEUE } from "./queues";

export interface VerificationJob {
  id: string;
  runId: string;
}

/** pg-boss runs its SQL on the caller's transaction, so the job exists exactly when the transaction commits. */
function onTransaction(tx: Tx): PgBoss.Db {
  return { executeSql: (text, values) => tx.client.query(text, values) };
}

/** Enqueues a verification job for `runId` inside the caller's transaction. */
export async function enqueueVerification(tx: Tx, runId: string): Promise<string> {
  const boss = await getBoss();
  // pg-boss deletes jobs left waiting past their retention (14 days by default); a queued run must keep its job.
  const jobId = await boss.send(VERIFICATION_QUEUE, { runId }, { db: onTransaction(tx), retentionDays: 365 });
  if (!jobId) throw new Error(`pg-boss did not enqueue a verification job for run ${runId}`);
  return jobId;
}

/**
 * Takes the oldest waiting job inside the caller's transaction (FOR UPDATE SKIP LOCKED, so racing
 * workers never take the same one) and marks it done there too: the claim and the job's completion
 * commit or vanish together, so a worker that dies mid-claim leaves the job waiting.
 */
export async function takeVerificationJob(tx: Tx): Promise<VerificationJob | null> {
  const boss = await getBoss();
  const db = onTransaction(tx);
  const [job] = await boss.fetch<{ runId?: unknown }>(VERIFICATION_QUEUE, { batchSize: 1, db });
  if (!job) return null;
  await boss.complete(VERIFICATION_QUEUE, job.id, {}, { db });
  return { id: job.id, runId: typeof job.data.runId === "string" ? job.data.runId : "" };
}
