import type { Metadata } from "next";
import Link from "next/link";
import { ProgressBar } from "@/app/_components/progress-bar";
import { getCurrentUser } from "@/lib/auth";
import { formatDuration } from "@/lib/text/duration";
import { attemptLabel } from "@/lib/runs/attempts";
import { getQueueOverview, type QueueEntry } from "@/lib/runs/queue-overview";
import { formatTime } from "@/lib/text/time";
import { QueueRefresher } from "./queue-refresher";

export const metadata: Metadata = { title: "Queue" };
export const dynamic = "force-dynamic";

const clock = (date: Date | null) => (date ? formatTime(date) : "–");

/** Queued runs listed in full; beyond them the page says how many more wait and when the last starts. */
const QUEUED_LISTED = 100;

/** A run the viewer may not see (a hidden entry, someone else's development run) is only "a private run". */
function EntryLabel({ entry }: { entry: QueueEntry | null }) {
  if (!entry) return <span className="text-stone-500">a private run</span>;
  return (
    <>
      <Link href={`/entries/${entry.id}`}>{entry.name}</Link> <span className="text-stone-500">by {entry.ownerName}</span>
    </>
  );
}

export default async function QueuePage() {
  // Public page (PAGE_RULES "/queue": anyone); what each line shows depends on the viewer.
  const overview = await getQueueOverview(await getCurrentUser());
  return (
    <div className="space-y-8">
      <QueueRefresher />
      <div>
        <h1>Queue</h1>
        <p className="text-sm text-stone-600">
          Runs training now across every worker, and the queue in the order workers take it. Times are estimates on the
          reference machine; the page refreshes every few seconds.
        </p>
      </div>

      <section aria-labelledby="running-heading" className="space-y-2">
        <h2 id="running-heading">Running ({overview.running.length})</h2>
        {overview.running.length === 0 ? (
          <p className="text-sm text-stone-500">Nothing is training.</p>
        ) : (
          <ul className="space-y-3">
            {overview.running.map((run) => {
              return (
                <li key={run.runId} className="rounded border border-stone-200 bg-white p-3 text-sm">
                  <div className="flex flex-wrap gap-x-3">
                    <span>
                      <EntryLabel entry={run.entry} />
                    </span>
                    <span className="text-stone-500">
                      {run.workerId && `worker ${run.workerId} · `}
                      {attemptLabel(run.attempt, run.maxAttempts)}
                    </span>
                  </div>
                  <ProgressBar label={`${run.entry?.name ?? "private run"} progress`} fraction={run.fraction} className="mt-2" />
                  <p className="mt-1 text-xs text-stone-600 tabular-nums">
                    {run.epochsDone !== null ? `${run.epochsDone} of ${run.epochsTotal} epochs` : "starting"}
                    {run.etaSeconds !== null && ` · about ${formatDuration(run.etaSeconds)} left (done ≈ ${clock(run.estimatedFinishAt)})`}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="queued-heading" className="space-y-2">
        <h2 id="queued-heading">Queued ({overview.queued.length})</h2>
        {overview.queued.length === 0 ? (
          <p className="text-sm text-stone-500">The queue is empty.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="text-left text-xs uppercase tracking-wide text-stone-500">
                  <th scope="col" className="py-1 font-medium">#</th>
                  <th scope="col" className="py-1 font-medium">Entry</th>
                  <th scope="col" className="py-1 font-medium">Why</th>
                  <th scope="col" className="py-1 font-medium">Queued</th>
                  <th scope="col" className="py-1 text-right font-medium">Takes ≈</th>
                  <th scope="col" className="py-1 text-right font-medium">Starts ≈</th>
                </tr>
              </thead>
              <tbody>
                {overview.queued.slice(0, QUEUED_LISTED).map((run) => (
                  <tr key={run.runId} className="border-t border-stone-100">
                    <td className="py-1.5">{run.position}</td>
                    <td className="py-1.5">
                      <EntryLabel entry={run.entry} />
                    </td>
                    <td className="py-1.5 text-stone-600">{run.reason ?? "–"}</td>
                    <td className="py-1.5 tabular-nums">{clock(run.queuedAt)}</td>
                    <td className="py-1.5 text-right tabular-nums">{run.estimatedSeconds === null ? "–" : formatDuration(run.estimatedSeconds)}</td>
                    <td className="py-1.5 text-right tabular-nums">{clock(run.estimatedStartAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {overview.queued.length > QUEUED_LISTED && (
              <p className="mt-2 text-sm text-stone-600">
                … and {overview.queued.length - QUEUED_LISTED} more queued behind them; the last starts ≈{" "}
                {clock(overview.queued.at(-1)!.estimatedStartAt)}.
              </p>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
