import Link from "next/link";
import { BUDGETS, formatAccuracy } from "@/lib/boards/format";
import type { SeedResult } from "@/lib/entries/history";

/** Each seed's verified result: the spec's own seed and any extra seeds, so the spread across seeds is visible. */
export function SeedResults({ seeds }: { seeds: readonly SeedResult[] }) {
  if (seeds.length < 2) return null;
  const budgets = BUDGETS.filter((budget) => seeds.some((seed) => seed.accuracy.has(budget)));
  return (
    <section className="space-y-2" aria-labelledby="seeds-heading">
      <h2 id="seeds-heading">Results by seed</h2>
      <table className="text-sm tabular-nums" data-testid="seed-results">
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-stone-600">
            <th scope="col" className="pr-6 font-medium">Seed</th>
            {budgets.map((budget) => (
              <th key={budget} scope="col" className="pr-6 font-medium">
                {budget} epochs
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {seeds.map((seed) => (
            <tr key={seed.seed}>
              <th scope="row" className="pr-6 text-left font-medium">
                <Link href={`#run-${seed.runId}`}>{seed.extra ? `seed ${seed.seed} (extra seed)` : `seed ${seed.seed} (the spec's)`}</Link>
              </th>
              {budgets.map((budget) => (
                <td key={budget} className="pr-6">
                  {formatAccuracy(seed.accuracy.get(budget) ?? null)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
