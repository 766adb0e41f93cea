import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { BUDGETS, formatAccuracy } from "@/lib/boards/format";
import type { SeedResult } from "@/lib/entries/history";

/** Each seed's verified result: the spec's own seed and any extra seeds, so the spread across seeds is visible. */
export function SeedResults({ seeds }: { seeds: readonly SeedResult[] }) {
  if (seeds.length < 2) return null;
  const budgets = BUDGETS.filter((budget) => seeds.some((seed) => seed.accuracy.has(budget)));
  return (
    <section className="space-y-2" aria-labelledby="seeds-heading">
      <h2 id="seeds-heading">Results by seed</h2>
      <DataTable columns={["Seed", ...budgets.map((budget) => `${budget} epochs`)]} className="text-sm tabular-nums" testId="seed-results">
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
      </DataTable>
    </section>
  );
}
