/**
 * The live side of the benchmark: open server-sent-event streams on running runs, and a worker
 * that reports progress on each of those runs every second through the worker's own Recorder
 * (the same UPDATE and NOTIFY a training run makes).
 */
import http from "node:http";
import type { RunProgress } from "@/lib/runs/run-progress";
import { Recorder } from "@/worker/recorder";

export interface OpenStreams {
  /** Snapshot events received so far, over every stream. */
  events(): number;
  /** Streams that failed to open or closed early. */
  failures(): number;
  close(): void;
}

/** Opens `count` streams spread evenly over the runs; resolves once every stream answered. */
export async function openStreams(origin: string, runIds: readonly string[], count: number): Promise<OpenStreams> {
  const requests: http.ClientRequest[] = [];
  let events = 0;
  let failures = 0;
  let closing = false;
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const opened = Array.from({ length: count }, (_, index) => {
    const runId = runIds[index % runIds.length]!;
    return new Promise<void>((resolve) => {
      const request = http.get(`${origin}/api/runs/${runId}/events`, { agent, headers: { Accept: "text/event-stream" } }, (response) => {
        if (response.statusCode !== 200) {
          failures += 1;
          console.error(`[bench] stream on run ${runId} answered ${response.statusCode}`);
        }
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          events += chunk.split("event: snapshot").length - 1;
        });
        response.on("end", () => {
          if (!closing && response.statusCode === 200) {
            failures += 1;
            console.error(`[bench] stream on run ${runId} ended early`);
          }
        });
        resolve();
      });
      request.on("error", () => {
        if (!closing) failures += 1;
        resolve();
      });
      requests.push(request);
    });
  });
  await Promise.all(opened);
  return {
    events: () => events,
    failures: () => failures,
    close: () => {
      closing = true;
      for (const request of requests) request.destroy();
      agent.destroy();
    },
  };
}

export interface ProgressReporter {
  /** Progress changes written so far (each one UPDATE + NOTIFY). */
  changes(): number;
  stop(): Promise<void>;
}

/** Reports progress on every run once a second, as the worker does while it trains. */
export function reportProgressEverySecond(runIds: readonly string[]): ProgressReporter {
  let changes = 0;
  let step = 0;
  const recorders = runIds.map(
    (runId) =>
      new Recorder({ runId, workerId: "bench-worker", attempt: 1 }, { onFailure: (error) => console.error(`[bench] progress of ${runId} failed:`, error) }, 0),
  );
  const timer = setInterval(() => {
    step += 1;
    const progress: RunProgress = {
      epochsDone: 1,
      epochsTotal: 5,
      runEpochs: 5,
      epoch: 2,
      step: step % 59,
      steps: 59,
      budgetsDone: [],
      etaSeconds: 600 - (step % 600),
      updatedAt: new Date().toISOString(),
    };
    for (const recorder of recorders) recorder.progress(progress);
    changes += recorders.length;
  }, 1_000);
  return {
    changes: () => changes,
    stop: async () => {
      clearInterval(timer);
      await Promise.all(recorders.map((recorder) => recorder.drain()));
    },
  };
}
