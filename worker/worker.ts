/**
 * A worker: claims runs up to its concurrency, executes each, and rescues runs whose workers died.
 * Any failure is logged and survived (database outages are waited out with backoff); stop() stops
 * claiming, stops the engines and puts their runs back in the queue.
 */
import { subscribeToRuns } from "@/lib/runs/listen";
import { claimNextRun } from "./claim";
import type { WorkerConfig } from "./config";
import { startExecution, type Execution, type ExecutionEnd } from "./execute";
import { isConnectionError } from "./retry";
import { takeOverExpiredRuns } from "./takeover";

const MAX_BACKOFF_MS = 10_000;

export class Worker {
  readonly executions = new Map<string, Execution>();
  /** Every execution's end, in order (tests and logs read it). */
  readonly finished: { runId: string; attempt: number; end: ExecutionEnd }[] = [];
  private stopping = false;
  private ready = false;
  private wake: () => void = () => undefined;
  private claimLoop: Promise<void> | null = null;
  private takeoverTimer: NodeJS.Timeout | null = null;
  private unsubscribe: () => void = () => undefined;

  constructor(readonly config: WorkerConfig) {}

  start(): void {
    this.log(`started: concurrency ${this.config.concurrency}, ${this.config.engineThreads} engine threads, lease ${this.config.leaseSeconds} s`);
    this.unsubscribe = subscribeToRuns((change) => {
      if (change.state === "queued") this.wake();
    });
    this.claimLoop = this.claimUntilStopped();
    const takeoverEveryMs = Math.max(500, (this.config.leaseSeconds * 1000) / 3);
    this.takeoverTimer = setInterval(() => void this.takeOver(), takeoverEveryMs);
  }

  /** Graceful stop: no new claims, running engines stopped, their runs back to queued. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.log("stopping");
    if (this.takeoverTimer) clearInterval(this.takeoverTimer);
    this.unsubscribe();
    this.wake();
    await this.claimLoop;
    for (const execution of this.executions.values()) execution.shutdown();
    await Promise.allSettled([...this.executions.values()].map((execution) => execution.done));
    this.log("stopped");
  }

  private async claimUntilStopped(): Promise<void> {
    let backoffMs = 250;
    while (!this.stopping) {
      if (this.executions.size >= this.config.concurrency) {
        await this.sleep(this.config.pollIntervalMs);
        continue;
      }
      try {
        const claim = await claimNextRun(this.config.workerId, this.config.leaseSeconds);
        if (!this.ready) {
          this.ready = true;
          this.log("ready: working the queue");
        }
        backoffMs = 250;
        if (claim) {
          this.launch(startExecution(claim, this.config));
          continue;
        }
        await this.sleep(this.config.pollIntervalMs);
      } catch (error) {
        this.log(`could not claim (${isConnectionError(error) ? "database unreachable" : String(error)}); retrying in ${backoffMs} ms`);
        await this.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      }
    }
  }

  private launch(execution: Execution): void {
    const { runId, attempt } = execution.claim;
    this.executions.set(runId, execution);
    execution.done
      .then(
        (end) => this.finished.push({ runId, attempt, end }),
        (error: unknown) => this.log(`run ${runId} ended in an error: ${String(error)} (its lease will lapse and it will be taken over)`),
      )
      .finally(() => {
        this.executions.delete(runId);
        this.wake();
      });
  }

  private async takeOver(): Promise<void> {
    try {
      for (const result of await takeOverExpiredRuns(this.config.workerId)) {
        this.log(`took over run ${result.runId}: ${result.outcome === "requeued" ? `queued again as attempt ${result.attempt + 1}` : "failed, out of attempts"}`);
      }
    } catch (error) {
      if (!isConnectionError(error)) this.log(`takeover check failed: ${String(error)}`);
    }
  }

  /** Sleeps until `ms` pass, a queued run is announced, a slot frees up, or stop() is called. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  private log(message: string): void {
    console.log(`[worker ${this.config.workerId}] ${message}`);
  }
}
