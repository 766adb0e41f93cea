import type { HistoryRow } from "@/lib/entries/history";
import { formatDate } from "@/lib/text/time";
import { LearningCurves } from "./curves";

/** The curves of every verified full-data run drawn over each other: re-verifications and extra seeds show their drift. */
export function EntryCurves({ rows }: { rows: readonly HistoryRow[] }) {
  const verified = rows.filter((row) => row.run.state === "verified" && row.run.trainLimit === null).reverse();
  if (verified.length === 0) return null;
  const runs = verified.map((row) => ({
    key: row.run.id,
    label: [`#${row.number}`, row.run.reason, row.seed, row.run.finishedAt ? formatDate(row.run.finishedAt) : null].filter(Boolean).join(" · "),
    epochs: row.run.epochs,
    checkpoints: row.run.results.map((result) => ({ budget: result.budget, accuracy: result.testAccuracy })),
  }));
  return (
    <section className="space-y-3" aria-labelledby="curves-heading" data-testid="entry-curves">
      <h2 id="curves-heading">Learning curves</h2>
      {runs.length > 1 && <p className="text-xs text-stone-600">All {runs.length} verified runs, one style each: where the lines part, the runs drifted.</p>}
      <LearningCurves runs={runs} />
    </section>
  );
}
