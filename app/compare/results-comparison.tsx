import Link from "next/link";
import { BUDGETS, formatAccuracy } from "@/lib/boards/format";
import { accuracyDifference } from "@/lib/entries/compare";

type Side = { entryId: string; runId: string | null; accuracy: Map<number, number> };

/** Each budget's ranked accuracy of A and B, and B − A in points, flagged when beyond the noise of two evaluations. */
export function ResultsComparison({ a, b }: { a: Side; b: Side }) {
  const budgets = BUDGETS.filter((budget) => a.accuracy.has(budget) || b.accuracy.has(budget));
  if (budgets.length === 0) return <p className="text-sm text-stone-600">Neither entry has a verified result yet.</p>;
  const cell = (side: Side, budget: number) => {
    const accuracy = side.accuracy.get(budget);
    if (accuracy === undefined) return "–";
    return side.runId ? <Link href={`/entries/${side.entryId}#run-${side.runId}`}>{formatAccuracy(accuracy)}%</Link> : `${formatAccuracy(accuracy)}%`;
  };
  return (
    <div className="overflow-x-auto">
      <table className="text-sm tabular-nums" data-testid="results-comparison">
        <caption className="mb-1 text-left text-xs text-stone-600">
          Test accuracy of each entry&apos;s latest verified run (the spec&apos;s own seed), as the boards rank it.
        </caption>
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-stone-600">
            <th scope="col" className="pr-6 font-medium">Budget</th>
            <th scope="col" className="pr-6 font-medium">A</th>
            <th scope="col" className="pr-6 font-medium">B</th>
            <th scope="col" className="font-medium">B − A (points)</th>
          </tr>
        </thead>
        <tbody>
          {budgets.map((budget) => {
            const before = a.accuracy.get(budget);
            const after = b.accuracy.get(budget);
            const difference = before !== undefined && after !== undefined ? accuracyDifference(budget, before, after) : null;
            return (
              <tr key={budget}>
                <th scope="row" className="pr-6 text-left font-medium">
                  {budget} epochs
                </th>
                <td className="pr-6">{cell(a, budget)}</td>
                <td className="pr-6">{cell(b, budget)}</td>
                <td>
                  {difference
                    ? `${difference.points >= 0 ? "+" : "−"}${Math.abs(difference.points).toFixed(2)} (${difference.beyondNoise ? "beyond" : "within"} the noise of ±${difference.noise.toFixed(2)})`
                    : "–"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
