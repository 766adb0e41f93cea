/** What the recorder stores of a checkpoint's misclassified images, and how the entry page reads them back. */
import { afterAll, beforeAll, expect, test } from "vitest";
import { insertEntry, insertRun } from "@/tests/boards";
import { getEntryRuns } from "@/lib/entries/runs";
import type { RunProgress } from "@/lib/runs/run-progress";
import { withTransaction } from "@/lib/runs/transaction";
import { claimRun } from "@/lib/runs/transitions";
import { closeDatabaseClients, insertUser, usePrivateDatabase } from "@/tests/fixtures";
import { parseEngineLine, type CheckpointLine } from "./engine-lines";
import { Recorder } from "./recorder";

const PROGRESS: RunProgress = { epochsDone: 5, epochsTotal: 5, runEpochs: 5, epoch: 5, step: 10, steps: 10, budgetsDone: [5], etaSeconds: 0, updatedAt: new Date().toISOString() };

function checkpointText(misclassified: unknown): string {
  const matrix = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 90 : 1)));
  return JSON.stringify({ type: "checkpoint", budget: 5, testAccuracy: 0.9, testLoss: 0.3, perClassAccuracy: Array(10).fill(0.9), confusionMatrix: matrix, seconds: 3, misclassified });
}

let entryId = "";

beforeAll(async () => {
  await usePrivateDatabase("catwalk_test_recorder_misclassified");
  entryId = await insertEntry(await insertUser("Recorder owner"), "recorded");
});

afterAll(() => closeDatabaseClients());

test("the protocol takes up to 8 misclassified images with in-range labels, and no more", () => {
  const eight = Array.from({ length: 8 }, (_, i) => ({ index: 100 + i, label: i, predicted: 9 - i }));
  expect(parseEngineLine(checkpointText(eight))).toMatchObject({ line: { misclassified: eight } });
  expect(parseEngineLine(checkpointText([...eight, { index: 1, label: 0, predicted: 1 }]))).toHaveProperty("problem");
  expect(parseEngineLine(checkpointText([{ index: 1, label: 10, predicted: 1 }]))).toHaveProperty("problem");
  expect(parseEngineLine(checkpointText([{ index: -1, label: 0, predicted: 1 }]))).toHaveProperty("problem");
  expect(parseEngineLine(checkpointText([{ index: 1, label: 0, predicted: 1, path: "/etc" }]))).toHaveProperty("problem");
});

test("a checkpoint's misclassified images are stored with its result and read back in order", async () => {
  const runId = await insertRun(entryId, { state: "queued" });
  const claim = await withTransaction((tx) => claimRun(tx, runId, "test-worker", 60));
  if (!claim) throw new Error("not claimed");
  const failures: unknown[] = [];
  const recorder = new Recorder(claim, { onFailure: (error) => failures.push(error) }, 0);
  const named = [
    { index: 4021, label: 6, predicted: 0 },
    { index: 17, label: 2, predicted: 4 },
  ];
  const parsed = parseEngineLine(checkpointText(named));
  if (!("line" in parsed)) throw new Error(parsed.problem);
  recorder.checkpoint(parsed.line as CheckpointLine, PROGRESS);
  await recorder.drain();
  expect(failures).toEqual([]);
  const [run] = (await getEntryRuns(entryId)).filter((snapshot) => snapshot.id === runId);
  expect(run?.results.map((result) => result.misclassified)).toEqual([named]);
});

test("a result recorded before the engine named images reads as none", async () => {
  const runId = await insertRun(entryId, { results: { 5: 0.9 } });
  const [run] = (await getEntryRuns(entryId)).filter((snapshot) => snapshot.id === runId);
  expect(run?.results[0]?.misclassified).toEqual([]);
});
