import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { isConnectionError, retryOnConnectionError } from "./retry";

afterAll(() => closeDb());

test("a refused connection is a connection error, also when drizzle wraps it; a bad query is not", async () => {
  const unreachable = new pg.Pool({ connectionString: "postgres://postgres@127.0.0.1:1/none", connectionTimeoutMillis: 2_000 });
  const refused = await unreachable.query("select 1").catch((error: unknown) => error);
  await unreachable.end();
  expect(isConnectionError(refused)).toBe(true);
  expect(isConnectionError(new Error("Failed query: select 1", { cause: refused }))).toBe(true);
  const badQuery = await getDb()
    .execute(sql`select * from no_such_table`)
    .catch((error: unknown) => error);
  expect((badQuery as Error).message).toContain("Failed query");
  expect(isConnectionError(badQuery)).toBe(false);
});

test("retries through connection errors and gives up on any other", async () => {
  let calls = 0;
  const flaky = async () => {
    calls += 1;
    if (calls < 3) throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    return "ok";
  };
  expect(await retryOnConnectionError(flaky, { maxDelayMs: 10 })).toBe("ok");
  expect(calls).toBe(3);
  await expect(retryOnConnectionError(async () => Promise.reject(new Error("syntax error")))).rejects.toThrow("syntax error");
});
