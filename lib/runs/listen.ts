/**
 * Run changes, heard on the process's shared LISTEN connection (lib/db/notifications). After a
 * reconnect each subscriber gets a `resync` change with the current state, since notifications
 * sent while disconnected are lost.
 */
import type pg from "pg";
import { RUN_STATES, type RunState } from "@/db/schema";
import { closeNotifications, listenTo, notificationsReady, onListenerReconnect, reopenNotifications } from "@/lib/db/notifications";
import { RUN_CHANNEL, type RunChange } from "./notify";

export type RunChangeHandler = (change: RunChange) => void;

class RunChangeListener {
  private readonly byRun = new Map<string, Set<RunChangeHandler>>();
  private readonly everyRun = new Set<RunChangeHandler>();
  private started = false;

  subscribe(runId: string | null, handler: RunChangeHandler): () => void {
    this.start();
    const set = runId === null ? this.everyRun : this.handlersFor(runId);
    set.add(handler);
    return () => {
      set.delete(handler);
      if (runId !== null && set.size === 0) this.byRun.delete(runId);
    };
  }

  private start(): void {
    reopenNotifications();
    if (this.started) return;
    this.started = true;
    listenTo(RUN_CHANNEL, (payload) => this.dispatch(parseChange(payload)));
    onListenerReconnect((client) => this.resync(client));
  }

  private handlersFor(runId: string): Set<RunChangeHandler> {
    let set = this.byRun.get(runId);
    if (!set) {
      set = new Set();
      this.byRun.set(runId, set);
    }
    return set;
  }

  /** Re-reads the runs subscribers care about: each watched run, and for whole-queue watchers every active run. */
  private async resync(client: pg.Client): Promise<void> {
    if (this.byRun.size === 0 && this.everyRun.size === 0) return;
    const { rows } = await client.query<{ id: string; state: RunState }>(
      "SELECT id, state FROM runs WHERE id = ANY($1::uuid[]) OR ($2 AND state IN ('queued', 'running'))",
      [[...this.byRun.keys()], this.everyRun.size > 0],
    );
    for (const row of rows) this.dispatch({ runId: row.id, state: row.state, kind: "resync" });
  }

  private dispatch(change: RunChange | null): void {
    if (!change) return;
    const handlers = [...(this.byRun.get(change.runId) ?? []), ...this.everyRun];
    for (const handler of handlers) {
      try {
        handler(change);
      } catch (error) {
        console.error("[runs] a run change handler threw:", error);
      }
    }
  }
}

function parseChange(payload: string): RunChange | null {
  try {
    const value = JSON.parse(payload) as Partial<RunChange>;
    if (typeof value.runId !== "string" || !(RUN_STATES as readonly string[]).includes(value.state ?? "")) return null;
    return { runId: value.runId, state: value.state as RunState, kind: value.kind ?? "transition" };
  } catch {
    return null;
  }
}

const listener = new RunChangeListener();

/** Calls `onChange` whenever run `runId` changes state or records progress; returns the unsubscribe. */
export function subscribeToRun(runId: string, onChange: RunChangeHandler): () => void {
  return listener.subscribe(runId, onChange);
}

/** Calls `onChange` for every run's changes; returns the unsubscribe. */
export function subscribeToRuns(onChange: RunChangeHandler): () => void {
  return listener.subscribe(null, onChange);
}

/** Resolves once the shared connection is listening (useful before acting on a fresh subscription). */
export function runListenerReady(): Promise<void> {
  return notificationsReady();
}

/** Closes the shared connection (process shutdown, tests); a later subscription opens it again. */
export function closeRunListener(): Promise<void> {
  return closeNotifications();
}

/** Reads the current snapshot of a run (null when there is no such run). */
export type SnapshotReader<T> = (runId: string) => Promise<T | null>;

interface WatchedRun<T> {
  readonly receivers: Set<(snapshot: T) => void>;
  latest: T | null;
  reading: boolean;
  again: boolean;
  stopListening: () => void;
}

/** How long a first subscriber waits for LISTEN before reading anyway (changes then still arrive once it listens). */
const LISTEN_WAIT_MS = 2_000;

/**
 * One subscription per watched run, shared by every receiver of that run (each open live-run
 * stream): a change costs one snapshot read however many streams watch the run, and reads are
 * coalesced, so a burst of changes during a read costs one more read. A receiver joining a run
 * already watched gets the latest snapshot without a read.
 */
export class RunSnapshotFeed<T> {
  private readonly watched = new Map<string, WatchedRun<T>>();

  constructor(private readonly read: SnapshotReader<T>) {}

  /** Calls `receive` with the run's snapshot now and after every change; returns the unsubscribe. */
  subscribe(runId: string, receive: (snapshot: T) => void): () => void {
    let run = this.watched.get(runId);
    if (run) {
      const latest = run.latest;
      if (latest !== null) queueMicrotask(() => run?.receivers.has(receive) && receive(latest));
    } else {
      const created: WatchedRun<T> = { receivers: new Set(), latest: null, reading: false, again: false, stopListening: () => {} };
      // Listen before the first read so that no change between the two is missed.
      created.stopListening = subscribeToRun(runId, () => void this.refresh(runId, created));
      this.watched.set(runId, created);
      void Promise.race([runListenerReady().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, LISTEN_WAIT_MS))]).then(
        () => this.refresh(runId, created),
      );
      run = created;
    }
    const watchedRun = run;
    watchedRun.receivers.add(receive);
    return () => {
      watchedRun.receivers.delete(receive);
      if (watchedRun.receivers.size > 0 || this.watched.get(runId) !== watchedRun) return;
      watchedRun.stopListening();
      this.watched.delete(runId);
    };
  }

  /** The run's snapshot: the latest one of a watched run, otherwise a fresh read. */
  async current(runId: string): Promise<T | null> {
    return this.watched.get(runId)?.latest ?? this.read(runId);
  }

  private async refresh(runId: string, run: WatchedRun<T>): Promise<void> {
    if (run.reading) return void (run.again = true);
    run.reading = true;
    try {
      do {
        run.again = false;
        if (this.watched.get(runId) !== run) return;
        const snapshot = await this.read(runId);
        if (snapshot === null) continue;
        run.latest = snapshot;
        for (const receive of [...run.receivers]) {
          try {
            receive(snapshot);
          } catch (error) {
            console.error(`[runs] a receiver of run ${runId} threw:`, error);
          }
        }
      } while (run.again);
    } catch (error) {
      // The database may be restarting; the next change (or the resync after reconnecting) reads again.
      console.error(`[runs] snapshot of ${runId} failed:`, error instanceof Error ? error.message : error);
    } finally {
      run.reading = false;
    }
  }
}
