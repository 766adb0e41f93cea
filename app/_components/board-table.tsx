import Link from "next/link";
import { formatAccuracy } from "@/lib/boards/format";
import type { Board } from "@/lib/boards/query";

export function BoardTable({ board }: { board: Board }) {
  const headingId = `board-${board.budget}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <h2 id={headingId}>{board.budget} epochs</h2>
      {board.rows.length === 0 ? (
        <p className="mt-3 text-sm text-stone-500">No results yet.</p>
      ) : (
        <table className="mt-3 w-full text-sm">
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-stone-500">
              <th className="w-8 py-1 font-medium">#</th>
              <th className="py-1 font-medium">Credit</th>
              <th className="py-1 text-right font-medium">Test accuracy</th>
            </tr>
          </thead>
          <tbody>
            {board.rows.map((row) => (
              <tr key={`${row.kind}-${row.runId ?? row.participant}`} data-kind={row.kind} className="border-t border-stone-100 align-top">
                <td className="py-2 text-stone-500">{row.rank}</td>
                <td className="py-2">
                  {row.entryId ? <Link href={`/entries/${row.entryId}`}>{row.creditText}</Link> : <span>{row.creditText}</span>}
                  {row.kind === "reported" ? (
                    <div className="mt-0.5">
                      <span
                        className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900"
                        title={row.source ?? "self-reported"}
                      >
                        reported, not verified
                      </span>
                    </div>
                  ) : (
                    row.entryName && <div className="text-xs text-stone-500">{row.entryName}</div>
                  )}
                </td>
                <td className="py-2 text-right tabular-nums">
                  <span className="font-semibold">{formatAccuracy(row.accuracy)}</span>
                  <span className="text-xs text-stone-500" title="95% interval: 1.96 standard errors on 10,000 test images">
                    {" "}
                    ±{row.ci95.toFixed(2)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
