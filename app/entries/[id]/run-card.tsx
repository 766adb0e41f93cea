"use client";

import Link from "next/link";
import { useEffect, useState, type ReactNode } from "react";
import { ProgressBar } from "@/app/_components/progress-bar";
import { formatDuration } from "@/lib/text/duration";
import { attemptLabel } from "@/lib/runs/attempts";
import { runFraction, secondsLeft } from "@/lib/runs/run-progress";
import type { RunSnapshot } from "@/lib/entries/types";
import { isActiveRunState } from "@/lib/runs/states";
import { seedLabel } from "@/lib/entries/history";
import { formatTime } from "@/lib/text/time";
import { LearningCurves } from "./curves";
import { BudgetResults, DEVELOPMENT_EVALUATION } from "./results";

const STATE_STYLES: Record<string, string> = {
  queued: "bg-stone-200 text-stone-800",
  running: "bg-sky-100 text-sky-900",
  verified: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
  diverged: "bg-orange-100 text-orange-900",
  cancelled: "bg-stone-200 text-stone-600",
  timed_out: "bg-amber-100 text-amber-900",
};

const time = (iso: string | null) => (iso ? formatTime(iso) : "–");

/** A clock that ticks only while the run is active, for the ETA before the first epoch ends. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function RunProgressLine({ run }: { run: RunSnapshot }) {
  const now = useNow(run.state === "running");
  const progress = run.state === "running" ? run.progress : null;
  const eta = progress ? secondsLeft(progress, now) : null;
  const separate = progress !== null && progress.runEpochs !== progress.epochsTotal;
  return (
    <div className="space-y-1" data-testid="run-progress">
      <ProgressBar label="Run progress" fraction={runFraction(run)} />
      <p className="text-xs text-stone-600 tabular-nums">
        {run.state === "queued" && `Waiting for a worker (${run.totalEpochs} epochs to train).`}
        {run.state === "running" && !progress && "Starting the engine…"}
        {progress &&
          `Epoch ${progress.epoch} of ${progress.runEpochs} · step ${progress.step} of ${progress.steps}` +
            (separate ? ` · ${progress.epochsDone} of ${progress.epochsTotal} epochs overall` : "")}
        {eta !== null && <span suppressHydrationWarning> · about {formatDuration(eta)} left</span>}
      </p>
    </div>
  );
}

function Reproducibility({ run }: { run: RunSnapshot }) {
  const r = run.reproducibility;
  const items: [string, ReactNode][] = [
    ["Spec hash", r.specHash ? <code key="h">{r.specHash.slice(0, 16)}…</code> : "–"],
    ["Seed", r.seed ?? "–"],
    ["Engine", r.engineVersion ?? "–"],
    ["PyTorch", r.torchVersion ?? "–"],
    ["Device", r.device ?? "–"],
    ["Threads", r.threads ?? "–"],
    ["Hardware", r.hardware ?? "–"],
    ["Budgets", run.sharedBudgets ? "shared (one run to the largest budget)" : "trained separately"],
    ["Data", run.trainLimit !== null ? `${run.trainLimit} training images; ${DEVELOPMENT_EVALUATION}` : "full: 60,000 training images, the 10,000 test images"],
    ["Attempt", attemptLabel(run.attempt, run.maxAttempts)],
    ["Worker", run.workerId ?? "–"],
    ["Queued", time(run.queuedAt)],
    ["Started", time(run.startedAt)],
    ["Finished", time(run.finishedAt)],
    ["Wall time", run.wallSeconds === null ? "–" : formatDuration(run.wallSeconds)],
  ];
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-stone-600">Reproducibility and timings</summary>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5">
        {items.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-stone-500">{label}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
        {r.datasetChecksums !== null && (
          <div className="contents">
            <dt className="text-stone-500">Dataset SHA-256</dt>
            <dd>
              <pre className="whitespace-pre-wrap break-all">{JSON.stringify(r.datasetChecksums, null, 1)}</pre>
            </dd>
          </div>
        )}
      </dl>
      {run.events.length > 0 && (
        <ol className="mt-2 space-y-0.5 text-stone-600">
          {run.events.map((event, index) => (
            <li key={index}>
              {time(event.at)}: {event.fromState ?? "new"} → {event.toState} by {event.actor}
              {event.reason ? ` (${event.reason})` : ""}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

export function RunCard({ run, controls, images }: { run: RunSnapshot; controls?: ReactNode; images?: Readonly<Record<number, string>> }) {
  const development = run.trainLimit !== null;
  const seed = seedLabel(run);
  const checkpoints = run.results.map((result) => ({ budget: result.budget, accuracy: result.testAccuracy }));
  const curves = <LearningCurves runs={[{ key: run.id, label: "this run", epochs: run.epochs, checkpoints }]} testLabel={development ? "Dev-slice accuracy (%)" : "Test accuracy (%)"} />;
  // A verified full-data run's curves are drawn with the entry's other runs above; here they stay folded.
  const inEntryCurves = run.state === "verified" && !development;
  return (
    <article id={`run-${run.id}`} className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm" data-testid="run" data-run-id={run.id} data-state={run.state}>
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className={`rounded px-2 py-0.5 text-xs font-semibold ${STATE_STYLES[run.state] ?? ""}`} data-testid="run-state">
          {run.state.replace("_", " ")}
        </span>
        <span className="text-sm text-stone-700">
          {run.budgets.join("/")} epochs · {run.reason}
          {seed && ` · ${seed}`}
          {run.requestedBy && (
            <>
              {" "}
              · requested by <Link href={`/participants/${run.requestedBy.id}`}>{run.requestedBy.name}</Link>
            </>
          )}
        </span>
        {development && <span className="rounded bg-amber-50 px-2 py-0.5 text-xs text-amber-800">development run: evaluated on a fixed slice of the training set, never ranked</span>}
        <div className="ml-auto">{controls}</div>
      </header>
      {(isActiveRunState(run.state) || run.epochs.length > 0) && <RunProgressLine run={run} />}
      {isActiveRunState(run.state) && run.attempt > 0 && (
        <p className="text-sm text-stone-700">The platform failed on an earlier attempt; retrying automatically ({attemptLabel(run.attempt, run.maxAttempts)}).</p>
      )}
      {run.error && (
        <p className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {run.errorKind ? <strong>{run.errorKind}: </strong> : null}
          {run.error}
        </p>
      )}
      {run.logTail && (
        <details className="text-xs" data-testid="log-tail">
          <summary className="cursor-pointer text-stone-600">The engine&apos;s last log lines (only the owner and admins see them)</summary>
          <pre className="mt-2 max-h-80 overflow-auto whitespace-pre-wrap break-all rounded bg-stone-900 p-3 text-stone-100">{run.logTail}</pre>
        </details>
      )}
      <BudgetResults results={run.results} development={development} images={images} />
      {inEntryCurves ? (
        <details>
          <summary className="cursor-pointer text-sm text-stone-700">This run&apos;s learning curves alone</summary>
          <div className="mt-3">{curves}</div>
        </details>
      ) : (
        curves
      )}
      <Reproducibility run={run} />
    </article>
  );
}
