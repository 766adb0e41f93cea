/** The worker's settings, read and checked once at start. */
import os from "node:os";
import path from "node:path";
import { env, type CatwalkEnv } from "@/lib/env";

export const REPO_ROOT = path.resolve(import.meta.dirname, "..");

export interface WorkerConfig {
  workerId: string;
  concurrency: number;
  engineThreads: number;
  engineDevice: "auto" | "cpu" | "cuda";
  /** Each engine process's memory cap (RLIMIT_AS on the CPU), passed as --memory-limit-mb. */
  engineMemoryLimitMb: number;
  leaseSeconds: number;
  /** Passed to the engine as --budget-time-limit. */
  budgetTimeLimitSeconds: number;
  python: string;
  /** How often an idle worker looks for queued runs (a NOTIFY about a new run wakes it sooner). */
  pollIntervalMs: number;
  /** How often runs.progress is written while an epoch trains. */
  progressIntervalMs: number;
}

/**
 * Three quarters of the machine's memory shared among the concurrent engines, leaving the
 * rest to the worker, the database and the system: a spec that exhausts its share fails
 * alone, as out_of_memory, instead of waking the kernel's OOM killer.
 */
export function defaultEngineMemoryLimitMb(concurrency: number, totalBytes = os.totalmem()): number {
  return Math.max(1024, Math.floor((totalBytes * 0.75) / concurrency / 2 ** 20));
}

export function readWorkerConfig(settings: CatwalkEnv = env()): WorkerConfig {
  const concurrency = settings.WORKER_CONCURRENCY;
  return {
    workerId: `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 6)}`,
    concurrency,
    engineThreads: settings.CATWALK_ENGINE_THREADS ?? Math.max(1, Math.floor(os.availableParallelism() / concurrency)),
    engineDevice: settings.CATWALK_ENGINE_DEVICE,
    engineMemoryLimitMb: settings.CATWALK_ENGINE_MEMORY_LIMIT_MB ?? defaultEngineMemoryLimitMb(concurrency),
    leaseSeconds: settings.CATWALK_LEASE_SECONDS,
    budgetTimeLimitSeconds: settings.CATWALK_BUDGET_TIME_LIMIT_SECONDS,
    python: settings.CATWALK_PYTHON ?? path.join(REPO_ROOT, ".venv", "bin", "python"),
    pollIntervalMs: settings.CATWALK_WORKER_POLL_MS,
    progressIntervalMs: settings.CATWALK_PROGRESS_INTERVAL_MS,
  };
}
