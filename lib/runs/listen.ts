/**
 * LISTEN/NOTIFY on `catwalk_runs`: one dedicated connection per process, shared by every
 * subscriber, reconnecting with backoff after the database restarts. After a reconnect each
 * subscriber gets a `resync` change with the current state, since notifications sent while
 * disconnected are lost.
 */
import pg from "pg";
import { RUN_STATES, type RunState } from "@/db/schema";
import { RUN_CHANNEL, type RunChange } from "./notify";

export type RunChangeHandler = (change: RunChange) => void;

const MAX_RECONNECT_DELAY_MS = 5_000;

class RunChangeListener {
  private client: pg.Client | null = null;
  private readonly byRun = new Map<string, Set<RunChangeHandler>>();
  private readonly everyRun = new Set<RunChangeHandler>();
  private connecting: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelayMs = 250;
  private hasConnected = false;
  private closed = false;

  subscribe(runId: string | null, handler: RunChangeHandler): () => void {
    this.closed = false;
    const set = runId === null ? this.everyRun : this.handlersFor(runId);
    set.add(handler);
    void this.ready().catch(() => undefined);
    return () => {
      set.delete(handler);
      if (runId !== null && set.size === 0) this.byRun.delete(runId);
    };
  }

  /** Resolves once LISTEN is active (retrying until the database answers). */
  ready(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const client = this.client;
    this.client = null;
    this.hasConnected = false;
    await client?.end().catch(() => undefined);
  }

  private handlersFor(runId: string): Set<RunChangeHandler> {
    let set = this.byRun.get(runId);
    if (!set) {
      set = new Set();
      this.byRun.set(runId, set);
    }
    return set;
  }

  private async connect(): Promise<void> {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: run changes are heard on Catwalk's PostgreSQL");
    const client = new pg.Client({ connectionString, keepAlive: true });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client, null));
    client.on("notification", (message) => {
      if (message.channel === RUN_CHANNEL && message.payload) this.dispatch(parseChange(message.payload));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${RUN_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners("end");
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.reconnectDelayMs = 250;
    if (this.hasConnected) await this.resync(client).catch(() => undefined);
    this.hasConnected = true;
  }

  private lost(client: pg.Client, error: Error | null): void {
    if (this.client !== client) return;
    this.client = null;
    if (error) console.error("[runs] lost the LISTEN connection:", error.message);
    client.end().catch(() => undefined);
    if (!this.closed) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.closed) return;
    const delay = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.ready().catch(() => undefined);
    }, delay);
    this.reconnectTimer.unref();
  }

  /** Re-reads the runs subscribers care about: each watched run, and for whole-queue watchers every active run. */
  private async resync(client: pg.Client): Promise<void> {
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
  return listener.ready();
}

/** Closes the shared connection (process shutdown, tests); a later subscription opens it again. */
export function closeRunListener(): Promise<void> {
  return listener.close();
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
