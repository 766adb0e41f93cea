/**
 * PostgreSQL LISTEN/NOTIFY for the whole process: one dedicated connection shared by every
 * channel and subscriber, reconnecting with backoff after the database restarts. Notifications
 * sent while disconnected are lost, so subscribers are told of every reconnect and re-read.
 */
import pg from "pg";
import { env } from "@/lib/env";

export type NotificationHandler = (payload: string) => void;

const MAX_RECONNECT_DELAY_MS = 5_000;
const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

class NotificationListener {
  private client: pg.Client | null = null;
  /** The channels the current connection listens on. */
  private listening = new Set<string>();
  private readonly channels = new Map<string, Set<NotificationHandler>>();
  private readonly reconnectHandlers = new Set<(client: pg.Client) => Promise<void> | void>();
  private connecting: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelayMs = 250;
  private hasConnected = false;
  private closed = false;

  /** Calls `handler` with each notification's payload on `channel`; returns the unsubscribe. */
  listen(channel: string, handler: NotificationHandler): () => void {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`not a channel name: ${channel}`);
    this.closed = false;
    let handlers = this.channels.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.channels.set(channel, handlers);
      // A channel added while connected is listened to on the live connection; otherwise on connecting.
      if (this.client) void this.listenAll(this.client).catch(() => undefined);
    }
    handlers.add(handler);
    this.open();
    return () => void handlers.delete(handler);
  }

  /** Connects (again, after close) unless connected. */
  open(): void {
    this.closed = false;
    void this.ready().catch(() => undefined);
  }

  /** Calls `handler` after every reconnect (not the first connect), with the connection, before notifications flow again. */
  onReconnect(handler: (client: pg.Client) => Promise<void> | void): () => void {
    this.reconnectHandlers.add(handler);
    return () => void this.reconnectHandlers.delete(handler);
  }

  /** Resolves once every channel is listened to (retrying until the database answers). */
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

  private async connect(): Promise<void> {
    const connectionString = env().DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: notifications are heard on Catwalk's PostgreSQL");
    const client = new pg.Client({ connectionString, keepAlive: true });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client, null));
    client.on("notification", (message) => this.dispatch(message.channel, message.payload ?? ""));
    try {
      await client.connect();
      this.listening = new Set();
      await this.listenAll(client);
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
    // Channels subscribed while the connection was being opened.
    await this.listenAll(client).catch(() => undefined);
    this.reconnectDelayMs = 250;
    if (this.hasConnected) {
      for (const handler of [...this.reconnectHandlers]) await Promise.resolve(handler(client)).catch(() => undefined);
    }
    this.hasConnected = true;
  }

  private async listenAll(client: pg.Client): Promise<void> {
    for (const channel of this.channels.keys()) {
      if (this.listening.has(channel)) continue;
      this.listening.add(channel);
      await client.query(`LISTEN ${channel}`);
    }
  }

  private lost(client: pg.Client, error: Error | null): void {
    if (this.client !== client) return;
    this.client = null;
    if (error) console.error("[db] lost the LISTEN connection:", error.message);
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

  private dispatch(channel: string, payload: string): void {
    for (const handler of [...(this.channels.get(channel) ?? [])]) {
      try {
        handler(payload);
      } catch (error) {
        console.error(`[db] a ${channel} handler threw:`, error);
      }
    }
  }
}

// One per process, shared across the bundles Next builds (the proxy, routes and pages run in one process).
const SHARED = Symbol.for("catwalk.db.notifications");
const holder = globalThis as { [SHARED]?: NotificationListener };
const listener = (holder[SHARED] ??= new NotificationListener());

/** Calls `handler` with the payload of every notification on `channel`; returns the unsubscribe. */
export function listenTo(channel: string, handler: NotificationHandler): () => void {
  return listener.listen(channel, handler);
}

/** Opens the shared connection again after `closeNotifications` (the subscriptions made before it are kept). */
export function reopenNotifications(): void {
  listener.open();
}

/** Calls `handler` after each reconnect: notifications sent meanwhile were lost, so re-read what matters. */
export function onListenerReconnect(handler: (client: pg.Client) => Promise<void> | void): () => void {
  return listener.onReconnect(handler);
}

/** Resolves once the shared connection listens on every channel subscribed so far. */
export function notificationsReady(): Promise<void> {
  return listener.ready();
}

/** Closes the shared connection (process shutdown, tests); a later subscription opens it again. */
export function closeNotifications(): Promise<void> {
  return listener.close();
}
