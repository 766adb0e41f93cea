import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { developmentRunSql } from "@/lib/runs/development-run";
import { ci95Points, creditLine, type Budget, type Credit } from "./format";
import { DEFAULT_BOARD_OPTIONS, type BoardOptions } from "./options";
import { isoTime, rankableRunSql } from "./rankable";
import { rankRows, sortRows, type Ranked } from "./ranking";
import { getRecords, type BoardRecord } from "./records";
import { getReported, type ReportedResult } from "./reported";

/** The spread of an entry's result across seeds: the ranked run and its extra-seed runs, the latest result per seed. */
export type SeedStats = { n: number; mean: number; sd: number };

export type BoardRow = {
  /** The accuracy rank, whatever order the rows are shown in. */
  rank: number;
  kind: "verified";
  participant: string;
  participantId: string;
  entryId: string;
  entryName: string;
  runId: string;
  accuracy: number;
  ci95: number;
  /** Its 95% interval overlaps the leader's: statistically tied with #1. */
  tiedWithLeader: boolean;
  /** Shown when the entry has results for at least two seeds. */
  seeds: SeedStats | null;
  credit: Credit;
  creditText: string;
  /** When the ranked run finished. */
  verifiedAt: string;
  params: number | null;
  flops: number | null;
};

/** Rows per page of a board (the page /boards/[budget] and the API). */
export const BOARD_PAGE_SIZE = 50;

export type Board = {
  budget: Budget;
  options: BoardOptions;
  /** Verified results only, ranked: the page asked for. */
  rows: BoardRow[];
  /** Ranked rows in this view, over every page. */
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** The #1 row's entry, whichever page is shown (each row links to a comparison with it). */
  leaderEntryId: string | null;
  /** Self-reported history, apart from the ranking. */
  reported: ReportedResult[];
  records: BoardRecord[];
};

type VerifiedRow = Omit<BoardRow, "rank" | "tiedWithLeader">;

/** Everything a board is made of, as read from the database; views (rows, sort, page) are cut from it in memory. */
export type BoardData = {
  budget: Budget;
  verified: VerifiedRow[];
  reported: ReportedResult[];
  records: BoardRecord[];
  /** Each view ranked and sorted once per reading of the data. */
  views: Map<string, BoardRow[]>;
};

type Row = {
  participant: string;
  participant_id: string;
  entry_id: string;
  entry_name: string;
  params: string | null;
  flops: string | null;
  run_id: string;
  accuracy: number;
  finished_at: string;
  at5: number | null;
  at20: number | null;
  at50: number | null;
  seed_count: number | null;
  seed_mean: number | null;
  seed_sd: number | null;
};

/**
 * For each entry on the boards, its ranked result for the budget: the latest rankable run (see
 * rankableRunSql) with a result for it; the credit shows the entry's latest such result at
 * 5/20/50. Seeds: the ranked run with the entry's extra-seed runs, the latest verified result per
 * seed actually used (runs.seed; an extra-seed run's override where a run did not record it).
 */
async function getVerifiedRows(budget: Budget): Promise<VerifiedRow[]> {
  const { rows } = await getDb().execute<Row>(sql`
    with latest_full as (
      select distinct on (r.entry_id, br.budget)
        r.entry_id, br.budget, br.test_accuracy, r.id as run_id, r.finished_at
      from budget_results br
      join runs r on r.id = br.run_id
      join entries e on e.id = r.entry_id
      where ${rankableRunSql("r", "e")}
      order by r.entry_id, br.budget, r.finished_at desc nulls last, r.queued_at desc, r.id desc
    ),
    credits as (
      select entry_id,
        max(test_accuracy) filter (where budget = 5) as at5,
        max(test_accuracy) filter (where budget = 20) as at20,
        max(test_accuracy) filter (where budget = 50) as at50
      from latest_full group by entry_id
    ),
    seeded as (
      select distinct on (r.entry_id, coalesce(r.seed, r.seed_override)) r.entry_id, br.test_accuracy
      from budget_results br
      join runs r on r.id = br.run_id
      join latest_full k on k.entry_id = r.entry_id and k.budget = br.budget
      where br.budget = ${budget} and r.state = 'verified' and not (${sql.raw(developmentRunSql("r"))})
        and (r.id = k.run_id or r.seed_override is not null)
      order by r.entry_id, coalesce(r.seed, r.seed_override), r.finished_at desc nulls last, r.id desc
    ),
    seed_stats as (
      select entry_id, count(*)::int as seed_count, avg(test_accuracy) as seed_mean, stddev_samp(test_accuracy) as seed_sd
      from seeded group by entry_id
    )
    select u.name as participant, u.id::text as participant_id, e.id::text as entry_id, e.name as entry_name,
      e.params, e.flops, b.run_id::text as run_id, b.test_accuracy as accuracy, b.finished_at,
      c.at5, c.at20, c.at50,
      s.seed_count, s.seed_mean, s.seed_sd
    from latest_full b
    join entries e on e.id = b.entry_id
    join users u on u.id = e.owner_id
    join credits c on c.entry_id = b.entry_id
    left join seed_stats s on s.entry_id = b.entry_id
    where b.budget = ${budget}
  `);
  return rows.map((row) => {
    const credit: Credit = [row.at5, row.at20, row.at50];
    const seeds = row.seed_count !== null && row.seed_count >= 2 ? { n: row.seed_count, mean: Number(row.seed_mean), sd: Number(row.seed_sd) } : null;
    return {
      kind: "verified" as const,
      participant: row.participant,
      participantId: row.participant_id,
      entryId: row.entry_id,
      entryName: row.entry_name,
      runId: row.run_id,
      accuracy: row.accuracy,
      ci95: ci95Points(row.accuracy),
      seeds,
      credit,
      creditText: creditLine(row.participant, credit),
      // Verified runs always have finished; the fallback only keeps a malformed row sortable.
      verifiedAt: isoTime(row.finished_at) ?? new Date(0).toISOString(),
      params: row.params === null ? null : Number(row.params),
      flops: row.flops === null ? null : Number(row.flops),
    };
  });
}

/** Reads a board's data from the database (the site reads it through lib/boards/cache). */
export async function loadBoardData(budget: Budget): Promise<BoardData> {
  const [verified, reported, records] = await Promise.all([getVerifiedRows(budget), getReported(budget), getRecords(budget)]);
  return { budget, verified, reported, records, views: new Map() };
}

function rankedView(data: BoardData, options: BoardOptions): BoardRow[] {
  const key = `${options.rows}:${options.sort}`;
  let rows = data.views.get(key);
  if (!rows) {
    rows = sortRows(rankRows(data.verified, options.rows) satisfies Ranked<VerifiedRow>[], options.sort);
    data.views.set(key, rows);
  }
  return rows;
}

/** One page of a board in the view asked for; a page past the end is the last one. */
export function boardPage(data: BoardData, options: BoardOptions = DEFAULT_BOARD_OPTIONS, page = 1, pageSize = BOARD_PAGE_SIZE): Board {
  const rows = rankedView(data, options);
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const shown = Math.min(Math.max(1, Math.floor(page)), pageCount);
  return {
    budget: data.budget,
    options,
    rows: rows.slice((shown - 1) * pageSize, shown * pageSize),
    total: rows.length,
    page: shown,
    pageCount,
    pageSize,
    leaderEntryId: rows.find((row) => row.rank === 1)?.entryId ?? null,
    reported: data.reported,
    records: data.records,
  };
}

/** One board read fresh from the database: for the worker's decisions and for tests. */
export async function getBoard(budget: Budget, options: BoardOptions = DEFAULT_BOARD_OPTIONS, page = 1): Promise<Board> {
  return boardPage(await loadBoardData(budget), options, page);
}
