import type { RunProgress } from "@/lib/runs/progress";
import type { RunSnapshot } from "./types";

/** 0…1 over the whole run: finished epochs plus the part of the epoch in training. */
export function runFraction(run: Pick<RunSnapshot, "state" | "totalEpochs" | "progress">): number {
  if (run.state === "verified") return 1;
  const progress = run.progress;
  if (!progress) return 0;
  const total = Math.max(progress.epochsTotal, 1);
  const inEpoch = run.state === "running" && progress.steps > 0 ? Math.min(progress.step / progress.steps, 1) : 0;
  // Once an epoch is recorded the worker's step count restarts, so a full epoch is never counted twice.
  return Math.min((progress.epochsDone + (progress.step < progress.steps ? inEpoch : 0)) / total, 1);
}

/** The worker's ETA, counted down from when it was written. */
export function secondsLeft(progress: Pick<RunProgress, "etaSeconds" | "updatedAt">, now: number): number | null {
  if (progress.etaSeconds === null) return null;
  const since = (now - Date.parse(progress.updatedAt)) / 1000;
  return Math.max(0, progress.etaSeconds - (Number.isFinite(since) ? Math.max(since, 0) : 0));
}

/** A reader's duration: "45 s", "12 min", "1 h 05 min". */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}
