import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { BUDGETS, formatAccuracy } from "@/lib/boards/format";
import type { ResultDifference } from "@/lib/entries/compare";
import type { HistoryRow } from "@/lib/entries/history";
import { formatTime } from "@/lib/text/time";

/** Above a run's card: how its results moved against the previous verified run of its seed. */
export function DifferenceLine({ differences }: { differences: ResultDifference[] }) {
  if (differences.length === 0) return null;
  return (
    <p className="text-sm text-stone-700" data-testid="difference">
      Against the previous verified run:{" "}
      {differences
        .map(
          (d) =>
            `${d.budget} epochs ${formatAccuracy(d.previous)} → ${formatAccuracy(d.current)} (${d.points >= 0 ? "+" : "−"}${Math.abs(d.points).toFixed(2)} points, ${d.beyondNoise ? "beyond" : "within"} the noise of ±${d.noise.toFixed(2)})`,
        )
        .join("; ")}
    </p>
  );
}

function Difference({ difference }: { difference: ResultDifference | undefined }) {
  if (!difference) return null;
  const sign = difference.points >= 0 ? "+" : "−";
  const text = `${sign}${Math.abs(difference.points).toFixed(2)}`;
  return difference.beyondNoise ? (
    <strong className="block text-xs text-red-800" title={`beyond the noise: ±${difference.noise.toFixed(2)} points`}>
      {text} ⚠ beyond noise (±{difference.noise.toFixed(2)})
    </strong>
  ) : (
    <span className="block text-xs text-stone-600">
      {text} (within ±{difference.noise.toFixed(2)})
    </span>
  );
}

/**
 * Every run the viewer may see: who asked, why, when, its state, its accuracy per budget and the
 * change from the previous verified run of the same seed, flagged when it exceeds the noise.
 */
export function RunHistory({ rows }: { rows: readonly HistoryRow[] }) {
  if (rows.length === 0) return null;
  const budgets = BUDGETS.filter((budget) => rows.some((row) => row.run.budgets.includes(budget)));
  return (
    <section className="space-y-2" aria-labelledby="history-heading">
      <h2 id="history-heading">Run history</h2>
      <p className="text-xs text-stone-600">
        Each budget shows the accuracy, then its change in points from the previous verified run with the same seed. Two evaluations on 10,000 test images differ by
        chance within the combined 95% interval shown; a larger change is flagged.
      </p>
      <DataTable columns={["Run", "Asked by", "Why", "Queued", "State", ...budgets.map((budget) => `${budget} epochs`)]} className="w-full text-sm tabular-nums" testId="run-history">
        {rows.map((row) => (
          <tr key={row.run.id} className="border-t border-stone-200 align-top" data-run-id={row.run.id}>
            <th scope="row" className="py-1 pr-3 text-left font-medium">
              <Link href={`#run-${row.run.id}`}>#{row.number}</Link>
              {row.seed && <span className="block whitespace-nowrap text-xs font-normal text-stone-600">{row.seed}</span>}
              {row.run.trainLimit !== null && <span className="block text-xs font-normal text-amber-800">development run</span>}
            </th>
            <td className="py-1 pr-3">{row.requester}</td>
            <td className="py-1 pr-3 break-words">{row.run.reason}</td>
            <td className="whitespace-nowrap py-1 pr-3">{formatTime(row.run.queuedAt)}</td>
            <td className="py-1 pr-3">{row.run.state.replace("_", " ")}</td>
            {budgets.map((budget) => {
              const accuracy = row.accuracy.get(budget);
              return (
                <td key={budget} className="py-1 pr-3">
                  {accuracy === undefined ? "–" : `${formatAccuracy(accuracy)}%`}
                  <Difference difference={row.differences?.find((d) => d.budget === budget)} />
                </td>
              );
            })}
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
