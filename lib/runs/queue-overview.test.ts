import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { entries, runs } from "@/db/schema";
import { closeDb, getDb } from "@/lib/db";
import { createFreshDatabase } from "@/tests/database";
import type { RunProgress } from "./run-progress";
import { estimateRunSeconds, estimateStartTimes, getQueueOverview } from "./queue-overview";
import { submitEntry } from "./new-entry";
import { createTestUser, tinySpec } from "@/tests/runs";
import { withTransaction } from "./transaction";
import { claimRun } from "./transitions";

beforeAll(async () => {
  // A private database: the overview must see only this test's runs.
  process.env.DATABASE_URL = await createFreshDatabase("catwalk_test_queue_overview");
});

afterAll(async () => {
  await closeDb();
});

describe("estimateStartTimes", () => {
  test("each queued run takes the earliest free worker slot", () => {
    expect(estimateStartTimes([100, 30], [50, 50, 10])).toEqual([30, 80, 100]);
  });

  test("with nothing running the first queued run starts now", () => {
    expect(estimateStartTimes([], [20, 5])).toEqual([0, 20]);
  });

  test("an unknown length makes later starts unknown", () => {
    expect(estimateStartTimes([10], [null, 5])).toEqual([10, null]);
  });
});

describe("estimateRunSeconds", () => {
  test("scales the reference machine's estimate by the measured speed of the site's workers", () => {
    const spec = tinySpec(1);
    const nominal = estimateRunSeconds(spec, [5], null)!;
    const slower = estimateRunSeconds(spec, [5], null, 2)!;
    const startup = 2 * nominal - slower;
    expect(startup).toBeGreaterThanOrEqual(0);
    expect(slower - startup).toBeCloseTo(2 * (nominal - startup), 9);
  });
});

describe("getQueueOverview", () => {
  test("lists the running run with its worker, epoch and ETA, and the queued runs in order with start estimates", async () => {
    const owner = await createTestUser();
    const submitted = [];
    for (const seed of [1, 2, 3]) submitted.push(await submitEntry({ ownerId: owner, name: `entry ${seed}`, spec: tinySpec(seed), trainLimit: 256 }));
    const [first, second, third] = submitted.map((result) => result.runId) as [string, string, string];
    await withTransaction((tx) => claimRun(tx, first, "machine-a:1", 30));
    // The worker wrote the ETA at `now`; a later read would count it down.
    const now = new Date();
    const progress: RunProgress = { epochsDone: 2, epochsTotal: 5, runEpochs: 5, epoch: 3, step: 1, steps: 4, budgetsDone: [], etaSeconds: 12, updatedAt: now.toISOString() };
    await getDb().update(runs).set({ progress }).where(eq(runs.id, first));

    const overview = await getQueueOverview({ id: owner, role: "participant" }, now);
    expect(overview.running).toEqual([
      expect.objectContaining({ runId: first, entry: expect.objectContaining({ name: "entry 1" }), workerId: "machine-a:1", epochsDone: 2, epochsTotal: 5, fraction: 2.25 / 5, etaSeconds: 12, estimatedFinishAt: new Date(now.getTime() + 12_000) }),
    ]);
    expect(overview.queued.map((run) => [run.runId, run.position])).toEqual([
      [second, 1],
      [third, 2],
    ]);
    const [next, after] = overview.queued;
    expect(next?.estimatedStartAt).toEqual(new Date(now.getTime() + 12_000));
    expect(next?.estimatedSeconds).toBeGreaterThan(0);
    expect(after!.estimatedStartAt!.getTime()).toBeCloseTo(now.getTime() + 12_000 + next!.estimatedSeconds! * 1000, -1);
    await getDb().update(runs).set({ state: "cancelled" }).where(inArray(runs.id, [first, second, third]));
  });

  test("others see a hidden entry's run and someone else's development run only as a private line, with no worker", async () => {
    const owner = await createTestUser();
    const stranger = { id: await createTestUser(), role: "participant" };
    const admin = { id: await createTestUser("admin"), role: "admin" };
    const hidden = await submitEntry({ ownerId: owner, name: "secret entry", spec: tinySpec(11) });
    await getDb().update(entries).set({ hidden: true }).where(eq(entries.id, hidden.entryId));
    const development = await submitEntry({ ownerId: owner, name: "private experiment", spec: tinySpec(12), trainLimit: 256 });
    await withTransaction((tx) => claimRun(tx, hidden.runId, "secret-host:4242", 30));

    const lines = async (viewer: Parameters<typeof getQueueOverview>[0]) => {
      const overview = await getQueueOverview(viewer);
      return [...overview.running, ...overview.queued].filter((run) => [hidden.runId, development.runId].includes(run.runId));
    };
    for (const viewer of [null, stranger]) {
      const seen = await lines(viewer);
      expect(seen).toHaveLength(2);
      expect(seen.map((run) => run.entry)).toEqual([null, null]);
      expect(JSON.stringify(seen)).not.toMatch(/secret|private experiment|submission/);
    }
    // Admins see hidden entries, and which worker runs what, but not someone else's development run.
    const [running, queued] = await lines(admin);
    expect(running).toMatchObject({ entry: { name: "secret entry" }, workerId: "secret-host:4242" });
    expect(queued?.entry).toBeNull();
    const mine = await lines({ id: owner, role: "participant" });
    expect(mine.map((run) => run.entry?.name)).toEqual(["secret entry", "private experiment"]);
  });

  test("lists the queued runs in the order workers take them: owners in turn, not first come first served", async () => {
    const submitMany = async (ownerId: string, seeds: number[]) => {
      const ids: string[] = [];
      for (const seed of seeds) ids.push((await submitEntry({ ownerId, name: `entry ${seed}`, spec: tinySpec(seed), trainLimit: 256 })).runId);
      return ids;
    };
    const [a1, a2, a3] = await submitMany(await createTestUser(), [11, 12, 13]);
    const [b1] = await submitMany(await createTestUser(), [21]);
    const mine = new Set([a1, a2, a3, b1]);
    const { queued } = await getQueueOverview({ id: "00000000-0000-4000-8000-000000000000", role: "admin" });
    expect(queued.filter((run) => mine.has(run.runId)).map((run) => run.runId)).toEqual([a1, b1, a2, a3]);
  });
});
