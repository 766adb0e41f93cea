import Link from "next/link";
import { boardOptionsHref } from "@/lib/boards/options";
import type { Board } from "@/lib/boards/query";
import { Pagination } from "./boards/pagination";
import { ProgressionChart } from "./boards/progression-chart";
import { RankedTable } from "./boards/ranked-table";
import { ReportedList } from "./boards/reported-list";

function SeedNote({ board }: { board: Board }) {
  const seeded = board.rows.filter((row) => row.seeds !== null);
  if (seeded.length === 0) {
    return <>No row has seed runs yet: each score is one training run with the entry&apos;s own seed.</>;
  }
  return (
    <>
      Rows with seed runs: {seeded.map((row) => row.entryName).join(", ")}; their line &ldquo;n seeds: mean ± sd&rdquo; is the mean and sample standard
      deviation of the test accuracy across the seeds verified, beside the ranked single-seed score.
    </>
  );
}

/** Below a board's top rows on the home page: the way to the rest on the board's own page. */
function AllRowsLink({ board }: { board: Board }) {
  if (board.total <= board.rows.length) return null;
  return (
    <p className="mt-2 text-sm">
      <Link href={boardOptionsHref(board.options, `/boards/${board.budget}`)}>
        All {board.total} ranked {board.options.rows === "best" ? "participants" : "entries"} on the {board.budget}-epoch board →
      </Link>
    </p>
  );
}

/**
 * One board: its ranking of verified results, the reported history apart, and the record's
 * progression. `paged`: the board's own page, with links between its pages; otherwise the top
 * rows with a link to that page.
 */
export function BoardTable({ board, now, paged = false }: { board: Board; now: Date; paged?: boolean }) {
  const headingId = `board-${board.budget}`;
  return (
    <section aria-labelledby={headingId} className="min-w-0 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <h2 id={headingId}>{board.budget} epochs</h2>
      <div className="mt-3 grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0">
          {board.rows.length === 0 ? (
            <p className="text-sm text-stone-600">No verified results yet.</p>
          ) : (
            <>
              <RankedTable rows={board.rows} sort={board.options.sort} caption={`Verified ranking, ${board.budget} epochs`} leaderEntryId={board.leaderEntryId} />
              {paged ? <Pagination board={board} /> : <AllRowsLink board={board} />}
              <p className="mt-2 text-xs text-stone-700">
                ± is the 95% interval of the test accuracy on 10,000 images (1.96 standard errors); a row marked &ldquo;tied with #1&rdquo; has an
                interval that overlaps the leader&apos;s, so its gap to #1 may be noise.
              </p>
              <p className="mt-1 text-xs text-stone-700">
                <SeedNote board={board} />
              </p>
            </>
          )}
          <ReportedList budget={board.budget} reported={board.reported} />
        </div>
        <div className="min-w-0">
          <ProgressionChart budget={board.budget} records={board.records} now={now} />
        </div>
      </div>
    </section>
  );
}
