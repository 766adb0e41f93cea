import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "@/db/schema";
import { env } from "@/lib/env";

export type Db = NodePgDatabase<typeof schema>;

let pool: pg.Pool | undefined;
let database: Db | undefined;

/** The process-wide connection pool, created on first use from DATABASE_URL. */
export function getPool(): pg.Pool {
  if (!pool) {
    const { DATABASE_URL: connectionString, DATABASE_POOL_SIZE } = env();
    if (!connectionString) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
    pool = new pg.Pool({ connectionString, max: DATABASE_POOL_SIZE });
    // An idle client that loses its server (a database restart) must not crash the process.
    pool.on("error", (error) => console.error("[db] idle client error:", error.message));
  }
  return pool;
}

export function getDb(): Db {
  database ??= drizzle(getPool(), { schema });
  return database;
}

export async function closeDb(): Promise<void> {
  const current = pool;
  pool = undefined;
  database = undefined;
  await current?.end();
}
