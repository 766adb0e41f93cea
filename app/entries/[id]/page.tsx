import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { formatAccuracy } from "@/lib/boards/format";
import { differenceFromPrevious } from "@/lib/entries/compare";
import { ACTION_RULES, decide } from "@/lib/auth/policy";
import { getEntry } from "@/lib/entries/entry";
import { getEntryRuns } from "@/lib/entries/runs";
import { runsForViewer } from "@/lib/entries/run-visibility";
import { checkSpec, formatDuration } from "@/lib/spec";
import { formatDate } from "@/lib/text/time";
import { HideEntryButton, ReverifyForm } from "./entry-controls";
import { LiveRun } from "./live-run";
import { OwnerPanel } from "./owner-panel";
import { RunControls } from "./run-controls";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const entry = await getEntry((await params).id, await getCurrentUser());
  return { title: entry && !entry.hidden ? entry.name : "Entry" };
}

function AnalysisSummary({ spec }: { spec: unknown }) {
  const checked = checkSpec(spec);
  if (!checked.ok) {
    return <p className="text-sm text-red-700">This spec no longer passes the current checks: {checked.issues.map((issue) => issue.message).join("; ")}</p>;
  }
  const { analysis } = checked;
  const facts: [string, string][] = [
    ["Parameters", analysis.params.toLocaleString("en-US")],
    ["FLOPs per image (forward)", analysis.flops.toLocaleString("en-US")],
    ["Layers", String(analysis.layerCount)],
    ["Steps per epoch", analysis.stepsPerEpoch.toLocaleString("en-US")],
    ["Budgets", analysis.sharedBudgets ? "shared: one run to the largest budget" : "each budget trains separately"],
    ["Estimated verification time", formatDuration(analysis.estimate.totalSeconds)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="analysis">
      {facts.map(([label, value]) => (
        <div key={label} className="rounded border border-stone-200 bg-white px-3 py-2">
          <dt className="text-xs text-stone-500">{label}</dt>
          <dd className="text-sm font-medium tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function EntryPage({ params }: Props) {
  const { id } = await params;
  const viewer = await getCurrentUser();
  // PAGE_RULES "/entries/[id]": getEntry returns null when the entry is hidden from the viewer.
  const entry = await getEntry(id, viewer);
  if (!entry) notFound();
  const owned = { ownerId: entry.owner.id };
  const runs = runsForViewer(await getEntryRuns(entry.id), owned, viewer);
  const mayModerate = decide(ACTION_RULES["entries/[id]/actions.ts#reverifyAction"], viewer).allowed;

  return (
    <div className="space-y-8">
      <section className="space-y-2">
        <div className="flex flex-wrap items-baseline gap-3">
          <h1>{entry.name}</h1>
          {entry.hidden && <span className="rounded bg-stone-800 px-2 py-0.5 text-xs text-white">hidden from the boards</span>}
        </div>
        <p className="text-sm text-stone-600">
          by <Link href={`/participants/${entry.owner.id}`}>{entry.owner.name}</Link> · submitted {formatDate(entry.createdAt)}
          {entry.parent && (
            <>
              {" "}
              · forked from <Link href={`/entries/${entry.parent.id}`}>{entry.parent.name}</Link>
            </>
          )}{" "}
          · <Link href={`/submit?from=${entry.id}`}>Fork</Link>
        </p>
        {entry.description && <p className="max-w-3xl whitespace-pre-line text-stone-800">{entry.description}</p>}
      </section>

      <OwnerPanel entry={entry} />

      {mayModerate && (
        <section aria-label="Admin" className="grid gap-4 rounded-lg border border-indigo-200 bg-indigo-50/50 p-4 sm:grid-cols-[2fr_1fr]">
          <ReverifyForm entryId={entry.id} firstVerification={!runs.some((run) => run.state === "verified")} />
          <HideEntryButton entryId={entry.id} hidden={entry.hidden} />
        </section>
      )}

      <section className="space-y-3">
        <h2>Analysis</h2>
        <AnalysisSummary spec={entry.spec} />
      </section>

      <section className="space-y-3">
        <h2>Runs</h2>
        {runs.length === 0 && <p className="text-sm text-stone-500">No runs yet.</p>}
        {runs.map((run) => {
          const compared = differenceFromPrevious(run, runs);
          return (
            <div key={`${run.id}:${run.state}`} className="space-y-2">
              {compared && compared.differences.length > 0 && (
                <p className="text-sm text-stone-700" data-testid="difference">
                  Against the previous verified run:{" "}
                  {compared.differences
                    .map((d) => `${d.budget} epochs ${formatAccuracy(d.previous)} → ${formatAccuracy(d.current)} (${d.points >= 0 ? "+" : "−"}${Math.abs(d.points).toFixed(2)} points)`)
                    .join("; ")}
                </p>
              )}
              <LiveRun initial={run} controls={<RunControls entryId={entry.id} ownerId={entry.owner.id} run={run} newest={run === runs[0]} />} />
            </div>
          );
        })}
      </section>

      <section className="space-y-3">
        <h2>Spec</h2>
        <p className="text-xs text-stone-500">
          Normalised spec (defaults filled in), hash <code>{entry.specHash}</code>. See the <Link href="/spec">spec reference</Link>.
        </p>
        <pre className="max-h-[32rem] overflow-auto rounded-lg border border-stone-200 bg-stone-900 p-4 text-xs text-stone-100" data-testid="spec-json">
          {JSON.stringify(entry.spec, null, 2)}
        </pre>
      </section>
    </div>
  );
}
