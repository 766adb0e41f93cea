import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDb } from "@/lib/db";
import { EXAMPLES, SEAN_SPEC, checkSpec } from "@/lib/spec";
import { BUDGETS } from "./format";
import { boardPage, getBoard, loadBoardData } from "./query";
import { insertUser, usePrivateDatabase } from "@/tests/fixtures";
import { insertEntry, insertReported, insertRun } from "@/tests/boards";

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const analysed = (spec: unknown) => {
  const checked = checkSpec(spec);
  if (!checked.ok) throw new Error("example specs are valid");
  return checked;
};
const SEAN = analysed(SEAN_SPEC);
const MLP = analysed(EXAMPLES.find((example) => example.slug === "mlp-baseline")!.spec);

let ada: string, grace: string, linus: string, marie: string;
let adaEntry: string, adaMlp: string, graceEntry: string, graceRun: string, marieEntry: string;
let hiddenEntry: string, devEntry: string, failedEntry: string, withdrawnEntry: string;

beforeAll(async () => {
  await usePrivateDatabase("catwalk_test_boards");
  ada = await insertUser("Ada");
  grace = await insertUser("Grace");
  linus = await insertUser("Linus");
  marie = await insertUser("Marie");

  // Ada's older run was better; the board must use her latest verified run.
  adaEntry = await insertEntry(ada, "ada-cnn");
  await insertRun(adaEntry, { finishedAt: minutesAgo(60), results: { 5: 0.95, 20: 0.96 } });
  await insertRun(adaEntry, { finishedAt: minutesAgo(10), results: { 5: 0.9, 50: 0.93 } });
  // A later run that did not verify changes nothing.
  await insertRun(adaEntry, { state: "failed", finishedAt: minutesAgo(1), results: {} });
  // Ada's second entry is her best on the 5-epoch board.
  adaMlp = await insertEntry(ada, "ada-mlp");
  await insertRun(adaMlp, { finishedAt: minutesAgo(5), results: { 5: 0.915 } });

  graceEntry = await insertEntry(grace, "grace-cnn", { spec: SEAN.spec, specHash: "hash-sean" });
  graceRun = await insertRun(graceEntry, { finishedAt: minutesAgo(30), seed: 42, results: { 5: 0.92 } });
  // Extra seeds: newer than the ranked run, they only feed the spread; seed 1's latest result counts.
  await insertRun(graceEntry, { reason: "extra seed", seed: 1, seedOverride: 1, finishedAt: minutesAgo(25), results: { 5: 0.9 } });
  await insertRun(graceEntry, { reason: "extra seed", seed: 2, seedOverride: 2, finishedAt: minutesAgo(24), results: { 5: 0.97 } });
  await insertRun(graceEntry, { reason: "extra seed", seed: 1, seedOverride: 1, finishedAt: minutesAgo(2), results: { 5: 0.912 } });
  await insertRun(graceEntry, { reason: "extra seed", seed: 3, seedOverride: 3, state: "failed", finishedAt: minutesAgo(2), results: { 5: 0.5 } });

  marieEntry = await insertEntry(marie, "marie-mlp", { spec: MLP.spec, specHash: "hash-mlp" });
  await insertRun(marieEntry, { finishedAt: minutesAgo(90), results: { 5: 0.85 } });
  await insertRun(marieEntry, { finishedAt: minutesAgo(20), results: { 5: 0.918 } });

  hiddenEntry = await insertEntry(linus, "hidden", { hidden: true });
  await insertRun(hiddenEntry, { finishedAt: minutesAgo(80), results: { 5: 0.99 } });
  withdrawnEntry = await insertEntry(linus, "withdrawn-net", { withdrawnAt: minutesAgo(3) });
  await insertRun(withdrawnEntry, { finishedAt: minutesAgo(70), results: { 5: 0.99, 20: 0.99 } });

  devEntry = await insertEntry(linus, "dev-limits");
  await insertRun(devEntry, { trainLimit: 512, results: { 5: 0.97 } });

  failedEntry = await insertEntry(linus, "still-running");
  await insertRun(failedEntry, { state: "running", results: { 5: 0.98 } });

  await insertReported("Sean", 5, 0.907, undefined, "2023-08-13");
  await insertReported("Sean", 20, 0.911);
  await insertReported("Sean", 50, 0.909);
  await insertReported("Jeremy Howard", 5, 0.927);
  // A reported result tied to an entry an admin has since hidden, one to a withdrawn entry.
  await insertReported("Hopper", 5, 0.5, hiddenEntry);
  await insertReported("Linus", 5, 0.6, withdrawnEntry);
});

afterAll(() => closeDb());

test("only verified results rank: one row per participant, their best entry, by accuracy", async () => {
  const board = await getBoard(5);
  expect(board.rows.map((row) => [row.rank, row.participant, row.entryName, row.kind, row.accuracy])).toEqual([
    [1, "Grace", "grace-cnn", "verified", 0.92],
    [2, "Marie", "marie-mlp", "verified", 0.918],
    [3, "Ada", "ada-mlp", "verified", 0.915],
  ]);
});

test("all entries: every entry on the board, ranked by its latest verified result", async () => {
  const board = await getBoard(5, { rows: "all", sort: "accuracy" });
  expect(board.rows.map((row) => [row.rank, row.entryName, row.accuracy])).toEqual([
    [1, "grace-cnn", 0.92],
    [2, "marie-mlp", 0.918],
    [3, "ada-mlp", 0.915],
    [4, "ada-cnn", 0.9],
  ]);
});

test("rows whose 95% interval overlaps the leader's are tied with #1; the leader is not", async () => {
  const board = await getBoard(5, { rows: "all", sort: "accuracy" });
  expect(board.rows.map((row) => [row.entryName, row.tiedWithLeader])).toEqual([
    ["grace-cnn", false],
    ["marie-mlp", true],
    ["ada-mlp", true],
    // 2.0 points behind: more than 0.53 + 0.59, the two half-widths.
    ["ada-cnn", false],
  ]);
});

test("sorting changes the order, never the accuracy rank", async () => {
  const byParams = await getBoard(5, { rows: "all", sort: "params" });
  const fewestFirst = [
    ["marie-mlp", MLP.analysis.params],
    ["grace-cnn", SEAN.analysis.params],
  ].sort((a, b) => Number(a[1]) - Number(b[1]));
  // Entries without a parameter count (their spec fails today's checks) come last, in rank order.
  expect(byParams.rows.map((row) => [row.entryName, row.params])).toEqual([...fewestFirst, ["ada-mlp", null], ["ada-cnn", null]]);
  expect(byParams.rows.find((row) => row.entryName === "ada-cnn")!.rank).toBe(4);

  const byDate = await getBoard(5, { rows: "all", sort: "date" });
  expect(byDate.rows.map((row) => [row.entryName, row.rank])).toEqual([
    ["ada-mlp", 3],
    ["ada-cnn", 4],
    ["marie-mlp", 2],
    ["grace-cnn", 1],
  ]);
});

test("a row carries parameters, FLOPs, the verification time and its run", async () => {
  const board = await getBoard(5);
  const graceRow = board.rows.find((row) => row.participant === "Grace")!;
  expect(graceRow).toMatchObject({ entryId: graceEntry, runId: graceRun, params: SEAN.analysis.params, flops: SEAN.analysis.flops });
  expect(Date.parse(graceRow.verifiedAt)).toBeCloseTo(minutesAgo(30).getTime(), -4);
  expect(graceRow.ci95).toBeCloseTo(1.96 * Math.sqrt((0.92 * 0.08) / 10_000) * 100, 10);
  expect(board.rows.find((row) => row.participant === "Ada")!.params).toBeNull();
});

test("seed spread: the ranked run and the latest result of each extra seed; extra seeds never rank", async () => {
  const board = await getBoard(5);
  const graceRow = board.rows.find((row) => row.participant === "Grace")!;
  expect(graceRow.accuracy).toBe(0.92);
  const seeds = [0.92, 0.912, 0.97];
  const mean = seeds.reduce((a, b) => a + b) / 3;
  const sd = Math.sqrt(seeds.reduce((sum, x) => sum + (x - mean) ** 2, 0) / 2);
  expect(graceRow.seeds!.n).toBe(3);
  expect(graceRow.seeds!.mean).toBeCloseTo(mean, 10);
  expect(graceRow.seeds!.sd).toBeCloseTo(sd, 10);
  // One seed is no spread.
  expect(board.rows.find((row) => row.participant === "Marie")!.seeds).toBeNull();
});

test("each row credits the entry's latest verified result per budget, with a dash where none", async () => {
  const board = await getBoard(5, { rows: "all", sort: "accuracy" });
  expect(Object.fromEntries(board.rows.map((row) => [row.entryName, row.creditText]))).toEqual({
    // Ada's 20-epoch result comes only from her older run, which is still her latest verified one for 20.
    "ada-cnn": "Ada: 90.0/96.0/93.0",
    "ada-mlp": "Ada: 91.5/–/–",
    "grace-cnn": "Grace: 92.0/–/–",
    "marie-mlp": "Marie: 91.8/–/–",
  });
});

test("reported results are apart from the ranking, with their date and source", async () => {
  const board = await getBoard(5);
  expect(board.rows.every((row) => row.kind === "verified")).toBe(true);
  expect(board.reported.map((row) => [row.participant, row.accuracy, row.creditText])).toEqual([
    ["Jeremy Howard", 0.927, "Jeremy Howard: 92.7/–/–"],
    ["Sean", 0.907, "Sean: 90.7/91.1/90.9"],
    ["Linus", 0.6, "Linus: 60.0/–/–"],
    ["Hopper", 0.5, "Hopper: 50.0/–/–"],
  ]);
  expect(board.reported.find((row) => row.participant === "Sean")).toMatchObject({ kind: "reported", reportedOn: "2023-08-13", source: "test fixture" });
});

test("a reported row tied to a hidden or withdrawn entry neither names nor links it", async () => {
  const board = await getBoard(5);
  for (const participant of ["Hopper", "Linus"]) {
    expect(board.reported.find((row) => row.participant === participant)).toMatchObject({ entryId: null, entryName: null });
  }
  expect(JSON.stringify(board)).not.toContain(hiddenEntry);
  expect(JSON.stringify(board)).not.toContain(withdrawnEntry);
});

test("hidden and withdrawn entries, development runs and runs not verified never reach a board", async () => {
  for (const board of await Promise.all(BUDGETS.map((budget) => getBoard(budget, { rows: "all", sort: "accuracy" })))) {
    const entryIds = [...board.rows.map((row) => row.entryId), ...board.records.map((record) => record.entryId)];
    for (const off of [hiddenEntry, withdrawnEntry, devEntry, failedEntry]) expect(entryIds).not.toContain(off);
    expect(JSON.stringify(board)).not.toContain("dev-limits");
  }
});

test("an entry appears on a budget's board only with a result for that budget", async () => {
  const board20 = await getBoard(20);
  expect(board20.rows.map((row) => [row.participant, row.accuracy])).toEqual([["Ada", 0.96]]);
  expect(board20.reported.map((row) => row.participant)).toEqual(["Sean"]);
  const board50 = await getBoard(50);
  expect(board50.rows.map((row) => [row.participant, row.accuracy])).toEqual([["Ada", 0.93]]);
});

test("the record's progression: ranked results that beat every earlier one, re-verifications included, extra seeds not", async () => {
  const board = await getBoard(5);
  // Grace's extra seed (97.0) and the hidden, withdrawn and development results would all be records.
  expect(board.records.map((record) => [record.participant, record.entryName, record.accuracy])).toEqual([
    ["Marie", "marie-mlp", 0.85],
    ["Ada", "ada-cnn", 0.95],
  ]);
  expect(Date.parse(board.records[0]!.setAt)).toBeCloseTo(minutesAgo(90).getTime(), -4);
  expect((await getBoard(50)).records.map((record) => [record.participant, record.accuracy])).toEqual([["Ada", 0.93]]);
});

test("a board is cut into pages of its ranked rows; a page past the end shows the last", async () => {
  const data = await loadBoardData(5);
  const all = boardPage(data, { rows: "all", sort: "accuracy" }, 1, 1000).rows.map((row) => row.entryId);
  expect(all.length).toBeGreaterThan(2);
  const first = boardPage(data, { rows: "all", sort: "accuracy" }, 1, 2);
  expect(first).toMatchObject({ page: 1, pageSize: 2, total: all.length, pageCount: Math.ceil(all.length / 2) });
  expect(first.rows.map((row) => row.entryId)).toEqual(all.slice(0, 2));
  const second = boardPage(data, { rows: "all", sort: "accuracy" }, 2, 2);
  expect(second.rows.map((row) => row.entryId)).toEqual(all.slice(2, 4));
  expect(second.rows[0]!.rank).toBe(3);
  const beyond = boardPage(data, { rows: "all", sort: "accuracy" }, 99, 2);
  expect(beyond.page).toBe(first.pageCount);
});
