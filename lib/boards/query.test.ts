import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDb } from "@/lib/db";
import { getBoard } from "./query";
import { insertUser, usePrivateDatabase } from "@/tests/fixtures";
import { insertEntry, insertReported, insertRun } from "./test-fixtures";

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

let ada: string, grace: string, linus: string;
let adaEntry: string, graceEntry: string, hiddenEntry: string, devEntry: string, failedEntry: string;

beforeAll(async () => {
  await usePrivateDatabase("catwalk_test_boards");
  ada = await insertUser("Ada");
  grace = await insertUser("Grace");
  linus = await insertUser("Linus");

  // Ada's older run was better; the board must use her latest verified run.
  adaEntry = await insertEntry(ada, "ada-cnn");
  await insertRun(adaEntry, { finishedAt: minutesAgo(60), results: { 5: 0.95, 20: 0.96 } });
  await insertRun(adaEntry, { finishedAt: minutesAgo(10), results: { 5: 0.9, 50: 0.93 } });
  // A later run that did not verify changes nothing.
  await insertRun(adaEntry, { state: "failed", finishedAt: minutesAgo(1), results: {} });

  graceEntry = await insertEntry(grace, "grace-resnet");
  await insertRun(graceEntry, { finishedAt: minutesAgo(30), results: { 5: 0.92 } });

  hiddenEntry = await insertEntry(linus, "hidden", { hidden: true });
  await insertRun(hiddenEntry, { results: { 5: 0.99 } });

  devEntry = await insertEntry(linus, "dev-limits");
  await insertRun(devEntry, { trainLimit: 512, results: { 5: 0.97 } });

  failedEntry = await insertEntry(linus, "still-running");
  await insertRun(failedEntry, { state: "running", results: { 5: 0.98 } });

  await insertReported("Sean", 5, 0.907);
  await insertReported("Sean", 20, 0.911);
  await insertReported("Sean", 50, 0.909);
  await insertReported("Jeremy Howard", 5, 0.927);
  // A reported result tied to an entry an admin has since hidden.
  await insertReported("Hopper", 5, 0.5, hiddenEntry);
});

afterAll(() => closeDb());

test("entries rank by their latest verified full-data run, beside reported results", async () => {
  const board = await getBoard(5);
  expect(board.rows.map((row) => [row.rank, row.participant, row.kind, row.accuracy])).toEqual([
    [1, "Jeremy Howard", "reported", 0.927],
    [2, "Grace", "verified", 0.92],
    [3, "Sean", "reported", 0.907],
    [4, "Ada", "verified", 0.9],
    [5, "Hopper", "reported", 0.5],
  ]);
});

test("each row credits the entry's latest verified result per budget, with a dash where none", async () => {
  const board = await getBoard(5);
  const credits = Object.fromEntries(board.rows.map((row) => [row.participant, row.creditText]));
  // Ada's 20-epoch result comes only from her older run, which is still her latest verified one for 20.
  expect(credits).toEqual({
    Ada: "Ada: 90.0/96.0/93.0",
    Grace: "Grace: 92.0/–/–",
    Sean: "Sean: 90.7/91.1/90.9",
    "Jeremy Howard": "Jeremy Howard: 92.7/–/–",
    Hopper: "Hopper: 50.0/–/–",
  });
});

test("verified rows link to their entry and run; reported rows are marked and carry their source", async () => {
  const board = await getBoard(5);
  const grace = board.rows.find((row) => row.participant === "Grace")!;
  expect(grace.entryId).toBe(graceEntry);
  expect(grace.runId).not.toBeNull();
  const sean = board.rows.find((row) => row.participant === "Sean")!;
  expect(sean).toMatchObject({ kind: "reported", runId: null, source: "test fixture" });
  expect(grace.ci95).toBeCloseTo(1.96 * Math.sqrt((0.92 * 0.08) / 10_000) * 100, 10);
});

test("development runs (with a train limit) are never on a board, not even in a side list", async () => {
  for (const budget of [5, 20, 50] as const) {
    const board = await getBoard(budget);
    expect(board.rows.some((row) => row.entryId === devEntry)).toBe(false);
    expect(JSON.stringify(board)).not.toContain("dev-limits");
  }
});

test("a reported row tied to a hidden entry neither names nor links it", async () => {
  const board = await getBoard(5);
  expect(board.rows.find((row) => row.participant === "Hopper")).toMatchObject({ kind: "reported", entryId: null, entryName: null });
  expect(JSON.stringify(board)).not.toContain(hiddenEntry);
});

test("hidden entries and runs that are not verified never reach a board", async () => {
  for (const budget of [5, 20, 50] as const) {
    const board = await getBoard(budget);
    const entryIds = board.rows.map((row) => row.entryId);
    expect(entryIds).not.toContain(hiddenEntry);
    expect(entryIds).not.toContain(failedEntry);
  }
});

test("an entry appears on a budget's board only with a result for that budget", async () => {
  const board20 = await getBoard(20);
  expect(board20.rows.map((row) => row.participant)).toEqual(["Ada", "Sean"]);
  const board50 = await getBoard(50);
  expect(board50.rows.map((row) => [row.participant, row.accuracy])).toEqual([
    ["Ada", 0.93],
    ["Sean", 0.909],
  ]);
});
