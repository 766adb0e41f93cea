import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { entries, runs } from "@/db/schema";
import { getDb } from "@/lib/db";
import { setEntryHidden } from "@/lib/entries/entry";
import { submitSubmission } from "./submit";
import { closeDatabaseClients, insertUser, usePrivateDatabase } from "@/tests/fixtures";
import { smallSpec } from "@/tests/submission";

let ada: { id: string; role: string };

// Most tests submit several entries as one participant; the quota test lowers this itself.
const GENEROUS_QUOTA = "1000";

beforeAll(async () => {
  process.env.CATWALK_MAX_QUEUED_PER_USER = GENEROUS_QUOTA;
  await usePrivateDatabase("catwalk_test_submission");
  ada = { id: await insertUser("Ada"), role: "participant" };
});

afterAll(async () => {
  delete process.env.CATWALK_MAX_QUEUED_PER_USER;
  await closeDatabaseClients();
});

afterEach(() => {
  delete process.env.CATWALK_DEV_LIMITS;
  process.env.CATWALK_MAX_QUEUED_PER_USER = GENEROUS_QUOTA;
});

describe("submitSubmission", () => {
  test("a valid submission creates the entry and its queued run", async () => {
    const outcome = await submitSubmission(ada, { name: "Ada's MLP", description: "a baseline", spec: smallSpec(1) }, "value");
    expect(outcome.kind).toBe("created");
    if (outcome.kind !== "created") return;
    const [entry] = await getDb().select().from(entries).where(eq(entries.id, outcome.entryId));
    expect(entry).toMatchObject({ ownerId: ada.id, name: "Ada's MLP", description: "a baseline", specVersion: 1, parentId: null });
    // Stored normalised: defaults the participant left out are filled in.
    expect(entry?.spec.loss).toEqual({ type: "cross_entropy", labelSmoothing: 0 });
    const [run] = await getDb().select().from(runs).where(eq(runs.id, outcome.runId));
    expect(run).toMatchObject({ entryId: outcome.entryId, state: "queued", budgets: [5], requestedBy: ada.id, trainLimit: null });
  });

  test("the form's JSON text is accepted the same way", async () => {
    const outcome = await submitSubmission(ada, { name: "From the form", spec: JSON.stringify(smallSpec(2)) }, "text");
    expect(outcome.kind).toBe("created");
  });

  test("a double click creates one entry and one run; the other click is told it is a duplicate of that entry", async () => {
    const body = { name: "Twice", spec: smallSpec(3) };
    const outcomes = await Promise.all([submitSubmission(ada, body, "value"), submitSubmission(ada, body, "value")]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(["created", "duplicate"]);
    const created = outcomes.find((outcome) => outcome.kind === "created")!;
    const duplicate = outcomes.find((outcome) => outcome.kind === "duplicate")!;
    if (created.kind !== "created" || duplicate.kind !== "duplicate") return;
    expect(duplicate).toMatchObject({ entryId: created.entryId, runId: created.runId, runState: "queued" });
    expect(duplicate.message).toMatch(/^You submitted this exact spec moments ago as "Twice", so nothing new was queued; its run is queued\.$/);
    expect(await getDb().select().from(runs).where(eq(runs.entryId, created.entryId))).toHaveLength(1);
  });

  test("signed-out users are asked to sign in and nothing is written", async () => {
    const before = (await getDb().select().from(entries)).length;
    expect(await submitSubmission(null, { name: "Nobody", spec: smallSpec(4) }, "value")).toEqual({ kind: "signed_out", message: "Sign in to submit an entry." });
    expect(await getDb().select().from(entries)).toHaveLength(before);
  });

  test("an invalid submission writes nothing and names each field", async () => {
    const before = (await getDb().select().from(entries)).length;
    const spec = smallSpec(5) as { model: { layers: Record<string, unknown>[] } };
    spec.model.layers[1] = { ...spec.model.layers[1], units: 0 };
    const outcome = await submitSubmission(ada, { name: "", spec }, "value");
    expect(outcome.kind).toBe("invalid");
    expect(outcome.kind === "invalid" && outcome.issues.map((issue) => issue.path)).toEqual(["name", "spec.model.layers.1.units"]);
    expect(await getDb().select().from(entries)).toHaveLength(before);
  });

  test("a fork records its parent; an unknown parent is an issue at parentId", async () => {
    const parent = await submitSubmission(ada, { name: "Parent", spec: smallSpec(6) }, "value");
    if (parent.kind !== "created") throw new Error(`parent not created: ${JSON.stringify(parent)}`);
    const child = await submitSubmission(ada, { name: "Child", spec: smallSpec(7), parentId: parent.entryId }, "value");
    if (child.kind !== "created") throw new Error(`child not created: ${JSON.stringify(child)}`);
    const [row] = await getDb().select({ parentId: entries.parentId }).from(entries).where(eq(entries.id, child.entryId));
    expect(row?.parentId).toBe(parent.entryId);

    const orphan = await submitSubmission(ada, { name: "Orphan", spec: smallSpec(8), parentId: "00000000-0000-4000-8000-000000000000" }, "value");
    expect(orphan.kind).toBe("invalid");
    expect(orphan.kind === "invalid" && orphan.issues[0]?.path).toBe("parentId");
  });

  test("a hidden entry is a fork source only for its owner and admins; anyone else gets 422 at parentId", async () => {
    const linus = { id: await insertUser("Linus"), role: "participant" };
    const admin = { id: await insertUser("Admin", { role: "admin" }), role: "admin" };
    const parent = await submitSubmission(linus, { name: "Secret parent", spec: smallSpec(20) }, "value");
    if (parent.kind !== "created") throw new Error(`parent not created: ${JSON.stringify(parent)}`);
    await setEntryHidden({ entryId: parent.entryId, hidden: true, actorId: admin.id });
    const before = (await getDb().select().from(entries)).length;

    const stranger = await submitSubmission(ada, { name: "Stolen fork", spec: smallSpec(21), parentId: parent.entryId }, "value");
    expect(stranger).toEqual({ kind: "invalid", issues: [{ path: "parentId", message: `parentId: there is no entry ${parent.entryId} to fork from` }] });
    expect(await getDb().select().from(entries)).toHaveLength(before);

    for (const [who, seed] of [[linus, 22], [admin, 23]] as const) {
      const fork = await submitSubmission(who, { name: "Allowed fork", spec: smallSpec(seed), parentId: parent.entryId }, "value");
      expect(fork.kind).toBe("created");
    }
  });

  test("text that would reach the database badly is refused at its field: NUL, zero-width only, bidi overrides", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ name: "bad\u0000name" }, "name"],
      [{ name: "\u200B\u200C\u200D\uFEFF" }, "name"],
      [{ name: "evil\u202Egnp.exe" }, "name"],
      [{ name: "isolate \u2066x\u2069" }, "name"],
      [{ name: "two\nlines" }, "name"],
      [{ name: "ok", description: "nul \u0000 inside" }, "description"],
      [{ name: "ok", description: "override \u202D here" }, "description"],
    ];
    for (const [fields, path] of cases) {
      const outcome = await submitSubmission(ada, { ...fields, spec: smallSpec(30) }, "value");
      expect(outcome.kind === "invalid" && outcome.issues.map((issue) => issue.path)).toEqual([path]);
    }
    const multiline = await submitSubmission(ada, { name: "Multi-line description", description: "line one\nline two", spec: smallSpec(31) }, "value");
    expect(multiline.kind).toBe("created");
  });

  test("a development limit is refused unless CATWALK_DEV_LIMITS=1, then stored on the run", async () => {
    const body = { name: "Dev run", spec: smallSpec(9), trainLimit: 512 };
    const refused = await submitSubmission(ada, body, "value");
    expect(refused.kind === "invalid" && refused.issues.map((issue) => issue.path)).toEqual(["trainLimit"]);

    process.env.CATWALK_DEV_LIMITS = "1";
    const accepted = await submitSubmission(ada, body, "value");
    if (accepted.kind !== "created") throw new Error(`not created: ${JSON.stringify(accepted)}`);
    const [run] = await getDb().select().from(runs).where(eq(runs.id, accepted.runId));
    expect(run).toMatchObject({ trainLimit: 512 });
    expect(run).not.toHaveProperty("testLimit");
  });

  test("a chosen test subset is refused naming testLimit, and nothing is stored", async () => {
    process.env.CATWALK_DEV_LIMITS = "1";
    const refused = await submitSubmission(ada, { name: "Peek", spec: smallSpec(10), trainLimit: 512, testLimit: 1 }, "value");
    expect(refused).toEqual({ kind: "invalid", issues: [{ path: "testLimit", message: "testLimit is not a known field" }] });
    expect(await getDb().select().from(entries).where(eq(entries.name, "Peek"))).toEqual([]);
  });

  test("over the queued-runs quota the submission is refused with the quota's message", async () => {
    const grace = { id: await insertUser("Grace"), role: "participant" };
    process.env.CATWALK_MAX_QUEUED_PER_USER = "1";
    expect((await submitSubmission(grace, { name: "First", spec: smallSpec(10) }, "value")).kind).toBe("created");
    const second = await submitSubmission(grace, { name: "Second", spec: smallSpec(11) }, "value");
    expect(second.kind).toBe("refused");
    expect(second.kind === "refused" && second.message).toMatch(/runs queued or running/);
  });
});
