import Link from "next/link";
import { formatAccuracy } from "@/lib/boards/format";
import type { ReportedResult } from "@/lib/boards/reported";
import { SourceText } from "../source-text";
import { Badge } from "./badge";

/** The challenge's self-reported history: beside the ranking, never in it. */
export function ReportedList({ budget, reported }: { budget: number; reported: ReportedResult[] }) {
  if (reported.length === 0) return null;
  const headingId = `reported-${budget}`;
  return (
    <section aria-labelledby={headingId} className="mt-4 rounded border border-amber-200 bg-amber-50/50 p-3">
      <h3 id={headingId} className="text-sm font-semibold">
        Reported, not verified
      </h3>
      <p className="mt-1 text-xs text-stone-700">Self-reported results from the challenge&apos;s history. Catwalk did not train them, so they are not ranked.</p>
      <ul className="mt-2 space-y-2 text-sm">
        {reported.map((row) => (
          <li key={row.participant} data-kind="reported" className="break-words">
            <span className="font-semibold tabular-nums">{formatAccuracy(row.accuracy)}</span> <span>{row.creditText}</span>{" "}
            <Badge tone="reported">reported, not verified</Badge>
            <div className="text-xs text-stone-700">
              reported {row.reportedOn ?? "(date not recorded)"} · source: <SourceText text={row.source} />
              {row.entryId && (
                <>
                  {" "}
                  · to verify:{" "}
                  <Link href={`/entries/${row.entryId}`} className="underline">
                    {row.entryName}
                  </Link>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
