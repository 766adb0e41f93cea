/**
 * `npm run worker` (via scripts/worker.ts) or `npm start`'s worker: works the verification queue
 * against DATABASE_URL until SIGINT/SIGTERM, then hands its runs back to the queue and exits.
 */
import { closeDb } from "@/lib/db";
import { envOrExit } from "@/lib/env";
import { closeRunListener } from "@/lib/runs/listen";
import { readWorkerConfig } from "./config";
import { Worker } from "./worker";

const settings = envOrExit();
if (!settings.DATABASE_URL) {
  console.error("DATABASE_URL is not set: the worker needs Catwalk's PostgreSQL");
  process.exit(1);
}

const worker = new Worker(readWorkerConfig(settings));
worker.start();

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: stopping`);
  await worker.stop();
  await closeRunListener().catch(() => undefined);
  await closeDb().catch(() => undefined);
  process.exit(0);
}

// Every known failure is handled where it happens; anything else is logged, not fatal: a worker
// that exits loses its run's lease for nothing.
process.on("unhandledRejection", (error) => console.error("[worker] unhandled rejection:", error));

process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
