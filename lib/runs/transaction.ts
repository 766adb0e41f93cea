import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import * as schema from "@/db/schema";
import { getPool, type Db } from "@/lib/db";

/** One open transaction: drizzle for Catwalk's tables, the raw client for advisory locks and NOTIFY. */
export interface Tx {
  db: Db;
  client: pg.PoolClient;
}

/** Runs `work` in one transaction on a pooled connection: committed if it returns, rolled back if it throws. */
export async function withTransaction<T>(work: (tx: Tx) => Promise<T>, pool: pg.Pool = getPool()): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // A checked-out client has no pool listener: without this, a connection lost mid-transaction
  // (a database restart) would be an unhandled 'error' event and crash the process. The
  // pending query rejects on its own; this only marks the client as not reusable.
  const onError = () => {
    broken = true;
  };
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await work({ db: drizzle(client, { schema }), client });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.removeListener("error", onError);
    client.release(broken ? true : undefined);
  }
}
