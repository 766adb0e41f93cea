import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { creditLine, type Budget, type Credit } from "./format";

/** A historical, self-reported result: shown apart from the ranking, never ranked. */
export type ReportedResult = {
  kind: "reported";
  participant: string;
  /** The entry that reproduces it, when there is one on the boards. */
  entryId: string | null;
  entryName: string | null;
  accuracy: number;
  credit: Credit;
  creditText: string;
  /** The day it was reported (YYYY-MM-DD), when known. */
  reportedOn: string | null;
  /** Where it was reported: a description or an address. */
  source: string;
};

type Row = {
  participant: string;
  entry_id: string | null;
  entry_name: string | null;
  accuracy: number;
  at5: number | null;
  at20: number | null;
  at50: number | null;
  reported_on: string | null;
  source: string;
};

/** A board's reported results, best first. One tied to a hidden or withdrawn entry stays (it is the participant's claim) but neither names nor links the entry. */
export async function getReported(budget: Budget): Promise<ReportedResult[]> {
  const { rows } = await getDb().execute<Row>(sql`
    select rr.participant, e.id::text as entry_id, e.name as entry_name, rr.accuracy, rr.reported_on, rr.source,
      (select x.accuracy from reported_results x where x.participant = rr.participant and x.budget = 5) as at5,
      (select x.accuracy from reported_results x where x.participant = rr.participant and x.budget = 20) as at20,
      (select x.accuracy from reported_results x where x.participant = rr.participant and x.budget = 50) as at50
    from reported_results rr
    left join entries e on e.id = rr.entry_id and not e.hidden and e.withdrawn_at is null
    where rr.budget = ${budget}
    order by rr.accuracy desc, rr.participant
  `);
  return rows.map((row) => {
    const credit: Credit = [row.at5, row.at20, row.at50];
    return {
      kind: "reported",
      participant: row.participant,
      entryId: row.entry_id,
      entryName: row.entry_name,
      accuracy: row.accuracy,
      credit,
      creditText: creditLine(row.participant, credit),
      reportedOn: row.reported_on,
      source: row.source,
    };
  });
}
