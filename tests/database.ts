import pg from "pg";
import { migrateDatabase } from "../lib/db/migrate";

/** Base server for test databases: the machine's PostgreSQL unless TEST_DATABASE_SERVER says otherwise. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER ?? "postgres://postgres@127.0.0.1:5432";

export function databaseUrl(name: string): string {
  return `${TEST_SERVER_URL}/${name}`;
}

/** Drops and recreates a database, then applies the migrations. */
export async function createFreshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: databaseUrl("postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  await migrateDatabase(url);
  return url;
}
