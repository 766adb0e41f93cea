/**
 * What a viewer sees of a run. Owners and admins (`details`) see everything, including which worker
 * ran it, why it failed and the engine's log tail. The public sees the outcome: the state and the
 * error's kind (out_of_memory, timed_out, …), never the text, the worker's host name or its PID.
 */
import { canSeeRun, canSeeRunDetails, type Viewer } from "@/lib/auth/policy";
import type { RunEvent, RunSnapshot } from "./types";

const WORKER_ACTOR = "worker:";

/** Worker transitions name the worker (host and PID) in their actor and, on a lost lease, in their reason. */
function publicEvent(event: RunEvent): RunEvent {
  if (!event.actor.startsWith(WORKER_ACTOR)) return event;
  return { ...event, actor: "worker", reason: null };
}

export function runForViewer(snapshot: RunSnapshot, viewer: { details: boolean }): RunSnapshot {
  if (viewer.details) return snapshot;
  return { ...snapshot, workerId: null, error: null, logTail: null, events: snapshot.events.map(publicEvent) };
}

/** An entry's runs as `viewer` may see them: development runs only for the owner, details only for the owner and admins. */
export function runsForViewer(snapshots: RunSnapshot[], entry: { ownerId: string }, viewer: Viewer): RunSnapshot[] {
  const details = canSeeRunDetails(entry, viewer);
  return snapshots.filter((run) => canSeeRun(run, entry, viewer)).map((run) => runForViewer(run, { details }));
}
