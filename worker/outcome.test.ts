import { describe, expect, test } from "vitest";
import type { Outcome } from "@/lib/runs/transitions";
import type { EngineLine } from "./engine-lines";
import { decideOutcome, type ExecutionFacts } from "./outcome";

const done: EngineLine = { type: "done", wallSeconds: 12.5 };
const cleanExit = { code: 0, signal: null, stderrTail: "" };
const facts = (overrides: Partial<ExecutionFacts>): ExecutionFacts => ({
  stopReason: null,
  recordingError: null,
  setupError: null,
  finalLine: done,
  exit: cleanExit,
  missingBudgets: async () => [],
  ...overrides,
});
const error = (kind: Extract<EngineLine, { type: "error" }>["kind"], where: Partial<Record<"budget" | "epoch" | "step", number>> = {}): EngineLine => ({
  type: "error",
  kind,
  message: `${kind} happened`,
  ...where,
});

const CASES: [string, ExecutionFacts, Outcome][] = [
  ["every budget recorded after a clean done", facts({}), { state: "verified", reason: "every budget verified", wallSeconds: 12.5 }],
  [
    "a clean done with a budget missing",
    facts({ missingBudgets: async () => [20, 50] }),
    { state: "failed", reason: "incomplete", errorKind: "internal", error: "the engine finished without a result for budget 20, 50" },
  ],
  [
    "the worker's backstop time limit",
    facts({ stopReason: "time_limit", finalLine: null, exit: { code: null, signal: "SIGKILL", stderrTail: "" } }),
    { state: "failed", reason: "unresponsive", errorKind: "unresponsive", error: "the worker stopped the engine: it ran past every budget's time limit without ending" },
  ],
  [
    "recording failed (even after a done)",
    facts({ stopReason: "recording_failed", recordingError: new Error("disk full") }),
    { state: "failed", reason: "recording failed", errorKind: "recording", error: "the worker could not record the engine's output: Error: disk full" },
  ],
  [
    "the engine could not be started",
    facts({ setupError: new Error("spawn python ENOENT"), finalLine: null, exit: null }),
    { state: "failed", reason: "could not start", errorKind: "internal", error: "the worker could not start the engine: Error: spawn python ENOENT" },
  ],
  [
    "diverged, with where",
    facts({ finalLine: error("diverged", { budget: 5, epoch: 2, step: 17 }), exit: { code: 1, signal: null, stderrTail: "" } }),
    { state: "diverged", reason: "engine: diverged", errorKind: "diverged", error: "diverged happened (budget 5, epoch 2, step 17)" },
  ],
  ["timed out", facts({ finalLine: error("timed_out", { budget: 50 }) }), { state: "timed_out", reason: "engine: timed_out", errorKind: "timed_out", error: "timed_out happened (budget 50)" }],
  ["out of memory", facts({ finalLine: error("out_of_memory") }), { state: "failed", reason: "engine: out_of_memory", errorKind: "out_of_memory", error: "out_of_memory happened" }],
  ["an invalid spec", facts({ finalLine: error("invalid_spec") }), { state: "failed", reason: "engine: invalid_spec", errorKind: "invalid_spec", error: "invalid_spec happened" }],
  ["the dataset", facts({ finalLine: error("dataset") }), { state: "failed", reason: "engine: dataset", errorKind: "dataset", error: "dataset happened" }],
  ["an internal error", facts({ finalLine: error("internal") }), { state: "failed", reason: "engine: internal", errorKind: "internal", error: "internal happened" }],
  [
    "killed by a signal before any final line",
    facts({ finalLine: null, exit: { code: null, signal: "SIGKILL", stderrTail: "" } }),
    { state: "failed", reason: "engine crashed", errorKind: "crashed", error: "the engine was killed by SIGKILL without finishing" },
  ],
  [
    "a done line but a non-zero exit",
    facts({ exit: { code: 3, signal: null, stderrTail: "" } }),
    { state: "failed", reason: "engine crashed", errorKind: "crashed", error: "the engine exited with code 3 without finishing" },
  ],
  ["no exit and no line", facts({ finalLine: null, exit: null }), { state: "failed", reason: "engine crashed", errorKind: "crashed", error: "the engine did not start" }],
];

describe("decideOutcome", () => {
  test.each(CASES)("%s", async (_name, given, expected) => {
    expect(await decideOutcome(given)).toEqual(expected);
  });

  test("looks up the recorded budgets only after a clean done", async () => {
    let asked = 0;
    const missingBudgets = async () => {
      asked += 1;
      return [];
    };
    await decideOutcome(facts({ finalLine: error("internal"), missingBudgets }));
    await decideOutcome(facts({ stopReason: "time_limit", missingBudgets }));
    expect(asked).toBe(0);
    await decideOutcome(facts({ missingBudgets }));
    expect(asked).toBe(1);
  });
});
