/**
 * The queue is the `runs` table: a run is waiting exactly while its state is 'queued'. This module
 * says in which order workers take waiting runs, for the claim and for /queue alike.
 *
 * Higher priority first (participants' runs are 0, background work below). Within a priority,
 * round-robin by the entry's owner, so that one participant's runs cannot hold every worker: a
 * run's `round` is its owner's running runs plus its place among the owner's waiting ones; lower
 * rounds go first. Within a round, owners who join it now (turn 0) go before those already in the
 * rotation, then the owner whose latest run started longest ago, then the oldest run.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/lib/runs/transaction";
import { getDb, type Db } from "@/lib/db";

/** Every queued run with its position (1 is next), as a subquery with columns `id` and `position`. */
const QUEUE_ORDER: SQL = sql`
  WITH waiting AS (
    SELECT r.id, r.priority, r.queued_at, e.owner_id,
      row_number() OVER (PARTITION BY e.owner_id ORDER BY r.priority DESC, r.queued_at, r.id) - 1 AS turn
    FROM runs r JOIN entries e ON e.id = r.entry_id
    WHERE r.state = 'queued'
  ), owners AS (
    SELECT e.owner_id, count(*) FILTER (WHERE r.state = 'running') AS running, max(r.started_at) AS last_started
    FROM runs r JOIN entries e ON e.id = r.entry_id
    WHERE e.owner_id IN (SELECT owner_id FROM waiting)
    GROUP BY e.owner_id
  )
  SELECT w.id, row_number() OVER (
    ORDER BY w.priority DESC, o.running + w.turn, w.turn, o.last_started NULLS FIRST, w.queued_at, w.id
  ) AS position
  FROM waiting w JOIN owners o USING (owner_id)`;

/**
 * Locks the next queued run that no other transaction holds (SKIP LOCKED: racing workers each get
 * a different one) and returns its id, or null when none waits. The caller claims it in the same
 * transaction.
 */
export async function lockNextQueuedRun(tx: Tx): Promise<string | null> {
  const { rows } = await tx.db.execute<{ id: string }>(sql`
    SELECT r.id FROM runs r JOIN (${QUEUE_ORDER}) queue ON queue.id = r.id
    WHERE r.state = 'queued'
    ORDER BY queue.position
    LIMIT 1
    FOR UPDATE OF r SKIP LOCKED`);
  return rows[0]?.id ?? null;
}

/** The ids of every queued run in the order workers will take them (if no run finishes meanwhile). */
export async function queuedRunIdsInOrder(db: Db = getDb()): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(sql`SELECT id FROM (${QUEUE_ORDER}) queue ORDER BY position`);
  return rows.map((row) => row.id);
}
