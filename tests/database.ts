import pg from "pg";
import { migrateDatabase } from "../lib/db/migrate";

/** Base server for test databases: the machine's PostgreSQL unless TEST_DATABASE_SERVER says otherwise. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER ?? "postgres://postgres@127.0.0.1:5432";

/** Appended to every test database's name, so that two test runs on one server never share one. */
const RUN_SUFFIX = process.env.CATWALK_TEST_DB_SUFFIX ?? "";

export function databaseUrl(name: string): string {
  return `${TEST_SERVER_URL}/${name === "postgres" ? name : name + RUN_SUFFIX}`;
}

/** Drops and recreates a database, then applies the migrations. */
export async function createFreshDatabase(name: string): Promise<string> {
  const url = databaseUrl(name);
  const database = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: databaseUrl("postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  await migrateDatabase(url);
  return url;
}
