import Link from "next/link";
import type { EntryView } from "@/lib/entries/entry";
import type { ReportedResult } from "@/lib/entries/reported";
import { formatDate } from "@/lib/text/time";

/** Name, owner, when it came (submitted, or reported for the challenge's seeded entries), its parent, and what one can do with it. */
export function EntryHeader({ entry, reported }: { entry: EntryView; reported: readonly ReportedResult[] }) {
  const reportedOn = reported.find((result) => result.reportedOn)?.reportedOn;
  return (
    <section className="space-y-2">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1>{entry.name}</h1>
        {entry.hidden && <span className="rounded bg-stone-800 px-2 py-0.5 text-xs text-white">hidden from the boards</span>}
      </div>
      <p className="text-sm text-stone-600">
        by <Link href={`/participants/${entry.owner.id}`}>{entry.owner.name}</Link> ·{" "}
        {reported.length > 0 ? `reported ${reportedOn ?? "before Catwalk"}, added ${formatDate(entry.createdAt)}` : `submitted ${formatDate(entry.createdAt)}`}
        {entry.parent && (
          <>
            {" "}
            · forked from <Link href={`/entries/${entry.parent.id}`}>{entry.parent.name}</Link>
          </>
        )}{" "}
        · <Link href={`/submit?from=${entry.id}`}>Fork</Link> · <a href={`/entries/${entry.id}/spec.json`}>Download spec</a>
      </p>
      {entry.description && <p className="max-w-3xl whitespace-pre-line text-stone-800">{entry.description}</p>}
    </section>
  );
}
