import { SourceText } from "@/app/_components/source-text";
import { formatAccuracy } from "@/lib/boards/format";
import type { ReportedResult } from "@/lib/entries/reported";

/** The numbers the entry's author reported before Catwalk verified anything: shown as such, never ranked. */
export function ReportedResults({ reported, verified }: { reported: readonly ReportedResult[]; verified: boolean }) {
  if (reported.length === 0) return null;
  const sources = [...new Set(reported.map((result) => result.source))];
  return (
    <section className="space-y-2 rounded-lg border border-amber-200 bg-amber-50/60 p-4" aria-labelledby="reported-heading" data-testid="reported-results">
      <h2 id="reported-heading">Reported results (not verified)</h2>
      <table className="text-sm tabular-nums">
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-stone-600">
            <th scope="col" className="pr-6 font-medium">Budget</th>
            <th scope="col" className="pr-6 font-medium">Reported accuracy</th>
            <th scope="col" className="font-medium">Reported on</th>
          </tr>
        </thead>
        <tbody>
          {reported.map((result) => (
            <tr key={`${result.participant}-${result.budget}`}>
              <td className="pr-6">{result.budget} epochs</td>
              <td className="pr-6 font-semibold">{formatAccuracy(result.accuracy)}%</td>
              <td>{result.reportedOn ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-stone-700">
        Source:{" "}
        {sources.map((source, index) => (
          <span key={source}>
            {index > 0 && "; "}
            <SourceText text={source} />
          </span>
        ))}
      </p>
      <p className="text-xs text-stone-700">
        {verified ? "Catwalk's own verified runs are below." : "Not verified yet: Catwalk has not trained this entry. An admin can verify it."}
      </p>
    </section>
  );
}
