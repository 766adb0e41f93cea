import type { Board } from "@/lib/boards/query";
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

/** One board: its ranking of verified results, the reported history apart, and the record's progression. */
export function BoardTable({ board, now }: { board: Board; now: Date }) {
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
              <RankedTable rows={board.rows} sort={board.options.sort} caption={`Verified ranking, ${board.budget} epochs`} />
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
