import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runEvents, runs } from "@/db/schema";
import { getDb } from "@/lib/db";
import { insertEntry, insertRun } from "@/tests/boards";
import { closeDatabaseClients, insertUser, usePrivateDatabase } from "@/tests/fixtures";
import { getEntry, getParticipant } from "./entry";
import { reverifyEntry } from "./reverify";
import { getEntryRuns } from "./runs";
import { runsForViewer } from "./run-visibility";

type Viewer = { id: string; role: string };
let owner: Viewer;
let stranger: Viewer;
let admin: Viewer;
let hiddenParent: string;
let fork: string;
let failedRun: string;
let developmentRun: string;

const STDERR = "Traceback (most recent call last):\n  File \"/srv/catwalk/worker/engine/train.py\", line 12\nRuntimeError: CUDA out of memory";
const LOG_TAIL = "engine: loading /srv/private-datasets/fashion-mnist\nKilled";

beforeAll(async () => {
  await usePrivateDatabase("catwalk_test_entry_visibility");
  owner = { id: await insertUser("Owner"), role: "participant" };
  stranger = { id: await insertUser("Stranger"), role: "participant" };
  admin = { id: await insertUser("Admin", { role: "admin" }), role: "admin" };
  hiddenParent = await insertEntry(owner.id, "hidden parent", { hidden: true });
  fork = await insertEntry(owner.id, "public fork", { parentId: hiddenParent });

  failedRun = await insertRun(fork, { state: "failed" });
  await getDb().update(runs).set({ workerId: "build-host-7:31337:ab12", errorKind: "out_of_memory", error: STDERR, logTail: LOG_TAIL }).where(eq(runs.id, failedRun));
  await getDb().insert(runEvents).values([
    { runId: failedRun, fromState: "queued", toState: "running", actor: "worker:build-host-7:31337:ab12", reason: "claimed" },
    { runId: failedRun, fromState: "running", toState: "queued", actor: "worker:build-host-8:2:cd34", reason: "attempt 1: worker build-host-7:31337:ab12 stopped renewing its lease" },
  ]);
  developmentRun = await insertRun(fork, { trainLimit: 256, results: { 5: 0.8 } });
});

afterAll(() => closeDatabaseClients());

describe("hidden entries (finding 6)", () => {
  test("a hidden entry exists only for its owner and admins", async () => {
    expect(await getEntry(hiddenParent, null)).toBeNull();
    expect(await getEntry(hiddenParent, stranger)).toBeNull();
    expect((await getEntry(hiddenParent, owner))?.name).toBe("hidden parent");
    expect((await getEntry(hiddenParent, admin))?.name).toBe("hidden parent");
  });

  test("a fork of a hidden entry neither names nor links its parent for anyone else", async () => {
    for (const viewer of [null, stranger]) {
      const entry = await getEntry(fork, viewer);
      expect(entry?.parent).toBeNull();
      expect(JSON.stringify(entry)).not.toContain(hiddenParent);
    }
    expect((await getEntry(fork, owner))?.parent).toEqual({ id: hiddenParent, name: "hidden parent" });
    expect((await getEntry(fork, admin))?.parent).toEqual({ id: hiddenParent, name: "hidden parent" });
  });

  test("the participant page lists hidden entries only for their owner and admins", async () => {
    const names = async (viewer: Viewer | null) => (await getParticipant(owner.id, viewer))?.entries.map((entry) => entry.name).sort();
    expect(await names(stranger)).toEqual(["public fork"]);
    expect(await names(null)).toEqual(["public fork"]);
    expect(await names(owner)).toEqual(["hidden parent", "public fork"]);
    expect(await names(admin)).toEqual(["hidden parent", "public fork"]);
  });
});

describe("what each viewer sees of a run (finding 10, development runs)", () => {
  const seen = async (viewer: Viewer | null) => runsForViewer(await getEntryRuns(fork), { ownerId: owner.id }, viewer);

  test("the public sees a failed run's outcome: state and error kind, never the log tail or the worker", async () => {
    for (const viewer of [null, stranger]) {
      const [run] = (await seen(viewer)).filter((snapshot) => snapshot.id === failedRun);
      expect(run).toMatchObject({ state: "failed", errorKind: "out_of_memory", error: null, workerId: null, logTail: null });
      const text = JSON.stringify(run);
      expect(text).not.toContain("private-datasets");
      expect(text).not.toContain("build-host");
      expect(text).not.toContain("Traceback");
      expect(run?.events.map((event) => event.actor)).toEqual(["worker", "worker"]);
    }
  });

  test("the owner and admins see the failure's reason, the log tail and the worker", async () => {
    for (const viewer of [owner, admin]) {
      const [run] = (await seen(viewer)).filter((snapshot) => snapshot.id === failedRun);
      expect(run).toMatchObject({ error: STDERR, workerId: "build-host-7:31337:ab12", logTail: LOG_TAIL });
      expect(run?.events[1]?.reason).toContain("build-host-7");
    }
  });

  test("a development run is seen by its owner only", async () => {
    const ids = async (viewer: Viewer | null) => (await seen(viewer)).map((run) => run.id);
    expect(await ids(owner)).toContain(developmentRun);
    for (const viewer of [null, stranger, admin]) expect(await ids(viewer)).not.toContain(developmentRun);
  });
});

describe("re-verification reason (finding 9)", () => {
  test("the server refuses a reason over 500 characters, or one that is blank or carries control characters", async () => {
    const before = (await getDb().select().from(runs).where(eq(runs.entryId, fork))).length;
    await expect(reverifyEntry({ entryId: fork, adminId: admin.id, reason: "x".repeat(501) })).rejects.toThrow(/^reason must be at most 500 characters/);
    await expect(reverifyEntry({ entryId: fork, adminId: admin.id, reason: "\u200B " })).rejects.toThrow(/^reason must contain visible characters/);
    await expect(reverifyEntry({ entryId: fork, adminId: admin.id, reason: "a\u0000b" })).rejects.toThrow(/^reason must not contain control characters/);
    expect(await getDb().select().from(runs).where(eq(runs.entryId, fork))).toHaveLength(before);
    await expect(reverifyEntry({ entryId: fork, adminId: admin.id, reason: "y".repeat(500) })).resolves.toMatchObject({ runId: expect.any(String) });
  });
});
