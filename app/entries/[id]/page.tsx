import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { testImageDataUris } from "@/lib/dataset/test-images";
import { resultsBySeed, runHistory } from "@/lib/entries/history";
import { getReportedResults } from "@/lib/entries/reported";
import type { RunSnapshot } from "@/lib/entries/types";
import { ACTION_RULES, decide } from "@/lib/auth/policy";
import { getEntry } from "@/lib/entries/entry";
import { getEntryRuns } from "@/lib/entries/runs";
import { runsForViewer } from "@/lib/entries/run-visibility";
import { HideEntryButton, ReverifyForm } from "./entry-controls";
import { AnalysisSummary } from "./analysis-summary";
import { CompareForm } from "./compare-form";
import { EntryCurves } from "./entry-curves";
import { EntryHeader } from "./entry-header";
import { ExtraSeedsForm } from "./extra-seeds-form";
import { LiveRun } from "./live-run";
import { OwnerPanel } from "./owner-panel";
import { ReportedResults } from "./reported-results";
import { RunControls } from "./run-controls";
import { DifferenceLine, RunHistory } from "./run-history";
import { SeedResults } from "./seed-results";
import { SpecSection } from "./spec-section";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const entry = await getEntry((await params).id, await getCurrentUser());
  return { title: entry && !entry.hidden ? entry.name : "Entry" };
}

/** The test images a run names as misclassified: full-data results only (development runs name none). */
const misclassifiedIndices = (run: RunSnapshot): number[] =>
  run.trainLimit === null ? run.results.flatMap((result) => result.misclassified.map((item) => item.index)) : [];

/** Each run's own images, so that no run's card carries another's. */
function imagesOf(run: RunSnapshot, images: Readonly<Record<number, string>>): Record<number, string> {
  return Object.fromEntries(misclassifiedIndices(run).flatMap((index) => (images[index] ? [[index, images[index]]] : [])));
}

export default async function EntryPage({ params }: Props) {
  const { id } = await params;
  const viewer = await getCurrentUser();
  // PAGE_RULES "/entries/[id]": getEntry returns null when the entry is hidden from the viewer.
  const entry = await getEntry(id, viewer);
  if (!entry) notFound();
  const owned = { ownerId: entry.owner.id };
  const [allRuns, reported] = await Promise.all([getEntryRuns(entry.id), getReportedResults(entry.id)]);
  const runs = runsForViewer(allRuns, owned, viewer);
  const history = runHistory(runs);
  const images = await testImageDataUris(runs.flatMap(misclassifiedIndices));
  const mayModerate = decide(ACTION_RULES["entries/[id]/actions.ts#reverifyAction"], viewer).allowed;
  const verified = runs.some((run) => run.state === "verified");

  return (
    <div className="space-y-8">
      <EntryHeader entry={entry} reported={reported} />
      <ReportedResults reported={reported} verified={verified} />

      <OwnerPanel entry={entry} />

      {mayModerate && (
        <section aria-label="Admin" className="grid gap-4 rounded-lg border border-indigo-200 bg-indigo-50/50 p-4 sm:grid-cols-[2fr_1fr]">
          <ReverifyForm entryId={entry.id} firstVerification={!verified} />
          <HideEntryButton entryId={entry.id} hidden={entry.hidden} />
          <ExtraSeedsForm entryId={entry.id} />
        </section>
      )}

      <section className="space-y-3">
        <h2>Analysis</h2>
        <AnalysisSummary spec={entry.spec} />
      </section>

      <EntryCurves rows={history} />
      <SeedResults seeds={resultsBySeed(runs)} />
      <RunHistory rows={history} />

      <section className="space-y-3" aria-labelledby="runs-heading">
        <h2 id="runs-heading">Runs</h2>
        {runs.length === 0 && <p className="text-sm text-stone-600">{reported.length > 0 ? "No Catwalk runs yet: the results above are as reported." : "No runs yet."}</p>}
        {history.map((row) => (
          <div key={`${row.run.id}:${row.run.state}`} className="space-y-2">
            <DifferenceLine differences={row.differences ?? []} />
            <LiveRun initial={row.run} images={imagesOf(row.run, images)} controls={<RunControls entryId={entry.id} ownerId={entry.owner.id} run={row.run} newest={row.run === runs[0]} />} />
          </div>
        ))}
      </section>

      <SpecSection entry={entry} />
      <CompareForm entry={entry} />
    </div>
  );
}
