import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { developmentRunSql } from "@/lib/entries/development-run";
import { ci95Points, creditLine, type Budget, type Credit } from "./format";

export type BoardRow = {
  rank: number;
  /** "reported": a historical, self-reported result, not verified by Catwalk. */
  kind: "verified" | "reported";
  participant: string;
  participantId: string | null;
  entryId: string | null;
  entryName: string | null;
  runId: string | null;
  accuracy: number;
  ci95: number;
  credit: Credit;
  creditText: string;
  finishedAt: string | null;
  source: string | null;
};

export type Board = { budget: Budget; rows: BoardRow[] };

type Row = {
  kind: "verified" | "reported";
  participant: string;
  participant_id: string | null;
  entry_id: string | null;
  entry_name: string | null;
  run_id: string | null;
  accuracy: number;
  /** drizzle hands timestamps in raw queries back as PostgreSQL's text. */
  finished_at: string | null;
  at5: number | null;
  at20: number | null;
  at50: number | null;
  source: string | null;
};

function isoTime(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/**
 * One board in one query: for each visible entry, its latest verified run that has a result for
 * the budget and is not a development run, beside the reported (self-reported, historical)
 * results; the credit shows the entry's latest such result at 5/20/50. Development runs are never
 * on a board. A reported result tied to a hidden entry stays (it is the participant's claim) but
 * neither names nor links the entry.
 */
export async function getBoard(budget: Budget): Promise<Board> {
  const { rows } = await getDb().execute<Row>(sql`
    with latest_full as (
      select distinct on (r.entry_id, br.budget)
        r.entry_id, br.budget, br.test_accuracy, r.id as run_id, r.finished_at
      from budget_results br
      join runs r on r.id = br.run_id
      join entries e on e.id = r.entry_id
      where r.state = 'verified' and not (${sql.raw(developmentRunSql("r"))}) and not e.hidden
      order by r.entry_id, br.budget, r.finished_at desc nulls last, r.queued_at desc, r.id desc
    )
    select 'verified' as kind, u.name as participant, u.id::text as participant_id,
      e.id::text as entry_id, e.name as entry_name, b.run_id::text as run_id, b.test_accuracy as accuracy, b.finished_at,
      c5.test_accuracy as at5, c20.test_accuracy as at20, c50.test_accuracy as at50, null as source
    from latest_full b
    join entries e on e.id = b.entry_id
    join users u on u.id = e.owner_id
    left join latest_full c5 on c5.entry_id = b.entry_id and c5.budget = 5
    left join latest_full c20 on c20.entry_id = b.entry_id and c20.budget = 20
    left join latest_full c50 on c50.entry_id = b.entry_id and c50.budget = 50
    where b.budget = ${budget}
    union all
    select 'reported', rr.participant, null, e.id::text, e.name, null, rr.accuracy, null,
      (select x.accuracy from reported_results x where x.participant = rr.participant and x.budget = 5),
      (select x.accuracy from reported_results x where x.participant = rr.participant and x.budget = 20),
      (select x.accuracy from reported_results x where x.participant = rr.participant and x.budget = 50),
      rr.source
    from reported_results rr
    left join entries e on e.id = rr.entry_id and not e.hidden
    where rr.budget = ${budget}
    order by accuracy desc, kind desc, finished_at asc nulls last, participant
  `);

  return {
    budget,
    rows: rows.map((row, index) => {
      const credit: Credit = [row.at5, row.at20, row.at50];
      return {
        rank: index + 1,
        kind: row.kind,
        participant: row.participant,
        participantId: row.participant_id,
        entryId: row.entry_id,
        entryName: row.entry_name,
        runId: row.run_id,
        accuracy: row.accuracy,
        ci95: ci95Points(row.accuracy),
        credit,
        creditText: creditLine(row.participant, credit),
        finishedAt: isoTime(row.finished_at),
        source: row.source,
      };
    }),
  };
}

export async function getBoards(): Promise<Board[]> {
  return [await getBoard(5), await getBoard(20), await getBoard(50)];
}
