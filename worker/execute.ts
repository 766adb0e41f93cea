/**
 * One execution of one claimed run: write the spec file, run the engine, record its lines,
 * keep the lease, listen for cancellation, and end in exactly one transition (or none, when the
 * run was cancelled or taken over meanwhile: then the newer truth stands).
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { entries, runs, TERMINAL_RUN_STATES, type RunState } from "@/db/schema";
import { isPlatformFailure, logTail } from "@/lib/runs/attempts";
import { subscribeToRun } from "@/lib/runs/listen";
import { withTransaction } from "@/lib/runs/transaction";
import { actor, finishRun, heldBy, releaseRun, retryOrFailRun, type Outcome, type RunClaim } from "@/lib/runs/transitions";
import { canonicalJson } from "@/lib/spec/canonical";
import { type EntrySpec, entrySpecSchema } from "@/lib/spec/schema";
import { REPO_ROOT, type WorkerConfig } from "./config";
import { parseEngineLine, type EngineLine } from "./engine-lines";
import { startEngine, type EngineExit, type EngineProcess } from "./engine-process";
import { startHeartbeat } from "./heartbeat";
import { decideOutcome } from "./outcome";
import { ProgressTracker } from "./progress-tracker";
import { ClaimLostError, Recorder, recordedBudgets } from "./recorder";
import { retryOnConnectionError } from "./retry";
import { queueExtraSeedsAfter } from "./extra-seeds";

/**
 * How an execution ended: `retried` means a platform failure sent the run back to the queue as its
 * next attempt; `lost` means the run stopped being ours (cancelled, taken over).
 */
export type ExecutionEnd = Outcome["state"] | "retried" | "released" | "lost";

/** Why the worker stopped the engine itself. */
type StopReason = "lost" | "shutdown" | "time_limit" | "recording_failed";

export interface Execution {
  claim: RunClaim;
  /** The engine's process id once it runs. */
  enginePid(): number | undefined;
  /** Stops the engine and puts the run back in the queue (graceful worker stop). */
  shutdown(): void;
  done: Promise<ExecutionEnd>;
}

/** Extra seconds beyond the engine's own per-budget limits before the worker stops it as timed out. */
const TIME_LIMIT_MARGIN_SECONDS = 120;

interface RunJob {
  budgets: number[];
  trainLimit: number | null;
  seedOverride: number | null;
  spec: EntrySpec;
}

async function loadRunJob(runId: string): Promise<RunJob> {
  return withTransaction(async (tx) => {
    const [row] = await tx.db
      .select({ budgets: runs.budgets, trainLimit: runs.trainLimit, seedOverride: runs.seedOverride, spec: entries.spec })
      .from(runs)
      .innerJoin(entries, eq(entries.id, runs.entryId))
      .where(eq(runs.id, runId));
    if (!row) throw new Error(`run ${runId} vanished`);
    // The engine takes only normalised specs: one stored before a field with a default existed
    // gets that default, as the site normalises today; one the schema now refuses goes as stored,
    // and the engine names its issues.
    const current = entrySpecSchema.safeParse(row.spec);
    return { ...row, spec: current.success ? current.data : row.spec };
  });
}

async function stillHeld(claim: RunClaim): Promise<boolean> {
  return withTransaction(async (tx) => (await tx.db.select({ id: runs.id }).from(runs).where(heldBy(claim))).length > 0);
}

function isTerminal(state: RunState): boolean {
  return (TERMINAL_RUN_STATES as readonly RunState[]).includes(state);
}

export function startExecution(claim: RunClaim, config: WorkerConfig): Execution {
  let engine: EngineProcess | null = null;
  let stopReason: StopReason | null = null;
  let recordingError: unknown = null;
  let setupError: unknown = null;
  const stop = (reason: StopReason) => {
    stopReason ??= reason;
    engine?.kill();
  };
  const done = run();
  return { claim, enginePid: () => engine?.pid, shutdown: () => stop("shutdown"), done };

  async function run(): Promise<ExecutionEnd> {
    const log = (message: string) => console.log(`[worker ${config.workerId}] run ${claim.runId} (attempt ${claim.attempt + 1}): ${message}`);
    const tracker = new ProgressTracker();
    const recorder = new Recorder(
      claim,
      {
        onFailure(error) {
          if (error instanceof ClaimLostError) return stop("lost");
          recordingError = error;
          stop("recording_failed");
        },
      },
      config.progressIntervalMs,
    );
    const heartbeat = startHeartbeat(claim, config.leaseSeconds, () => stop("lost"));
    const unsubscribe = subscribeToRun(claim.runId, (change) => {
      if (change.state === "running") return;
      // A finished run is never claimed again, so its notification is about this claim: stop at once.
      if (isTerminal(change.state)) return stop("lost");
      // "queued" may be a late notification from before this claim: ask the database.
      void stillHeld(claim).then(
        (held) => held || stop("lost"),
        () => undefined,
      );
    });
    let specDir: string | null = null;
    let finalLine: EngineLine | null = null;
    let exit: EngineExit | null = null;
    let timeLimit: NodeJS.Timeout | null = null;
    try {
      const job = await retryOnConnectionError(() => loadRunJob(claim.runId), { label: "loading the run", giveUp: () => stopReason !== null });
      if (stopReason) return await conclude();
      specDir = await fs.mkdtemp(path.join(os.tmpdir(), "catwalk-run-"));
      const specFile = path.join(specDir, "spec.json");
      await fs.writeFile(specFile, canonicalJson(job.spec));
      log(`training budgets ${job.budgets.join("/")}${job.trainLimit !== null ? ` on ${job.trainLimit} training images (a development run, evaluated on the development slice)` : ""}`);
      engine = startEngine(
        {
          python: config.python,
          cwd: path.join(REPO_ROOT, "worker"),
          specFile,
          budgets: job.budgets,
          trainLimit: job.trainLimit,
          seed: job.seedOverride,
          memoryLimitMb: config.engineMemoryLimitMb,
          threads: config.engineThreads,
          device: config.engineDevice,
          budgetTimeLimitSeconds: config.budgetTimeLimitSeconds,
        },
        (text) => {
          const parsed = parseEngineLine(text);
          if ("problem" in parsed) return log(`ignored engine output, ${parsed.problem}`);
          const line = parsed.line;
          switch (line.type) {
            case "start":
              tracker.onStart(line);
              return recorder.start(line, tracker.snapshot());
            case "progress":
              tracker.onProgress(line);
              return recorder.progress(tracker.snapshot());
            case "epoch":
              tracker.onEpoch(line);
              return recorder.epoch(line, tracker.snapshot());
            case "checkpoint":
              tracker.onCheckpoint(line);
              return recorder.checkpoint(line, tracker.snapshot());
            case "done":
            case "error":
              finalLine = line;
          }
        },
      );
      if (stopReason) engine.kill();
      // The engine enforces the limit per budget; this backstop catches an engine that stops reporting.
      const seconds = config.budgetTimeLimitSeconds * job.budgets.length + TIME_LIMIT_MARGIN_SECONDS;
      timeLimit = setTimeout(() => stop("time_limit"), seconds * 1000);
      exit = await engine.exited;
      await recorder.drain();
      return await conclude();
    } catch (error) {
      if (engine) throw error;
      setupError = error;
      return await conclude();
    } finally {
      if (timeLimit) clearTimeout(timeLimit);
      recorder.stop();
      heartbeat.stop();
      unsubscribe();
      if (specDir) await fs.rm(specDir, { recursive: true, force: true });
    }

    async function conclude(): Promise<ExecutionEnd> {
      const end = await retryOnConnectionError(() => settle(), { label: "finishing the run" });
      log(end === "lost" ? "no longer ours (cancelled or taken over); engine stopped" : end);
      if (end === "verified") await queueExtraSeedsAfter(claim.runId, log);
      return end;
    }

    async function settle(): Promise<ExecutionEnd> {
      if (stopReason === "lost") return "lost";
      const finishedAnyway = (finalLine as EngineLine | null)?.type === "done" && exit?.code === 0;
      if (stopReason === "shutdown" && !finishedAnyway) {
        return (await withTransaction((tx) => releaseRun(tx, claim, "the worker stopped; the run starts again from scratch"))) ? "released" : "lost";
      }
      const facts = {
        stopReason: stopReason === "time_limit" || stopReason === "recording_failed" ? stopReason : null,
        recordingError,
        setupError,
        finalLine: finalLine as EngineLine | null,
        exit,
        missingBudgets: async () => {
          const recorded = await withTransaction((tx) => recordedBudgets(tx, claim.runId));
          return (await loadRunJob(claim.runId)).budgets.filter((budget) => !recorded.includes(budget));
        },
      };
      const outcome = { ...(await decideOutcome(facts)), logTail: logTail(exit?.stderrTail) };
      if (outcome.state === "failed" && isPlatformFailure(outcome.errorKind)) {
        const failure = { errorKind: outcome.errorKind, error: outcome.error ?? outcome.reason, logTail: outcome.logTail };
        const result = await withTransaction((tx) => retryOrFailRun(tx, claim, actor.worker(claim.workerId), failure));
        return !result ? "lost" : result.outcome === "requeued" ? "retried" : "failed";
      }
      if (outcome.state === "verified") outcome.logTail = null;
      return (await withTransaction((tx) => finishRun(tx, claim, outcome))) ? outcome.state : "lost";
    }
  }
}
