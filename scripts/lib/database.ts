import path from "node:path";
import { closeDb, getDb } from "@/lib/db";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { env } from "@/lib/env";
import { migrateDatabase } from "@/lib/db/migrate";
import { seedDatabase } from "@/db/seed";
import { backfillSpecFacts } from "@/lib/entries/spec-facts";
import { ROOT, log } from "./run";

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export function dataDir(): string {
  return path.resolve(env().CATWALK_DATA_DIR ?? path.join(ROOT, ".data"));
}

/** Uses DATABASE_URL when set, otherwise starts the embedded server; then migrates and seeds. */
export async function ensureDatabase(): Promise<Database> {
  const { DATABASE_URL, CATWALK_EMBEDDED_PG_PORT: port } = env();
  let database: Database;
  if (DATABASE_URL) {
    database = { url: DATABASE_URL, embedded: false, stop: async () => {} };
    log("db", "using DATABASE_URL");
  } else {
    const data = dataDir();
    log("db", `starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${path.relative(ROOT, data) || data}/postgres)`);
    const server = await startEmbeddedPostgres({ dataDir: path.join(data, "postgres"), port });
    database = { url: server.url, embedded: true, stop: server.stop };
  }
  await migrateDatabase(database.url);
  log("db", "migrations applied");
  process.env.DATABASE_URL = database.url;
  await seedDatabase(getDb());
  const filled = await backfillSpecFacts(getDb());
  if (filled > 0) log("db", `model sizes stored for ${filled} entries`);
  await closeDb();
  log("db", "seed data present");
  return database;
}
