import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import type { Budget } from "./format";
import { isoTime, rankableRunSql } from "./rankable";

/** A verified ranked result that beat the best one before it on its board. */
export type BoardRecord = {
  participant: string;
  entryId: string;
  entryName: string;
  runId: string;
  accuracy: number;
  setAt: string;
};

/** Walks results in time order and keeps those that beat every earlier one (an equal result is no record). */
export function recordsFrom(results: readonly BoardRecord[]): BoardRecord[] {
  const records: BoardRecord[] = [];
  for (const result of [...results].sort((a, b) => a.setAt.localeCompare(b.setAt))) {
    const best = records.at(-1);
    if (!best || result.accuracy > best.accuracy) records.push(result);
  }
  return records;
}

type Row = { participant: string; entry_id: string; entry_name: string; run_id: string; accuracy: number; finished_at: string };

/**
 * The record's progression on a board: every ranked result ever verified for the budget (each
 * run, re-verifications included, as it stood when it finished) of entries still on the boards.
 */
export async function getRecords(budget: Budget): Promise<BoardRecord[]> {
  const { rows } = await getDb().execute<Row>(sql`
    select u.name as participant, e.id::text as entry_id, e.name as entry_name, r.id::text as run_id,
      br.test_accuracy as accuracy, r.finished_at
    from budget_results br
    join runs r on r.id = br.run_id
    join entries e on e.id = r.entry_id
    join users u on u.id = e.owner_id
    where br.budget = ${budget} and r.finished_at is not null and ${rankableRunSql("r", "e")}
    order by r.finished_at, r.id
  `);
  return recordsFrom(
    rows.map((row) => ({
      participant: row.participant,
      entryId: row.entry_id,
      entryName: row.entry_name,
      runId: row.run_id,
      accuracy: row.accuracy,
      setAt: isoTime(row.finished_at)!,
    })),
  );
}
