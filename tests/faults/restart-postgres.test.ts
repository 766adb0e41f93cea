/**
 * Restart a private PostgreSQL server (never the machine's) while a worker trains a run: the
 * worker rides out the outage and the run completes (or is retried) with no manual action; the
 * site side (LISTEN connection, pool) recovers too.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDb, getPool } from "@/lib/db";
import { type EmbeddedServer, startEmbeddedPostgres } from "@/scripts/lib/embedded-postgres";
import { migrateDatabase } from "@/lib/db/migrate";
import { closeRunListener, runListenerReady, subscribeToRun } from "@/lib/runs/listen";
import type { RunChange } from "@/lib/runs/notify";
import { submitEntry } from "@/lib/runs/new-entry";
import { createTestUser, runRow, tinySpec, waitFor } from "@/tests/runs";
import { startWorkerProcess, stopGracefully, type WorkerProcess } from "./processes";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "catwalk-faults-pg-"));
// As root the server runs as the postgres user, which must be able to reach its cluster folder.
fs.chmodSync(dataDir, 0o755);
const port = 56_000 + Math.floor(Math.random() * 2_000);
const logFile = path.join(os.tmpdir(), `catwalk-faults-restart-${process.pid}.log`);
let server: EmbeddedServer | null = null;
let worker: WorkerProcess | null = null;

const start = () => startEmbeddedPostgres({ dataDir, port });

beforeAll(async () => {
  server = await start();
  await migrateDatabase(server.url);
  process.env.DATABASE_URL = server.url;
  fs.rmSync(logFile, { force: true });
}, 120_000);

afterAll(async () => {
  if (worker) await stopGracefully(worker);
  await closeRunListener();
  await closeDb().catch(() => undefined);
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

test("a PostgreSQL restart during a run is recovered from without manual action", async () => {
  const owner = await createTestUser();
  const { runId } = await submitEntry({ ownerId: owner, name: "through a restart", spec: tinySpec(7), budgets: [20], trainLimit: 6_000 });
  const heard: RunChange[] = [];
  const unsubscribe = subscribeToRun(runId, (change) => heard.push(change));
  await runListenerReady();
  worker = startWorkerProcess(server!.url, logFile, { CATWALK_LEASE_SECONDS: "10" });

  await waitFor(async () => ((await runRow(runId)).progress?.epochsDone ?? 0) >= 1, "the first epoch", 120_000, 200);
  const epochsBefore = (await runRow(runId)).progress!;

  const stoppedAt = Date.now();
  await server!.stop();
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  server = await start();
  const restartedAt = Date.now();

  const run = await waitFor(
    async () => {
      try {
        const current = await runRow(runId);
        return ["verified", "failed", "diverged", "timed_out", "cancelled"].includes(current.state) ? current : null;
      } catch {
        return null; // the test's own pool reconnects too
      }
    },
    "the run to finish after the restart",
    150_000,
    500,
  );
  const recoveredSeconds = (Date.now() - restartedAt) / 1000;
  expect(run.state).toBe("verified");
  const { rows } = await getPool().query<{ n: string }>("SELECT count(*) AS n FROM epoch_metrics WHERE run_id = $1", [runId]);
  expect(Number(rows[0]?.n)).toBe(20);
  // The site side: the LISTEN connection came back and re-read the run, and a new submission goes through.
  await waitFor(async () => heard.some((change) => change.kind === "resync"), "the listener to resync", 30_000);
  await waitFor(async () => heard.some((change) => change.state === "verified"), "the verified notification", 30_000);
  const after = await submitEntry({ ownerId: owner, name: "after the restart", spec: tinySpec(8), trainLimit: 256 });
  expect(after.duplicate).toBe(false);
  unsubscribe();
  console.log(
    `[faults] restart report ${JSON.stringify({
      epochsDoneBeforeRestart: epochsBefore.epochsDone,
      outageSeconds: (restartedAt - stoppedAt) / 1000,
      attempt: run.attempt,
      retried: run.attempt > 0,
      secondsFromRestartToVerified: recoveredSeconds,
    })}`,
  );
}, 300_000);
