import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth";
import type { Viewer } from "@/lib/auth/policy";
import { parseEntryReference, rankedResults } from "@/lib/entries/compare";
import { getEntry, type EntryView } from "@/lib/entries/entry";
import { getEntryRuns } from "@/lib/entries/runs";
import { runsForViewer } from "@/lib/entries/run-visibility";
import { specText } from "@/lib/spec/key-order";
import { formatDate } from "@/lib/text/time";
import { ResultsComparison } from "./results-comparison";
import { SpecDiff } from "./spec-diff";

export const metadata: Metadata = { title: "Compare entries" };
export const dynamic = "force-dynamic";

type Params = { a?: string | string[]; b?: string | string[] };
type Loaded = { ok: true; entry: EntryView; runs: Awaited<ReturnType<typeof getEntryRuns>> } | { ok: false; message: string };

/** One side, as the viewer may see it: a hidden entry reads as missing (getEntry), development runs stay their owner's. */
async function load(field: "a" | "b", value: Params["a"], viewer: Viewer): Promise<Loaded> {
  const reference = parseEntryReference(field, value);
  if (!reference.ok) return reference;
  const entry = await getEntry(reference.id, viewer);
  if (!entry) return { ok: false, message: `${field}: there is no entry ${reference.id}.` };
  return { ok: true, entry, runs: runsForViewer(await getEntryRuns(entry.id), { ownerId: entry.owner.id }, viewer) };
}

function CompareFields({ a, b }: { a?: string; b?: string }) {
  return (
    <form action="/compare" method="get" className="flex flex-wrap items-end gap-3">
      {(["a", "b"] as const).map((field) => (
        <label key={field} className="block text-sm font-medium">
          Entry {field.toUpperCase()} (id or link)
          <input name={field} defaultValue={field === "a" ? a : b} required className="mt-1 block w-80 max-w-full rounded border border-stone-300 px-3 py-1.5 font-normal" />
        </label>
      ))}
      <button type="submit" className="rounded bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800">
        Compare
      </button>
    </form>
  );
}

function EntrySummary({ label, entry }: { label: string; entry: EntryView }) {
  return (
    <div className="min-w-0 rounded-lg border border-stone-200 bg-white p-3">
      <p className="text-xs font-semibold uppercase tracking-wide text-stone-600">{label}</p>
      <p className="font-medium break-words">
        <Link href={`/entries/${entry.id}`}>{entry.name}</Link>
      </p>
      <p className="text-sm text-stone-600">
        by <Link href={`/participants/${entry.owner.id}`}>{entry.owner.name}</Link> · submitted {formatDate(entry.createdAt)}
      </p>
    </div>
  );
}

export default async function ComparePage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const text = (value: Params["a"]) => (typeof value === "string" ? value : undefined);
  const asked = params.a !== undefined || params.b !== undefined;
  const viewer = await getCurrentUser();
  const [a, b] = asked ? await Promise.all([load("a", params.a, viewer), load("b", params.b, viewer)]) : [null, null];
  const problems = [a, b].flatMap((side) => (side && !side.ok ? [side.message] : []));

  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1>Compare entries</h1>
        <p className="text-sm text-stone-600">Two entries side by side: their specs as a diff, and their verified results per budget.</p>
      </header>
      {problems.length > 0 && (
        <ul role="alert" className="space-y-1 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="compare-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <CompareFields a={text(params.a)} b={text(params.b)} />
      {a?.ok && b?.ok && (
        <>
          <section className="grid gap-3 sm:grid-cols-2" aria-label="The two entries">
            <EntrySummary label="A" entry={a.entry} />
            <EntrySummary label="B" entry={b.entry} />
          </section>
          <section className="space-y-2" aria-labelledby="results-heading">
            <h2 id="results-heading">Results</h2>
            <ResultsComparison
              a={{ entryId: a.entry.id, ...(rankedResults(a.runs) ?? { runId: null, accuracy: new Map() }) }}
              b={{ entryId: b.entry.id, ...(rankedResults(b.runs) ?? { runId: null, accuracy: new Map() }) }}
            />
          </section>
          <section className="space-y-2" aria-labelledby="diff-heading">
            <h2 id="diff-heading">Spec: A → B</h2>
            <SpecDiff before={specText(a.entry.spec)} after={specText(b.entry.spec)} />
          </section>
        </>
      )}
    </div>
  );
}
