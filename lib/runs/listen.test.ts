import { afterAll, expect, test } from "vitest";
import { closeDb, getPool } from "@/lib/db";
import { closeRunListener, runListenerReady, subscribeToRun, subscribeToRuns } from "./listen";
import type { RunChange } from "./notify";
import { cancelRun } from "./request";
import { submitEntry } from "./new-entry";
import { createTestUser, tinySpec, waitFor } from "@/tests/runs";
import { withTransaction } from "./transaction";
import { claimRun } from "./transitions";

afterAll(async () => {
  await closeRunListener();
  await closeDb();
});

async function listenerBackendPids(): Promise<number[]> {
  const { rows } = await getPool().query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN catwalk_runs%' AND pid <> pg_backend_pid()",
  );
  return rows.map((row) => row.pid);
}

test("a run's subscribers hear each transition; a whole-queue subscriber hears every run", async () => {
  const owner = await createTestUser();
  const everything: RunChange[] = [];
  const stopAll = subscribeToRuns((change) => everything.push(change));
  await runListenerReady();
  const { runId } = await submitEntry({ ownerId: owner, name: "x", spec: tinySpec(301) });
  await waitFor(async () => everything.some((change) => change.runId === runId), "the submission's notification");
  const mine: RunChange[] = [];
  const stopMine = subscribeToRun(runId, (change) => mine.push(change));
  await withTransaction((tx) => claimRun(tx, runId, "w1", 30));
  await cancelRun({ runId, actorId: owner, reason: "done watching" });
  await waitFor(async () => mine.length >= 2, "two changes");
  expect(mine).toEqual([
    { runId, state: "running", kind: "transition" },
    { runId, state: "cancelled", kind: "transition" },
  ]);
  expect(everything.filter((change) => change.runId === runId).map((change) => change.state)).toEqual(["queued", "running", "cancelled"]);
  stopMine();
  stopAll();
});

test("the shared connection comes back after the server drops it, re-reading the watched run", async () => {
  const owner = await createTestUser();
  const { runId } = await submitEntry({ ownerId: owner, name: "x", spec: tinySpec(302) });
  const heard: RunChange[] = [];
  const stop = subscribeToRun(runId, (change) => heard.push(change));
  await runListenerReady();
  const [pid] = await listenerBackendPids();
  expect(pid).toBeDefined();
  await getPool().query("SELECT pg_terminate_backend($1)", [pid]);
  await waitFor(async () => heard.some((change) => change.kind === "resync"), "a resync after reconnecting", 15_000);
  expect(heard.find((change) => change.kind === "resync")).toEqual({ runId, state: "queued", kind: "resync" });
  await withTransaction((tx) => claimRun(tx, runId, "w1", 30));
  await waitFor(async () => heard.some((change) => change.state === "running"), "the claim after reconnecting", 15_000);
  stop();
});
