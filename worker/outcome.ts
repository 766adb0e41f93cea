/**
 * How an execution ends, decided from what the worker saw: why it stopped the engine (if it
 * did), whether the engine started, the engine's last protocol line and exit, and which of the
 * run's budgets have a recorded result. A pure function, so that every branch is tested alone.
 */
import type { Outcome } from "@/lib/runs/transitions";
import type { EngineExit } from "./engine-process";
import type { EngineLine, ErrorLine } from "./engine-lines";

/** What the worker knows when the engine has gone; `missingBudgets` is only read after a clean "done". */
export interface ExecutionFacts {
  stopReason: "time_limit" | "recording_failed" | null;
  recordingError: unknown;
  setupError: unknown;
  finalLine: EngineLine | null;
  exit: EngineExit | null;
  missingBudgets: () => Promise<number[]>;
}

const ERROR_STATES: Record<ErrorLine["kind"], Outcome["state"]> = {
  diverged: "diverged",
  timed_out: "timed_out",
  out_of_memory: "failed",
  invalid_spec: "failed",
  dataset: "failed",
  internal: "failed",
};

function describeEngineError(line: ErrorLine): string {
  const where = [line.budget !== undefined ? `budget ${line.budget}` : null, line.epoch !== undefined ? `epoch ${line.epoch}` : null, line.step !== undefined ? `step ${line.step}` : null]
    .filter(Boolean)
    .join(", ");
  return where ? `${line.message} (${where})` : line.message;
}

/** Its last log lines are kept beside the error (runs.log_tail). */
function describeCrash(exit: EngineExit): string {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  return `the engine ${how} without finishing`;
}

export async function decideOutcome(facts: ExecutionFacts): Promise<Outcome> {
  const { stopReason, finalLine: last, exit } = facts;
  if (stopReason === "time_limit") {
    return { state: "failed", reason: "unresponsive", errorKind: "unresponsive", error: "the worker stopped the engine: it ran past every budget's time limit without ending" };
  }
  if (stopReason === "recording_failed") {
    return { state: "failed", reason: "recording failed", errorKind: "recording", error: `the worker could not record the engine's output: ${String(facts.recordingError)}` };
  }
  if (facts.setupError) return { state: "failed", reason: "could not start", errorKind: "internal", error: `the worker could not start the engine: ${String(facts.setupError)}` };
  if (last?.type === "error") return { state: ERROR_STATES[last.kind], reason: `engine: ${last.kind}`, errorKind: last.kind, error: describeEngineError(last) };
  if (last?.type === "done" && exit?.code === 0) {
    const missing = await facts.missingBudgets();
    if (missing.length > 0) return { state: "failed", reason: "incomplete", errorKind: "internal", error: `the engine finished without a result for budget ${missing.join(", ")}` };
    return { state: "verified", reason: "every budget verified", wallSeconds: last.wallSeconds };
  }
  return { state: "failed", reason: "engine crashed", errorKind: "crashed", error: exit ? describeCrash(exit) : "the engine did not start" };
}
