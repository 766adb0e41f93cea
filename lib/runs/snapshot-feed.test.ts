import { afterAll, expect, test } from "vitest";
import { closeDb } from "@/lib/db";
import { getRunSnapshot } from "@/lib/entries/runs";
import type { RunSnapshot } from "@/lib/entries/types";
import { closeRunListener, runListenerReady, RunSnapshotFeed, subscribeToRuns } from "./listen";
import { cancelRun } from "./request";
import { submitEntry } from "./new-entry";
import { createTestUser, tinySpec, waitFor } from "@/tests/runs";
import { withTransaction } from "./transaction";
import { claimRun } from "./transitions";

afterAll(async () => {
  await closeRunListener();
  await closeDb();
});

/** A run whose submission notification has already gone by, so that only the test's own changes reach the feed. */
async function quietRun(seed: number): Promise<{ owner: string; runId: string }> {
  const owner = await createTestUser();
  const heard = new Set<string>();
  const stop = subscribeToRuns((change) => heard.add(change.runId));
  await runListenerReady();
  const { runId } = await submitEntry({ ownerId: owner, name: "watched", spec: tinySpec(seed) });
  await waitFor(async () => heard.has(runId), "the submission's notification");
  stop();
  return { owner, runId };
}

test("every stream of a run is served by one snapshot read per change", async () => {
  const { owner, runId } = await quietRun(401);
  let reads = 0;
  const feed = new RunSnapshotFeed(async (id) => {
    reads += 1;
    return getRunSnapshot(id);
  });
  const streams: RunSnapshot[][] = Array.from({ length: 5 }, () => []);
  const unsubscribes = streams.map((received) => feed.subscribe(runId, (snapshot) => received.push(snapshot)));
  await waitFor(async () => streams.every((received) => received.length === 1), "every stream's first snapshot");
  expect(reads).toBe(1);

  await withTransaction((tx) => claimRun(tx, runId, "w1", 30));
  await waitFor(async () => streams.every((received) => received.length === 2), "every stream hearing the claim");
  expect(reads).toBe(2);

  // A stream opened later gets the latest snapshot without a read of its own.
  const late: RunSnapshot[] = [];
  unsubscribes.push(feed.subscribe(runId, (snapshot) => late.push(snapshot)));
  await waitFor(async () => late.length === 1, "the late stream's first snapshot");
  expect(late[0]!.state).toBe("running");
  expect(reads).toBe(2);

  await cancelRun({ runId, actorId: owner, reason: "done watching" });
  await waitFor(async () => late.length === 2 && streams.every((received) => received.length === 3), "every stream hearing the cancel");
  expect(reads).toBe(3);
  expect([...streams.map((received) => received.map((snapshot) => snapshot.state)), late.map((snapshot) => snapshot.state)]).toEqual([
    ...streams.map(() => ["queued", "running", "cancelled"]),
    ["running", "cancelled"],
  ]);
  for (const unsubscribe of unsubscribes) unsubscribe();
});

test("once its last stream closes, a run is no longer watched: a new stream reads afresh", async () => {
  const { runId } = await quietRun(402);
  let reads = 0;
  const feed = new RunSnapshotFeed(async (id) => {
    reads += 1;
    return getRunSnapshot(id);
  });
  const first: RunSnapshot[] = [];
  const stop = feed.subscribe(runId, (snapshot) => first.push(snapshot));
  await waitFor(async () => first.length === 1, "the first snapshot");
  stop();
  // The claim's own notification must have gone by before the second stream, or it would read twice.
  const heard: string[] = [];
  const stopHearing = subscribeToRuns((change) => heard.push(change.runId));
  await withTransaction((tx) => claimRun(tx, runId, "w1", 30));
  await waitFor(async () => heard.includes(runId), "the claim's notification");
  stopHearing();
  const second: RunSnapshot[] = [];
  const stopSecond = feed.subscribe(runId, (snapshot) => second.push(snapshot));
  await waitFor(async () => second.length === 1, "the second stream's snapshot");
  expect(second[0]!.state).toBe("running");
  expect(first).toHaveLength(1);
  expect(reads).toBe(2);
  stopSecond();
});
