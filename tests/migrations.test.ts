import pg from "pg";
import { afterAll, expect, test } from "vitest";

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });

afterAll(() => client.end());

test("migrations create every table the schema declares", async () => {
  await client.connect();
  const { rows } = await client.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
  );
  expect(rows.map((r) => r.table_name)).toEqual(
    expect.arrayContaining(["users", "accounts", "sessions", "entries", "runs", "run_events", "epoch_metrics", "budget_results", "reported_results"]),
  );
});
