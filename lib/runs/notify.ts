import type { RunState } from "@/db/schema";
import type { Tx } from "./transaction";

/** The NOTIFY channel every run change is announced on. */
export const RUN_CHANNEL = "catwalk_runs";

/**
 * `transition`: the run changed state; `progress`: a running run recorded progress, an epoch or a
 * result; `resync`: the listener reconnected and re-read the state (notifications may have been missed).
 */
export type RunChangeKind = "transition" | "progress" | "resync";

export interface RunChange {
  runId: string;
  state: RunState;
  kind: RunChangeKind;
}

/** Queues a notification that PostgreSQL delivers when (and only if) the transaction commits. */
export async function notifyRunChange(tx: Tx, change: RunChange): Promise<void> {
  await tx.client.query("SELECT pg_notify($1, $2)", [RUN_CHANNEL, JSON.stringify(change)]);
}
